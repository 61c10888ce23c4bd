/**
 * What `clasp push` (@google/clasp 3.4.1) would send, worked out offline the
 * way clasp does it (build/src/core/clasp.js and files.js of the package):
 *
 * - the project is the nearest `.clasp.json` at or above the directory clasp
 *   runs in; without one there is no project, and `clasp create` makes one.
 *   A `.clasp.json` that has a `scriptId` key at all, even "", counts as an
 *   existing project: `clasp create` then refuses ("Project file already exists").
 * - files come from `rootDir` (or `srcDir`), which must lie inside the project;
 *   `.claspignore` beside `.clasp.json` replaces the default ignore rules;
 *   matching is micromatch's, dot files included, paths relative to rootDir.
 * - only script files (.js, .gs), .html and appsscript.json are pushed;
 *   symbolic links are skipped; Code.js beside Code.gs is a conflict.
 * - push order: the files named in `filePushOrder` (paths as clasp prints
 *   them, relative to where it runs) first, in that order, then the rest by
 *   `localeCompare` of that path.
 * - `clasp push` asks before overwriting the remote manifest, defaulting to No
 *   and answering No by itself when not interactive; `--force` skips only
 *   that question.
 */
import fs from 'node:fs';
import path from 'node:path';
import micromatch from 'micromatch';

/** The folder the build writes and clasp pushes from (`rootDir` of .clasp.json). */
export const CLASP_ROOT_DIR = 'dist';

/** clasp's rules when there is no .claspignore (clasp.js DEFAULT_CLASP_IGNORE). */
export const DEFAULT_CLASP_IGNORE = [
  '**/**',
  '!**/appsscript.json',
  '!**/*.gs',
  '!**/*.js',
  '!**/*.ts',
  '!**/*.html',
  '.git/**',
  'node_modules/**',
];

export interface ClaspConfig {
  scriptId?: unknown;
  rootDir?: string;
  srcDir?: string;
  filePushOrder?: string[];
  scriptExtensions?: string[] | string;
  htmlExtensions?: string[] | string;
  jsonExtensions?: string[] | string;
  fileExtension?: string;
  skipSubdirectories?: boolean;
}

export interface ClaspProject {
  /** Where clasp would run (the repository root). */
  cwd: string;
  /** The .clasp.json clasp finds, or null when there is none yet. */
  configPath: string | null;
  config: ClaspConfig;
  projectRoot: string;
  contentDir: string;
  ignorePath: string | null;
  ignorePatterns: string[];
}

export type FileType = 'SERVER_JS' | 'HTML' | 'JSON';

export interface PushedFile {
  /** As clasp prints it: relative to where clasp runs. */
  localPath: string;
  /** The name in the Apps Script project (no extension; the manifest is "appsscript"). */
  remotePath: string;
  type: FileType;
  bytes: number;
}

export interface PushPlan {
  files: PushedFile[];
  skipped: { localPath: string; reason: 'symlink' | 'unsupported_type' | 'ignored' }[];
}

/** The nearest .clasp.json at or above `dir`, as clasp's find-up does. */
export function findClaspJson(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, '.clasp.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return null;
  }
}

/**
 * The project clasp would see from `cwd`. With no .clasp.json, `assumed` is
 * the configuration `clasp create --rootDir …` (or npm run setup:clasp) will
 * write, so a fresh clone can be checked before anyone signs in.
 */
