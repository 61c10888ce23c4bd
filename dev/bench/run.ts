/**
 * `npm run bench`: what every operation costs as the practice grows.
 *
 * Builds first (package.json), then takes a practice of 100, 1,000 and 5,000
 * clients through the whole process on the built bundle in the emulator
 * (dev/bench/scenario.ts), prints the tables and writes the results to
 * bench-results/latest.json and a timestamped copy.
 *
 *   npm run bench
 *   npm run bench -- --compare bench-results/<earlier>.json
 *   npm run bench -- --sizes 100,1000
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFiles, compare, floorsForJson, loadStats, render, type BenchResults } from './report';
import { runScenario, type SizeResult } from './scenario';

const ROOT = path.resolve(__dirname, '../..');
const DEFAULT_SIZES = [100, 1000, 5000];

interface Args {
  sizes: number[];
  compare: string | null;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: DEFAULT_SIZES, compare: null, out: path.join(ROOT, 'bench-results') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value.`);
      return v;
    };
    if (a === '--compare') args.compare = value();
    else if (a === '--sizes') {
      args.sizes = value()
        .split(',')
        .map((s) => Number(s.trim()));
      if (args.sizes.some((n) => !Number.isInteger(n) || n < 30))
        throw new Error('--sizes takes client counts of at least 30, e.g. --sizes 100,1000,5000.');
    } else if (a === '--out') args.out = path.resolve(value());
    else throw new Error(`Unknown option ${a}. Options: --compare <results.json>, --sizes 100,1000,5000, --out <dir>.`);
  }
  return args;
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const before = args.compare ? readResults(args.compare) : null;
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'Code.js')))
    throw new Error('dist/Code.js is missing: run `npm run bench` (it builds first) or `npm run build`.');

  const started = performance.now();
  const sizes: SizeResult[] = [];
  for (const clients of args.sizes) {
    process.stderr.write(`${clients.toLocaleString('en-US')} clients… `);
    const t = performance.now();
    sizes.push(runScenario({ clients }));
    process.stderr.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const results: BenchResults = {
    version: 1,
    at: new Date().toISOString(),
    commit: git('rev-parse', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    node: process.version,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    seconds: (performance.now() - started) / 1000,
    bundle: { files: bundleFiles(dist), compileMs: sizes.map((s) => s.compileMs), loadMs: loadStats(sizes) },
    sizes,
    floors: floorsForJson(),
  };

  console.log(render(results));
  if (before) console.log(`\n${compare(results, before)}`);
  const written = save(results, args.out);
  console.log(`\nResults: ${written.map((f) => path.relative(process.cwd(), f)).join(' and ')}`);
}

function readResults(file: string): BenchResults {
  const text = fs.readFileSync(path.resolve(file), 'utf8');
  const parsed = JSON.parse(text) as BenchResults;
  if (parsed.version !== 1 || !Array.isArray(parsed.sizes))
    throw new Error(`${file} is not a benchmark results file (version 1).`);
  return parsed;
}

function save(results: BenchResults, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 1)}\n`;
  const stamp = results.at.replace(/[:.]/g, '-');
  const files = [path.join(dir, 'latest.json'), path.join(dir, `${stamp}-${results.commit.slice(0, 7)}.json`)];
  for (const f of files) fs.writeFileSync(f, json);
  return files;
}

try {
  main();
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
