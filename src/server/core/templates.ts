/**
 * The template renderer (SPEC.md "Emails"). `{{Field Name}}` is required,
 * `{{Field Name?}}` optional (a line of only empty optional placeholders is
 * left out); names match case- and space-insensitively. The
 * template is cut into literal text and placeholders first and each value is
 * put in once, so a value is never read as template text or HTML.
 */
import { CLIENT_FACING_TEMPLATES, TEMPLATE_KEYS } from './schema';
import { LINK_FIELDS, SENSITIVE_FIELDS, SETTING_FIELDS } from './fields';
import { escapeHtml, normalizeHeader } from './text';

export interface Template {
  key: string;
  subject: string;
  body: string;
}
/** Field values as the sheet displays them, keyed by field name (matched case- and space-insensitively). */
export type Fields = Record<string, string>;
export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export class TemplateError extends Error {
  constructor(
    readonly key: string,
    readonly unknown: string[],
    readonly empty: string[],
  ) {
    super(templateErrorMessage(key, unknown, empty));
    this.name = 'TemplateError';
  }
}

// ---- Reading a template -------------------------------------------------------

interface Literal {
  kind: 'text';
  text: string;
}
interface Placeholder {
  kind: 'field';
  name: string;
  key: string;
  optional: boolean;
}
type Token = Literal | Placeholder;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function tokenize(source: string): Token[] {
  const text = String(source ?? '');
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    if (at > last) tokens.push({ kind: 'text', text: text.slice(last, at) });
    let inner = m[1].trim();
    const optional = inner.endsWith('?');
    if (optional) inner = inner.slice(0, -1).trim();
    const name = inner.replace(/\s+/g, ' ');
    tokens.push({ kind: 'field', name, key: normalizeHeader(name), optional });
    last = at + m[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}

const shown = (name: string) => `{{${name}}}`;

/**
 * The fields a template uses, subject first, once each. A field written both
 * ways counts as required (optional only when every use is optional).
 */
export function placeholders(t: Template): { name: string; optional: boolean }[] {
  const byKey = new Map<string, { name: string; optional: boolean }>();
  for (const tok of [...tokenize(t.subject), ...tokenize(t.body)]) {
    if (tok.kind !== 'field') continue;
    const seen = byKey.get(tok.key);
    if (seen) seen.optional = seen.optional && tok.optional;
    else byKey.set(tok.key, { name: tok.name, optional: tok.optional });
  }
  return [...byKey.values()];
}

// ---- Rendering -----------------------------------------------------------------

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** A piece of the body: template text, or a value (a link field's https:// URL is made a link too). */
interface Piece {
  text: string;
  fromTemplate: boolean;
  link?: boolean;
}
const linkFields = new Set(LINK_FIELDS.map(normalizeHeader));

export function render(t: Template, fields: Fields): Rendered {
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(fields ?? {})) {
    values.set(normalizeHeader(k), v === null || v === undefined ? '' : String(v));
  }
  const unknown: string[] = [];
  const empty: string[] = [];
  const note = (list: string[], name: string) => {
    if (!list.some((n) => normalizeHeader(n) === normalizeHeader(name))) list.push(name);
  };
  // Each placeholder becomes the text that replaces it; problems are collected so one error names them all.
  const resolve = (tokens: Token[]): Piece[] =>
    tokens.map((tok) => {
      if (tok.kind === 'text') return { text: tok.text, fromTemplate: true };
      const value = tok.key === '' ? undefined : values.get(tok.key);
      if (value === undefined) {
        note(unknown, tok.name);
        return { text: '', fromTemplate: false };
      }
      if (value.trim() === '') {
        if (!tok.optional) note(empty, tok.name);
        return { text: '', fromTemplate: false };
      }
      return { text: value, fromTemplate: false, link: linkFields.has(tok.key) };
    });

  const subjectPieces = resolve(tokenize(t.subject));
  const bodyPieces = resolve(tokenize(withoutEmptyOptionalLines(String(t.body ?? ''), values)));
  if (unknown.length > 0 || empty.length > 0) throw new TemplateError(t.key, unknown, empty);

  return {
    subject: subjectPieces
      .map((p) => p.text)
      .join('')
      .replace(LINE_BREAK, ' ')
      .trim(),
    text: bodyPieces.map((p) => p.text).join(''),
    html: toHtml(bodyPieces),
  };
}

const LINE = /(\r\n|[\r\n\u0085\u2028\u2029])/;
const isBlank = (line: string | undefined): boolean => line !== undefined && line.trim() === '';

/**
 * A line that holds only optional placeholders, all of them empty, is left
 * out, and with it the blank line that follows it when it stands as its own
 * paragraph: `{{Answer Link?}}` between two blank lines leaves the email as if
 * it were not in the template.
 */
function withoutEmptyOptionalLines(body: string, values: Map<string, string>): string {
  const parts = body.split(LINE);
  const lines = parts.filter((_, i) => i % 2 === 0);
  const breaks = parts.filter((_, i) => i % 2 === 1);
  const vanishing = (line: string): boolean => {
    const tokens = tokenize(line);
    return (
      tokens.some((tok) => tok.kind === 'field') &&
      tokens.every((tok) =>
        tok.kind === 'text'
          ? tok.text.trim() === ''
          : tok.optional && values.has(tok.key) && (values.get(tok.key) ?? '').trim() === '',
      )
    );
  };
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    if (vanishing(lines[i])) {
      const ownParagraph = (i === 0 || isBlank(lines[i - 1])) && isBlank(lines[i + 1]);
      if (ownParagraph) i++;
      continue;
    }
    out += lines[i] + (breaks[i] ?? '');
  }
  return out;
}

