/**
 * The benchmark's results as JSON (kept for comparison between commits) and
 * as the tables `npm run bench` prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { FLOORS, floorCalls, floorOf, OPERATIONS, type OperationName } from './floors';
import type { Measurement, SizeResult } from './scenario';

export interface BundleFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface BenchResults {
  version: 1;
  at: string;
  commit: string;
  /** Files changed and not committed when it ran. */
  dirty: boolean;
  node: string;
  cpus: string;
  /** Real seconds the whole benchmark took. */
  seconds: number;
  bundle: {
    files: BundleFile[];
    /** Real ms the Runner took to read and compile dist/ (once per Runner), per size. */
    compileMs: number[];
    /** Real ms to load Code.js into an execution's fresh context: median and slowest over every execution. */
    loadMs: { median: number; max: number };
  };
  sizes: SizeResult[];
  floors: { op: OperationName; what: string; parts: (readonly [number, string])[]; above: string }[];
}

export function bundleFiles(dist: string): BundleFile[] {
  return fs
    .readdirSync(dist)
    .filter((f) => f === 'Code.js' || f.endsWith('.html'))
    .sort((a, b) => (a === 'Code.js' ? -1 : b === 'Code.js' ? 1 : a.localeCompare(b)))
    .map((name) => {
      const body = fs.readFileSync(path.join(dist, name));
      return { name, bytes: body.length, gzipBytes: zlib.gzipSync(body).length };
    });
}

export function floorsForJson(): BenchResults['floors'] {
  return FLOORS.map((f) => ({ op: f.op, what: f.what, parts: f.parts, above: f.above ?? '' }));
}

