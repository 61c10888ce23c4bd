/**
 * npm run deploy:check — proves offline, before anyone signs in to Google,
 * what `npm run push` would send and that it would work once there:
 *
 * - the project file: none yet (checked as clasp create / setup:clasp will
 *   write it), or a .clasp.json whose scriptId is a real id and whose rootDir
 *   is dist/ (an empty scriptId makes `clasp create` refuse and gives push no
 *   target);
 * - the files, by clasp 3.4.1's own rules (dev/deploy/clasp.ts): exactly the
 *   built Code.js, the sidebar pages and the manifest, nothing ignored that
 *   the build made, nothing else;
 * - the manifest: V8, a time zone, least-privilege oauthScopes listed
 *   explicitly, each one explained in the README's scope table;
 * - every top-level function something names exists in dist/Code.js: the
 *   simple triggers, the menu items, the installable trigger handlers and
 *   every server call of the sidebar.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { MENU, SIDEBAR_FILE } from '../../src/server/workflows/menu';
import { NIGHTLY_HANDLER, RETRY_HANDLER } from '../../src/server/workflows/nightly/triggers';
import { CONTINUE_HANDLER } from '../../src/server/workflows/shared/email/pending';
import { CLASP_ROOT_DIR, claspCreateRefuses, loadProject, planPush, type PushPlan } from './clasp';

const ROOT = path.resolve(__dirname, '../..');
/** The reserved names Apps Script calls by itself (developers.google.com/apps-script/guides/triggers). */
export const SIMPLE_TRIGGERS = ['onOpen', 'onInstall', 'onEdit'];
/** The functions the add-on's installable triggers call. */
const TRIGGER_HANDLERS = [NIGHTLY_HANDLER, RETRY_HANDLER, CONTINUE_HANDLER];
/** Scopes the add-on must never ask for: a whole mailbox, a whole Drive. */
const TOO_BROAD = ['https://mail.google.com/', 'https://www.googleapis.com/auth/drive'];
/** What Apps Script script ids look like (Drive file ids). */
const SCRIPT_ID = /^[A-Za-z0-9_-]{25,}$/;

export interface CheckResult {
  ok: boolean;
  /** The report, one line each. */
  lines: string[];
  problems: string[];
  plan: PushPlan | null;
}

export interface CheckOptions {
  /** The repository (default: this one). */
  root?: string;
  /** Where clasp would run (default: root). */
  cwd?: string;
}

const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

export function checkDeployment(opts: CheckOptions = {}): CheckResult {
  const root = opts.root ?? ROOT;
  const cwd = opts.cwd ?? root;
  const dist = path.join(root, 'dist');
  const lines: string[] = ['deploy:check: what `npm run push` would send (clasp 3.4.1 rules, offline)'];
  const problems: string[] = [];
  const result = (plan: PushPlan | null): CheckResult => {
    lines.push(
      problems.length ? `FAILED: ${problems.length} problem(s):` : 'OK: npm run push would send exactly these files.',
    );
    for (const p of problems) lines.push(`  - ${p}`);
    return { ok: problems.length === 0, lines, problems, plan };
  };

  if (!fs.existsSync(path.join(dist, 'Code.js'))) {
    problems.push('dist/Code.js is missing: run `npm run build` first.');
    return result(null);
  }

  // ---- the project file ----
  const project = loadProject(cwd, { rootDir: CLASP_ROOT_DIR });
  const rel = (p: string): string => path.relative(cwd, p) || '.';
  if (!project.configPath) {
    lines.push(
      `  project    no .clasp.json yet: \`clasp create … --rootDir ${CLASP_ROOT_DIR}\` or \`npm run setup:clasp -- <scriptId>\` writes it; checked as rootDir ${CLASP_ROOT_DIR}`,
    );
  } else {
    const id = project.config.scriptId;
    lines.push(
      `  project    ${rel(project.configPath)}: scriptId ${JSON.stringify(id)}, rootDir ${rel(project.contentDir)}`,
    );
    if (typeof id !== 'string' || !SCRIPT_ID.test(id)) {
      problems.push(
        `${rel(project.configPath)} has scriptId ${JSON.stringify(id)}, which is not a script id: \`clasp push\` has nowhere to go, and \`clasp create\` refuses while the file names a scriptId at all ("Project file already exists"). Delete the file and run \`npx clasp create --type sheets --title "Caseload Handoff" --rootDir ${CLASP_ROOT_DIR}\`, or run \`npm run setup:clasp -- <scriptId>\`.`,
      );
    }
    if (claspCreateRefuses(project))
      lines.push('             (clasp create will refuse here: this project already has its file)');
  }
  if (path.resolve(project.contentDir) !== dist) {
    problems.push(
      `clasp would push from ${rel(project.contentDir)}, not ${rel(dist)}: set "rootDir": "${CLASP_ROOT_DIR}" in ${project.configPath ? rel(project.configPath) : '.clasp.json'}.`,
    );
  }
  lines.push(
    project.ignorePath
      ? `  ignore     ${rel(project.ignorePath)} (${project.ignorePatterns.length} rules; clasp's defaults no longer apply)`
      : "  ignore     clasp's default rules (no .claspignore)",
  );

  // ---- the files ----
  let plan: PushPlan;
  try {
    plan = planPush(project);
  } catch (e) {
    problems.push((e as Error).message);
    return result(null);
  }
  lines.push(`  files      ${plan.files.length}, in push order:`);
  const width = Math.max(...plan.files.map((f) => f.localPath.length), 10);
  for (const f of plan.files)
    lines.push(`               ${f.localPath.padEnd(width)} ${kib(f.bytes).padStart(10)}  → ${f.remotePath}`);
  const expected = ['appsscript.json', 'Code.js', ...builtPages(root)].map((f) => path.join(dist, f));
  const pushed = new Set(plan.files.map((f) => path.resolve(cwd, f.localPath)));
  for (const f of expected)
    if (!pushed.has(f)) problems.push(`${rel(f)} is built but would not be pushed${why(plan, cwd, f)}.`);
  for (const f of pushed)
    if (!expected.includes(f))
      problems.push(
        `${rel(f)} would be pushed but is not part of the build: remove it (npm run build starts dist/ afresh).`,
      );

  // ---- the manifest ----
  checkManifest(root, dist, lines, problems);

  // ---- the functions ----
  const code = fs.readFileSync(path.join(dist, 'Code.js'), 'utf8');
  const declared = topLevelFunctions(code);
  const named: [string, string[]][] = [
    ['simple triggers', SIMPLE_TRIGGERS],
    ['menu items', MENU.flatMap((e) => (e === 'separator' ? [] : [e.functionName]))],
    ['trigger handlers', [...TRIGGER_HANDLERS]],
    ['sidebar calls', sidebarCalls(root)],
  ];
  const counts = named.map(([what, names]) => `${what} ${new Set(names).size}`).join(', ');
  lines.push(
    `  functions  ${declared.size} top-level in Code.js (${kib(Buffer.byteLength(code))}); named by ${counts}`,
  );
  for (const [what, names] of named)
    for (const n of new Set(names))
      if (!declared.has(n))
        problems.push(`the ${what} name ${n}(), which dist/Code.js does not declare at the top level.`);
  const pages = plan.files.filter((f) => f.type === 'HTML').map((f) => f.remotePath);
  if (!pages.includes(SIDEBAR_FILE))
    problems.push(`the sidebar opens ${SIDEBAR_FILE}.html, which would not be pushed.`);
  return result(plan);
}

