/**
 * HtmlService (developers.google.com/apps-script/reference/html/html-service),
 * HtmlOutput and HtmlTemplate. Templates run in the script's own context, so
 * scriptlets see its globals (an include() helper, its constants), and their
 * variables are properties assigned on the template
 * (developers.google.com/apps-script/guides/html/templates).
 */
import vm from 'node:vm';
import { ScriptEnv } from './env';
import { BlobImpl } from './utilities';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class HtmlOutputImpl {
  title = '';
  width: number | null = null;
  height: number | null = null;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  faviconUrl: string | null = null;
  metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly env: ScriptEnv,
    public content: string,
  ) {}

  private call<T>(m: string, impl: () => T): T {
    return this.env.call(`HtmlOutput.${m}`, impl);
  }
  private chain(m: string, impl: () => void): this {
    return this.call(m, () => {
      impl();
      return this;
    });
  }

  getContent(): string {
    return this.call('getContent', () => this.content);
  }
  setContent(content: string): this {
    return this.chain('setContent', () => {
      this.content = String(content);
    });
  }
  append(addedContent: string): this {
    return this.chain('append', () => {
      this.content += String(addedContent);
    });
  }
  appendUntrusted(addedContent: string): this {
    return this.chain('appendUntrusted', () => {
      this.content += escapeHtml(String(addedContent));
    });
  }
  clear(): this {
    return this.chain('clear', () => {
      this.content = '';
    });
  }
  getTitle(): string {
    return this.call('getTitle', () => this.title);
  }
  setTitle(title: string): this {
    return this.chain('setTitle', () => {
      this.title = String(title);
    });
  }
  getWidth(): number | null {
    return this.call('getWidth', () => this.width);
  }
  setWidth(width: number): this {
    return this.chain('setWidth', () => {
      this.width = requirePixels(width, 'width');
    });
  }
  getHeight(): number | null {
    return this.call('getHeight', () => this.height);
  }
  setHeight(height: number): this {
    return this.chain('setHeight', () => {
      this.height = requirePixels(height, 'height');
    });
  }
  setSandboxMode(mode: string): this {
    return this.chain('setSandboxMode', () => {
      this.sandboxMode = String(mode);
    });
  }
  setXFrameOptionsMode(mode: string): this {
    return this.chain('setXFrameOptionsMode', () => {
      this.xFrameOptionsMode = String(mode);
    });
  }
  getFaviconUrl(): string | null {
    return this.call('getFaviconUrl', () => this.faviconUrl);
  }
  setFaviconUrl(url: string): this {
    return this.chain('setFaviconUrl', () => {
      this.faviconUrl = String(url);
    });
  }
  addMetaTag(name: string, content: string): this {
    return this.chain('addMetaTag', () => {
      this.metaTags.push({ name: String(name), content: String(content) });
    });
  }
  getMetaTags(): { getName(): string; getContent(): string }[] {
    const env = this.env;
    return this.call('getMetaTags', () =>
      this.metaTags.map((t) => ({
        getName: () => env.call('HtmlOutputMetaTag.getName', () => t.name),
        getContent: () => env.call('HtmlOutputMetaTag.getContent', () => t.content),
      })),
    );
  }
  asTemplate(): HtmlTemplateImpl {
    return this.call('asTemplate', () => new HtmlTemplateImpl(this.env, this.content));
  }
  getBlob(): BlobImpl {
    return this.call(
      'getBlob',
      () => new BlobImpl(this.env, Buffer.from(this.content, 'utf8'), 'text/html', this.title || null),
    );
  }
}