export function loadStats(sizes: SizeResult[]): { median: number; max: number } {
  const all = sizes.flatMap((s) => s.measurements.map((m) => m.loadMs)).sort((a, b) => a - b);
  if (!all.length) return { median: 0, max: 0 };
  return { median: round(all[Math.floor(all.length / 2)], 1), max: round(all[all.length - 1], 1) };
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (n: number): string => n.toFixed(1);
const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Data calls above the floor (grid growth left out: it is listed on its own). */
export const aboveFloor = (m: Measurement): number => m.data - m.gridGrowth - floorCalls(m.op, m);

export function sizeTable(s: SizeResult): string {
  const head = `${int(s.clients)} clients · ${int(s.cases)} cases on the tracker · a departure of ${int(s.departureCases)} cases`;
  const rows = [
    [
      'operation',
      'data calls',
      'floor',
      'above',
      'grid',
      'all calls',
      'cells read',
      'cells written',
      'virtual s',
      'cpu ms',
      'emails',
    ],
  ];
  for (const m of s.measurements) {
    const over = aboveFloor(m);
    rows.push([
      m.op,
      int(m.data),
      int(floorCalls(m.op, m)),
      over ? `+${int(over)}` : '',
      m.gridGrowth ? `+${m.gridGrowth}` : '',
      int(m.total),
      int(m.cellsRead),
      int(m.cellsWritten),
      secs(m.virtualS),
      int(m.cpuMs),
      m.emails ? int(m.emails) : '',
    ]);
  }
  return `${head}\n${table(rows)}`;
}

/** One row per operation, the sizes side by side: what grows and what does not. */
export function growthTable(sizes: SizeResult[]): string {
  const groups = ['data calls', 'cells read', 'cells written', 'virtual s', 'cpu ms'];
  const last = sizes.length - 1;
  const rows = [
    ['', ...groups.flatMap((g) => sizes.map((_, i) => (i === last ? g : '')))],
    ['operation', ...groups.flatMap(() => sizes.map((s) => int(s.clients)))],
  ];
  for (const op of OPERATIONS) {
    const ms = sizes.map((s) => s.measurements.find((m) => m.op === op));
    const cells = (f: (m: Measurement) => string): string[] => ms.map((m) => (m ? f(m) : '–'));
    rows.push([
      op,
      ...cells((m) => int(m.data)),
      ...cells((m) => int(m.cellsRead)),
      ...cells((m) => int(m.cellsWritten)),
      ...cells((m) => secs(m.virtualS)),
      ...cells((m) => int(m.cpuMs)),
    ]);
  }
  return table(rows);
}

/** What set a run's cost besides the rows: grown grids and the floor's variable parts (emails, rules restored). */
export function runDependent(sizes: SizeResult[]): string {
  const lines: string[] = [];
  for (const s of sizes) {
    for (const m of s.measurements) {
      const parts = [
        ...(floorOf(m.op).variable?.(m) ?? []).map(([n, what]) => `${n} ${what}`),
        ...(m.gridGrowth ? [`${m.gridGrowth} grid growth`] : []),
      ];
      if (parts.length) lines.push(`  ${m.op} @${int(s.clients)}: ${parts.join(', ')}`);
    }
  }
  return lines.length ? `Set by what the run did, not by the rows:\n${lines.join('\n')}` : '';
}

export function whyAbove(sizes: SizeResult[]): string {
  const lines: string[] = [];
  for (const op of OPERATIONS) {
    const overs = sizes
      .map((s) => s.measurements.find((m) => m.op === op))
      .filter((m): m is Measurement => !!m)
      .map(aboveFloor);
    if (!overs.some((n) => n > 0)) continue;
    lines.push(`  ${op} (+${overs.join(' / +')}): ${floorOf(op).above ?? 'NO REASON GIVEN in dev/bench/floors.ts'}`);
  }
  return lines.length ? `Why above the floor:\n${lines.join('\n')}` : 'Every operation is at its floor.';
}

export function bundleTable(r: BenchResults): string {
  const rows = [['file', 'size', 'gzip'], ...r.bundle.files.map((f) => [f.name, kib(f.bytes), kib(f.gzipBytes)])];
  return `${table(rows)}\nCode.js: compiled in ${r.bundle.compileMs.map((n) => n.toFixed(0)).join(' / ')} ms (once per runner); loaded into each execution's fresh context in ${r.bundle.loadMs.median} ms (median), ${r.bundle.loadMs.max} ms at most`;
}

export function render(r: BenchResults): string {
  return [
    `Caseload Handoff benchmark — ${r.commit.slice(0, 10)}${r.dirty ? ' (with uncommitted changes)' : ''}, node ${r.node}, ${r.cpus}, ${r.seconds.toFixed(0)} s`,
    'data calls: reads and writes of cells, formats, rules, protections, charts; floor: the fewest the operation could make (dev/bench/floors.ts);',
    'grid: growing a full tab to take new rows; cells read / written: cells brought back by reads and set by writes;',
    "virtual s: the emulator's latency model, calibrated to published figures (dev/emulator/kernel.ts); cpu ms: real CPU of the execution here.",
    '',
    ...r.sizes.flatMap((s) => [sizeTable(s), '']),
    'As the practice grows',
    growthTable(r.sizes),
    '',
    whyAbove(r.sizes),
    '',
    runDependent(r.sizes),
    '',
    bundleTable(r),
  ].join('\n');
}

const signed = (n: number, f: (x: number) => string): string =>
  n === 0 ? '0' : `${n > 0 ? '+' : '−'}${f(Math.abs(n))}`;

/** Deltas from an earlier run (a results JSON): data and all calls, virtual s, cpu ms, bundle sizes. */
export function compare(now: BenchResults, before: BenchResults): string {
  const out = [`Compared with ${before.commit.slice(0, 10)}${before.dirty ? ' (uncommitted)' : ''} of ${before.at}`];
  for (const s of now.sizes) {
    const old = before.sizes.find((b) => b.clients === s.clients);
    if (!old) {
      out.push(`${int(s.clients)} clients: not in the earlier run`);
      continue;
    }
    const rows = [
      [`${int(s.clients)} clients`, 'data', 'Δ data', 'all', 'Δ all', 'virtual s', 'Δ virtual s', 'cpu ms', 'Δ cpu ms'],
    ];
    for (const m of s.measurements) {
      const o = old.measurements.find((x) => x.op === m.op);
      if (!o) {
        rows.push([m.op, int(m.data), 'new', int(m.total), 'new', secs(m.virtualS), 'new', int(m.cpuMs), 'new']);
        continue;
      }
      rows.push([
        m.op,
        int(m.data),
        signed(m.data - o.data, int),
        int(m.total),
        signed(m.total - o.total, int),
        secs(m.virtualS),
        signed(round(m.virtualS - o.virtualS, 1), secs),
        int(m.cpuMs),
        signed(Math.round(m.cpuMs - o.cpuMs), int),
      ]);
    }
    out.push(table(rows));
  }
  const files = [
    ['file', 'size', 'Δ bytes'],
    ...now.bundle.files.map((f) => {
      const o = before.bundle.files.find((x) => x.name === f.name);
      return [f.name, kib(f.bytes), o ? signed(f.bytes - o.bytes, int) : 'new'];
    }),
  ];
  out.push(table(files));
  return out.join('\n\n');
}
