/**
 * npm run deploy:check and npm run setup:clasp, on this repository's build and
 * on copies of it with one thing wrong. What clasp 3.4.1 does is read from its
 * source (node_modules/@google/clasp/build/src: commands/create-script.js
 * refuses when the project file names a scriptId; core/files.js collects,
 * ignores and orders the files; commands/push.js asks before overwriting the
 * manifest unless --force).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claspCreateRefuses, claspPushOrder, loadProject, planPush } from '../../dev/deploy/clasp';
import { checkDeployment } from '../../dev/deploy/check';
import { setUpClasp } from '../../dev/deploy/setupClasp';
import { ensureBuilt, ROOT } from '../support/hub';

const SCRIPT_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKlMnOpQ';

/** A copy of what the check reads: the build, the manifest, the README and the sidebar sources. */
function copyOfRepo(): string {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-check-'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'src/client'), path.join(dir, 'src/client'), { recursive: true });
  for (const f of ['appsscript.json', 'README.md']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  return dir;
}
const problems = (dir: string) => checkDeployment({ root: dir }).problems.join('\n');

describe('npm run deploy:check', () => {
  it('passes on this build, listing the four files clasp would push in its order', () => {
    const dir = copyOfRepo();
    const r = checkDeployment({ root: dir });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.plan?.files.map((f) => [f.localPath, f.remotePath, f.type])).toEqual([
      ['dist/Answer.html', 'Answer', 'HTML'],
      ['dist/appsscript.json', 'appsscript', 'JSON'],
      ['dist/Check.html', 'Check', 'HTML'],
      ['dist/Code.js', 'Code', 'SERVER_JS'],
      ['dist/Sidebar.html', 'Sidebar', 'HTML'],
    ]);
    expect(r.lines.join('\n')).toMatch(/no \.clasp\.json yet/);
  });

  it('refuses a .clasp.json with an empty scriptId, the file that made `clasp create` refuse', () => {
    const dir = copyOfRepo();
    fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId: '', rootDir: 'dist' }));
    expect(claspCreateRefuses(loadProject(dir))).toBe(true);
    expect(problems(dir)).toMatch(/scriptId "", which is not a script id.*"Project file already exists"/);
  });

  it('passes with a real script id, and fails when rootDir would push the repository instead of dist/', () => {
    const dir = copyOfRepo();
    fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId: SCRIPT_ID, rootDir: 'dist' }));
    expect(problems(dir)).toBe('');
    fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId: SCRIPT_ID, rootDir: '.' }));
    expect(problems(dir)).toMatch(/clasp would push from \., not dist: set "rootDir": "dist"/);
  });

  it('honours a .claspignore, which replaces the default rules: a built page it leaves out fails', () => {
    const dir = copyOfRepo();
    fs.writeFileSync(path.join(dir, '.claspignore'), '**/**\n!**/appsscript.json\n!**/*.js\n');
    const out = problems(dir);
    expect(out).toMatch(
      /dist\/Sidebar\.html is built but would not be pushed \(\.claspignore or the default rules leave it out\)/,
    );
    expect(out).toMatch(/the sidebar opens Sidebar\.html, which would not be pushed/);
  });

  it('fails on a file in dist/ the build did not make', () => {
    const dir = copyOfRepo();
    fs.writeFileSync(path.join(dir, 'dist/Old.js'), 'function old() {}\n');
    expect(problems(dir)).toMatch(/dist\/Old\.js would be pushed but is not part of the build/);
  });

  it('fails when a function a menu item names is not declared at the top level of Code.js', () => {
    const dir = copyOfRepo();
    const file = path.join(dir, 'dist/Code.js');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/^function showSidebar\(/m, 'var showSidebar = function ('),
    );
    expect(problems(dir)).toMatch(/the menu items name showSidebar\(\), which dist\/Code\.js does not declare/);
  });

  it('fails on a scope the README does not explain, and on a manifest that no longer matches the source', () => {
    const dir = copyOfRepo();
    const file = path.join(dir, 'dist/appsscript.json');
    const m = JSON.parse(fs.readFileSync(file, 'utf8'));
    m.oauthScopes.push('https://www.googleapis.com/auth/drive');
    fs.writeFileSync(file, JSON.stringify(m));
    const out = problems(dir);
    expect(out).toMatch(/asks for https:\/\/www\.googleapis\.com\/auth\/drive, broader than the add-on needs/);
    expect(out).toMatch(/auth\/drive has no row in the README/);
    expect(out).toMatch(/dist\/appsscript\.json differs from appsscript\.json/);
  });

  it('asks for a build when there is none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-check-'));
    expect(problems(dir)).toMatch(/dist\/Code\.js is missing: run `npm run build` first/);
  });
});

describe("clasp's push order", () => {
  it('sends filePushOrder first, in its order, then the rest by localeCompare', () => {
    expect(claspPushOrder(['dist/b.js', 'dist/Code.js', 'dist/a.js'], ['dist/b.js'])).toEqual([
      'dist/b.js',
      'dist/a.js',
      'dist/Code.js',
    ]);
  });

  it('skips symbolic links and files of other types, and refuses Code.js beside Code.gs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clasp-plan-'));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist/Code.js'), '');
    fs.writeFileSync(path.join(dir, 'dist/notes.ts'), '');
    fs.symlinkSync(path.join(dir, 'dist/Code.js'), path.join(dir, 'dist/Link.js'));
    const plan = planPush(loadProject(dir, { rootDir: 'dist' }));
    expect(plan.files.map((f) => f.localPath)).toEqual(['dist/Code.js']);
    expect(plan.skipped).toEqual([
      { localPath: 'dist/Link.js', reason: 'symlink' },
      { localPath: 'dist/notes.ts', reason: 'unsupported_type' },
    ]);
    fs.writeFileSync(path.join(dir, 'dist/Code.gs'), '');
    expect(() => planPush(loadProject(dir, { rootDir: 'dist' }))).toThrow(/Conflicting files found/);
  });
});

describe('npm run setup:clasp', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'setup-clasp-'));
  const read = (d: string) => JSON.parse(fs.readFileSync(path.join(d, '.clasp.json'), 'utf8'));

  it('writes .clasp.json for an existing project: its script id, files from dist', () => {
    const d = dir();
    expect(setUpClasp(d, [SCRIPT_ID])).toMatchObject({ ok: true });
    expect(read(d)).toEqual({ scriptId: SCRIPT_ID, rootDir: 'dist' });
  });

  it('refuses what is not a script id, and writes nothing', () => {
    const d = dir();
    expect(setUpClasp(d, ['https://script.google.com/d/x/edit']).message).toMatch(/is not an Apps Script script id/);
    expect(setUpClasp(d, []).message).toMatch(/^Usage: npm run setup:clasp -- <scriptId>/);
    expect(fs.existsSync(path.join(d, '.clasp.json'))).toBe(false);
  });

  it('keeps a .clasp.json that names another project unless told --force', () => {
    const d = dir();
    const other = SCRIPT_ID.replace('1Ab', '1Zz');
    setUpClasp(d, [SCRIPT_ID]);
    expect(setUpClasp(d, [other])).toMatchObject({ ok: false });
    expect(read(d).scriptId).toBe(SCRIPT_ID);
    expect(setUpClasp(d, [other, '--force'])).toMatchObject({ ok: true });
    expect(read(d).scriptId).toBe(other);
  });
});