function requirePixels(v: unknown, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Invalid argument: ${name}`);
  return n;
}

/** Compiles template text to the body of a function that appends to __out. */
export function compileTemplate(source: string): string {
  const parts: string[] = [];
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    if (m.index > last) parts.push(`__out.push(${JSON.stringify(source.slice(last, m.index))});`);
    const code = m[2];
    // A printing scriptlet is an expression; a trailing semicolon is tolerated.
    const expr = code.trim().replace(/;+$/, '');
    if (m[1] === '=') parts.push(`__out.push(__escape(${expr}));`);
    else if (m[1] === '!=') parts.push(`__out.push(__raw(${expr}));`);
    else parts.push(code.trim().endsWith(';') || code.trim() === '' ? code : `${code}\n`);
    last = re.lastIndex;
  }
  if (last < source.length) parts.push(`__out.push(${JSON.stringify(source.slice(last))});`);
  return parts.join('\n');
}

/** Runs inside the script's context: text, escaping and `output` are of its realm. */
const TEMPLATE_RUNTIME = `(function (__body) {
  return new Function('__vars', '__escape', '__raw', 'var __out = [];\\n' +
    'var output = { append: function (s) { __out.push(String(s)); return output; },' +
    ' appendUntrusted: function (s) { __out.push(__escape(s)); return output; },' +
    ' clear: function () { __out.length = 0; return output; },' +
    ' getContent: function () { return __out.join(""); } };\\n' +
    'with (__vars) {\\n' + __body + '\\n}\\nreturn __out.join("");');
})`;

export class HtmlTemplateImpl {
  constructor(
    private readonly env: ScriptEnv,
    private readonly source: string,
  ) {}

  getRawContent(): string {
    return this.env.call('HtmlTemplate.getRawContent', () => this.source);
  }
  getCode(): string {
    return this.env.call('HtmlTemplate.getCode', () => compileTemplate(this.source));
  }
  getCodeWithComments(): string {
    return this.env.call('HtmlTemplate.getCodeWithComments', () => compileTemplate(this.source));
  }

  evaluate(): HtmlOutputImpl {
    return this.env.call('HtmlTemplate.evaluate', () => {
      const ctx = (this.env.context ?? vm.createContext({})) as vm.Context;
      const make = vm.runInContext(TEMPLATE_RUNTIME, ctx) as (
        body: string,
      ) => (vars: object, esc: unknown, raw: unknown) => string;
      // Variables are the properties a script assigned on the template object.
      const vars: Record<string, unknown> = {};
      for (const k of Object.keys(this))
        if (k !== 'env' && k !== 'source') vars[k] = (this as unknown as Record<string, unknown>)[k];
      const escape = (v: unknown) => (v === null || v === undefined ? '' : escapeHtml(String(v)));
      const raw = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      const html = make(compileTemplate(this.source))(vars, escape, raw);
      return new HtmlOutputImpl(this.env, html);
    });
  }
}

export function createHtmlService(env: ScriptEnv): object {
  const fileNamed = (name: unknown): string => {
    const n = String(name);
    const content = env.files[n] ?? env.files[n.replace(/\.html$/, '')];
    if (content === undefined) throw new Error(`No HTML file named ${n} was found.`);
    return content;
  };
  const textOf = (v: unknown): string =>
    v instanceof BlobImpl ? v.bytes.toString('utf8') : v === undefined ? '' : String(v);
  return {
    SandboxMode,
    XFrameOptionsMode,
    createHtmlOutput: (html?: unknown) =>
      env.call('HtmlService.createHtmlOutput', () => new HtmlOutputImpl(env, textOf(html))),
    createHtmlOutputFromFile: (filename: unknown) =>
      env.call('HtmlService.createHtmlOutputFromFile', () => new HtmlOutputImpl(env, fileNamed(filename))),
    createTemplate: (html: unknown) =>
      env.call('HtmlService.createTemplate', () => new HtmlTemplateImpl(env, textOf(html))),
    createTemplateFromFile: (filename: unknown) =>
      env.call('HtmlService.createTemplateFromFile', () => new HtmlTemplateImpl(env, fileNamed(filename))),
    getUserAgent: () => env.call('HtmlService.getUserAgent', () => 'Mozilla/5.0 (emulated)'),
  };
}