function templateErrorMessage(key: string, unknown: string[], empty: string[]): string {
  const list = (names: string[]) => names.map(shown).join(', ');
  const parts: string[] = [];
  if (unknown.length > 0) {
    parts.push(`unknown placeholder${unknown.length > 1 ? 's' : ''} ${list(unknown)}`);
  }
  if (empty.length > 0) {
    const settings = empty.filter((n) => SETTING_FIELDS.some((s) => normalizeHeader(s) === normalizeHeader(n)));
    const hint = settings.length > 0 ? ` (fill in ${settings.join(', ')} on the Settings tab)` : '';
    parts.push(`empty required placeholder${empty.length > 1 ? 's' : ''} ${list(empty)} for this case${hint}`);
  }
  return `Template ${key}: ${parts.join('; ')}.`;
}

// ---- HTML ------------------------------------------------------------------------

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const CONTAINER_STYLE = `font-family:${FONT};font-size:15px;line-height:1.5;color:#202124;max-width:600px;`;
const PARAGRAPH_STYLE = 'margin:0 0 1em 0;';
const LINK_STYLE = 'color:#1a5fb4;';

/**
 * Blank line → new paragraph, single line break → <br>; the template's text and
 * every value escaped; only the template's own https:// URLs, and those of the
 * add-on's link fields (the client's answer link), become links.
 */
function toHtml(pieces: Piece[]): string {
  const lines: Piece[][] = [[]];
  for (const p of pieces) {
    p.text.split(LINE_BREAK).forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1].push({ ...p, text: part });
    });
  }
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.every((p) => p.text.trim() === '')) {
      if (current.length > 0) paragraphs.push(current);
      current = [];
      continue;
    }
    current.push(line.map((p) => (p.fromTemplate || p.link ? linkify(p.text) : escapeHtml(p.text))).join(''));
  }
  if (current.length > 0) paragraphs.push(current);
  const body = paragraphs.map((p) => `<p style="${PARAGRAPH_STYLE}">${p.join('<br>')}</p>`).join('\n');
  return `<div style="${CONTAINER_STYLE}">\n${body}\n</div>`;
}

const URL_IN_TEXT = /https:\/\/[^\s<>"'{}]+/g;

function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const at = m.index ?? 0;
    let url = m[0];
    // Sentence punctuation after a URL is not part of it; a ')' is only when the URL opened one.
    while (/[.,;:!?)\]]$/.test(url) && !(url.endsWith(')') && url.includes('('))) url = url.slice(0, -1);
    if (url.length <= 'https://'.length) continue;
    out += escapeHtml(text.slice(last, at));
    out += `<a href="${escapeHtml(url)}" style="${LINK_STYLE}">${escapeHtml(url)}</a>`;
    last = at + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

// ---- Checks for preview and the Templates tab ---------------------------------------

/**
 * Minimum necessary: one warning per placeholder of a client-facing template
 * that names a field such as Insurance or Medicaid.
 */
export function sensitiveFieldWarnings(t: Template): string[] {
  if (!(CLIENT_FACING_TEMPLATES as readonly string[]).includes(String(t.key).trim())) return [];
  const sensitive = new Set(SENSITIVE_FIELDS.map(normalizeHeader));
  return placeholders(t)
    .filter((p) => sensitive.has(normalizeHeader(p.name)))
    .map(
      (p) =>
        `Template ${t.key} sends ${shown(p.name)} to a client: emails to clients should carry only what they need (minimum necessary). Remove it unless the client must see it.`,
    );
}

/**
 * Problems a person should fix on the Templates tab: an unknown key or
 * placeholder, braces that do not pair up, an empty subject (a text message
 * has none) or body.
 */
export function lintTemplate(t: Template, knownFields: readonly string[]): string[] {
  const problems: string[] = [];
  const key = String(t.key ?? '').trim();
  if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) {
    problems.push(`Template key "${key}" is not one the add-on uses (${TEMPLATE_KEYS.join(', ')}).`);
  }
  const known = new Set(knownFields.map(normalizeHeader));
  for (const [part, source] of [
    ['Subject', t.subject],
    ['Body', t.body],
  ] as const) {
    const tokens = tokenize(source);
    for (const tok of tokens) {
      if (tok.kind !== 'field') continue;
      if (tok.key === '')
        problems.push(
          `Template ${key}: the ${part} has an empty placeholder {{}}; write a field name inside the braces.`,
        );
      else if (!known.has(tok.key))
        problems.push(`Template ${key}: unknown placeholder ${shown(tok.name)} in the ${part}.`);
    }
    const leftover = tokens
      .filter((x): x is Literal => x.kind === 'text')
      .map((x) => x.text)
      .join('\u0000');
    if (/\{\{|\}\}/.test(leftover)) {
      problems.push(
        `Template ${key}: the ${part} has braces that do not pair up; write placeholders as {{Field Name}}.`,
      );
    } else if (/\{[^{}\s][^{}]*\}/.test(leftover)) {
      problems.push(
        `Template ${key}: the ${part} has a name in single braces; placeholders take two, as in {{Field Name}}.`,
      );
    }
  }
  if (String(t.subject ?? '').trim() === '' && key !== 'TEXT_FOLLOWUP')
    problems.push(`Template ${key} has an empty Subject.`);
  if (String(t.body ?? '').trim() === '') problems.push(`Template ${key} has an empty Body.`);
  return dedupe(problems);
}

function dedupe(xs: string[]): string[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}
