/**
 * dist/Code.js loads the way Apps Script loads it: every .js file of dist/ in
 * push order into a fresh context holding only ECMAScript builtins plus the
 * Apps Script globals, with every export of the entry as a top-level function.
 */
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { CLASP_ROOT_DIR, loadProject, planPush } from '../../dev/deploy/clasp';
import { freeGlobals } from './freeGlobals';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');

/** Globals the Apps Script V8 runtime provides besides ECMAScript (developers.google.com/apps-script/reference). */
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'MailApp',
  'GmailApp',
  'ScriptApp',
  'LockService',
  'PropertiesService',
  'CacheService',
  'HtmlService',
  'Session',
  'Utilities',
  'DriveApp',
  'Charts',
  'Logger',
  'console',
];
/** What Node or a browser has and Apps Script does not. */
const FORBIDDEN = [
  'require',
  'process',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'fetch',
  'structuredClone',
  'window',
  'document',
  'Buffer',
  'global',
  'module',
  'exports',
  'queueMicrotask',
  'atob',
  'btoa',
  'navigator',
  'self',
];

const ecmaGlobals = new Set<string>(vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]);

function entryExports(): string[] {
  const r = buildSync({
    entryPoints: [path.join(root, 'src/server/index.ts')],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  return Object.values(r.metafile!.outputs)[0].exports.slice().sort();
}

/** The script files `clasp push` sends, in its order (dev/deploy/clasp.ts models clasp 3.4.1). */
function pushOrder(): string[] {
  return planPush(loadProject(root, { rootDir: CLASP_ROOT_DIR }))
    .files.filter((f) => f.type === 'SERVER_JS')
    .map((f) => path.relative(dist, path.resolve(root, f.localPath)));
}

/** A context with only ECMAScript builtins plus Apps Script globals that record every call. */
function appsScriptContext(calls: string[]): vm.Context {
  const recorder = (name: string): unknown =>
    new Proxy(function () {}, {
      get: (_t, prop) => (prop === Symbol.toPrimitive ? undefined : recorder(`${name}.${String(prop)}`)),
      apply: () => {
        calls.push(name);
        return recorder(`${name}()`);
      },
    });
  const sandbox: Record<string, unknown> = {};
  for (const g of APPS_SCRIPT_GLOBALS) sandbox[g] = recorder(g);
  return vm.createContext(sandbox);
}

describe('the pushed bundle', () => {
  const files = pushOrder();
  const code = files.map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');

  it('has Code.js and the manifest in dist/', () => {
    expect(files).toContain('Code.js');
    expect(fs.existsSync(path.join(dist, 'appsscript.json'))).toBe(true);
  });

  it('declares every export of the entry as a top-level function', () => {
    const calls: string[] = [];
    const ctx = appsScriptContext(calls);
    for (const f of files) vm.runInContext(fs.readFileSync(path.join(dist, f), 'utf8'), ctx, { filename: f });
    const exported = entryExports();
    expect(exported.length).toBeGreaterThan(0);
    for (const name of exported) {
      expect(vm.runInContext(`typeof ${name}`, ctx)).toBe('function');
      // A function declaration, not a var holding a function: visible to menus, triggers and google.script.run.
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
  });

  it('makes no service call while loading', () => {
    const calls: string[] = [];
    const ctx = appsScriptContext(calls);
    for (const f of files) vm.runInContext(fs.readFileSync(path.join(dist, f), 'utf8'), ctx, { filename: f });
    expect(calls).toEqual([]);
  });

  it('refers to no global that Apps Script lacks', () => {
    const allowed = new Set([...ecmaGlobals, ...APPS_SCRIPT_GLOBALS, 'CaseloadHandoff', ...entryExports()]);
    for (const f of FORBIDDEN) allowed.delete(f);
    const unknown = [...freeGlobals(code)].filter((g) => !allowed.has(g)).sort();
    expect(unknown).toEqual([]);
  });

  it('the free-globals check sees a forbidden global when one is used', () => {
    expect([...freeGlobals('function f(){ return setTimeout(g, 1) } var g = 1;')]).toEqual(['setTimeout']);
    expect([...freeGlobals('const {a, b: c} = o; function h(x){ return x.URL + a + c }')]).toEqual(['o']);
  });

  it('keeps no ES module syntax and no private class fields', () => {
    expect(code).not.toMatch(/^\s*export\s*(\{|default|function|const|class)/m);
    expect(code).not.toMatch(/^\s*import\s[^\n]*from\s*['"]/m);
    expect(code).not.toMatch(/\.#[A-Za-z_$]/);
  });

  it('asks only for least-privilege scopes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).not.toContain('https://mail.google.com/');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/userinfo.email',
        // Only files the add-on itself made: the platform check trashes its scratch spreadsheet.
        'https://www.googleapis.com/auth/drive.file',
      ]),
    );
  });
});