export function loadProject(cwd: string, assumed: ClaspConfig = {}): ClaspProject {
  const configPath = findClaspJson(cwd);
  const config: ClaspConfig = configPath
    ? (JSON.parse(fs.readFileSync(configPath, 'utf8').replace(/^\uFEFF/, '')) as ClaspConfig)
    : assumed;
  const projectRoot = configPath ? path.dirname(configPath) : path.resolve(cwd);
  const contentDir = path.resolve(projectRoot, config.srcDir || config.rootDir || '.');
  const ignoreCandidate = path.join(projectRoot, '.claspignore');
  const ignorePath = fs.existsSync(ignoreCandidate) ? ignoreCandidate : null;
  const ignorePatterns = ignorePath
    ? fs
        .readFileSync(ignorePath, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .filter((l) => l.length > 0)
    : DEFAULT_CLASP_IGNORE;
  return { cwd: path.resolve(cwd), configPath, config, projectRoot, contentDir, ignorePath, ignorePatterns };
}

/** True when the project file makes `clasp create` refuse: it names a scriptId, even an empty one. */
export function claspCreateRefuses(project: ClaspProject): boolean {
  return project.configPath !== null && project.config.scriptId !== undefined;
}

function extensions(v: string[] | string | undefined, fallback: string[]): string[] {
  const list = v === undefined ? fallback : Array.isArray(v) ? v : [v];
  return list.map((e) => {
    const x = e.toLowerCase().trim();
    return x.startsWith('.') ? x : `.${x}`;
  });
}

function fileType(file: string, config: ClaspConfig): FileType | null {
  const ext = path.extname(file).toLowerCase();
  const script = extensions(config.scriptExtensions ?? config.fileExtension, ['js', 'gs']);
  if (script.includes(ext)) return 'SERVER_JS';
  if (extensions(config.htmlExtensions, ['html']).includes(ext)) return 'HTML';
  if (
    extensions(config.jsonExtensions, ['json']).includes(ext) &&
    path.basename(file, path.extname(file)) === 'appsscript'
  )
    return 'JSON';
  return null;
}

function crawl(dir: string, recursive: boolean, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) return recursive ? crawl(path.join(dir, d.name), recursive, rel) : [];
    return [rel];
  });
}

/** clasp's order: filePushOrder entries first (in their order), the rest by localeCompare. */
export function claspPushOrder(localPaths: readonly string[], filePushOrder: readonly string[] = []): string[] {
  const order = filePushOrder.map((p) => path.normalize(p));
  const rank = (p: string): number => order.indexOf(path.normalize(p));
  return [...localPaths].sort((a, b) => {
    const ia = rank(a);
    const ib = rank(b);
    if (ia === -1 && ib === -1) return a.localeCompare(b);
    if (ia === -1) return 1;
    if (ib === -1) return -1;
    return ia - ib;
  });
}

/** Every file `clasp push` would send, in push order, and what it would leave out and why. */
export function planPush(project: ClaspProject): PushPlan {
  const { contentDir, config } = project;
  const all = crawl(contentDir, !config.skipSubdirectories);
  const kept = new Set(micromatch.not(all, project.ignorePatterns, { dot: true }));
  const skipped: PushPlan['skipped'] = [];
  const files: PushedFile[] = [];
  const scripts = new Set<string>();
  for (const rel of all.sort((a, b) => a.localeCompare(b))) {
    const abs = path.join(contentDir, rel);
    const localPath = path.relative(project.cwd, abs);
    if (!kept.has(rel)) {
      skipped.push({ localPath, reason: 'ignored' });
      continue;
    }
    if (fs.lstatSync(abs).isSymbolicLink()) {
      skipped.push({ localPath, reason: 'symlink' });
      continue;
    }
    const type = fileType(rel, config);
    if (!type) {
      skipped.push({ localPath, reason: 'unsupported_type' });
      continue;
    }
    const parsed = path.parse(rel);
    const remotePath = type === 'JSON' ? 'appsscript' : path.posix.join(parsed.dir, parsed.name);
    if (type === 'SERVER_JS') {
      if (scripts.has(remotePath))
        throw new Error(
          `clasp refuses to push: two script files would both be "${remotePath}" (Conflicting files found).`,
        );
      scripts.add(remotePath);
    }
    files.push({ localPath, remotePath, type, bytes: fs.statSync(abs).size });
  }
  const order = claspPushOrder(
    files.map((f) => f.localPath),
    config.filePushOrder,
  );
  files.sort((a, b) => order.indexOf(a.localPath) - order.indexOf(b.localPath));
  return { files, skipped };
}