function why(plan: PushPlan, cwd: string, file: string): string {
  const s = plan.skipped.find((x) => path.resolve(cwd, x.localPath) === file);
  if (!s) return ' (it is outside the pushed folder)';
  return s.reason === 'ignored' ? ' (.claspignore or the default rules leave it out)' : ` (${s.reason})`;
}

/** The pages the build makes: one per src/client/*.html. */
function builtPages(root: string): string[] {
  const dir = path.join(root, 'src/client');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.html')) : [];
}

function checkManifest(root: string, dist: string, lines: string[], problems: string[]): void {
  const file = path.join(dist, 'appsscript.json');
  if (!fs.existsSync(file)) return; // reported with the files
  let m: { runtimeVersion?: string; timeZone?: string; oauthScopes?: unknown };
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`dist/appsscript.json is not JSON: ${(e as Error).message}`);
    return;
  }
  const source = path.join(root, 'appsscript.json');
  if (fs.existsSync(source) && fs.readFileSync(source, 'utf8') !== fs.readFileSync(file, 'utf8'))
    problems.push(
      'dist/appsscript.json differs from appsscript.json: run `npm run build` (a `clasp create` or `clasp pull` overwrites it).',
    );
  if (m.runtimeVersion !== 'V8') problems.push(`the manifest's runtimeVersion is ${String(m.runtimeVersion)}, not V8.`);
  if (!m.timeZone) problems.push('the manifest names no timeZone.');
  const scopes = Array.isArray(m.oauthScopes) ? m.oauthScopes.map(String) : [];
  if (scopes.length === 0)
    problems.push(
      'the manifest lists no oauthScopes: Apps Script would then ask for every scope it guesses from the code.',
    );
  for (const s of scopes)
    if (TOO_BROAD.includes(s)) problems.push(`the manifest asks for ${s}, broader than the add-on needs.`);
  const explained = readmeScopes(root);
  for (const s of scopes)
    if (!explained.has(s))
      problems.push(`the scope ${s} has no row in the README's "Why each OAuth scope is there" table.`);
  const short = scopes.map((s) => s.replace('https://www.googleapis.com/auth/', ''));
  lines.push(`  manifest   ${m.runtimeVersion}, ${m.timeZone}, ${scopes.length} scopes: ${short.join(', ')}`);
}

/** Scopes the README explains: the first cell of each row of its scope table, as `name`. */
function readmeScopes(root: string): Set<string> {
  const readme = path.join(root, 'README.md');
  if (!fs.existsSync(readme)) return new Set();
  const text = fs.readFileSync(readme, 'utf8');
  const table = text.split(/^###? Why each OAuth scope is there.*$/m)[1] ?? '';
  const rows = table.split(/\n(?=#)/)[0];
  return new Set(
    [...rows.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((r) =>
      r[1].startsWith('https://') ? r[1] : `https://www.googleapis.com/auth/${r[1]}`,
    ),
  );
}

/** Every server function the sidebar calls (`api.name(`), as written in its sources. */
export function sidebarCalls(root: string): string[] {
  const dir = path.join(root, 'src/client');
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(d, e.name);
      return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
    });
  const names = new Set<string>();
  for (const f of fs.existsSync(dir) ? walk(dir) : [])
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/\bapi\.([A-Za-z_$][\w$]*)\s*\(/g)) names.add(m[1]);
  return [...names].sort();
}

/**
 * The function declarations at the top level of a script: what menus,
 * triggers and google.script.run can name (a var holding a function is not one).
 */
export function topLevelFunctions(code: string): Set<string> {
  const file = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  const names = new Set<string>();
  for (const s of file.statements) if (ts.isFunctionDeclaration(s) && s.name) names.add(s.name.text);
  return names;
}

if (require.main === module) {
  const r = checkDeployment({ cwd: process.cwd() });
  console.log(r.lines.join('\n'));
  process.exit(r.ok ? 0 : 1);
}
