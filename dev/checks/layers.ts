// The layer check (run by `npm run lint`, so by `npm test`): every import in
// src/ goes down the layers, never up, and workflow folders depend on each
// other without cycles. Fails with one line per offending import.
//
//   core ← table ← services ← workflows/shared ← workflows/<flow> ← platform ← api.ts ← index.ts
//
// - core is the pure domain: it imports only core.
// - a layer imports its own layer and the layers below it.
// - workflows/<flow> may use another workflow folder, as long as no two folders
//   need each other (directly or through others).
// - platform (the live platform check) may use any workflow's code, to probe
//   the services the way the add-on uses them; no workflow depends on it.
// - nothing imports api.ts or index.ts but index.ts (and the sidebar, for types only).
// - src/ never imports dev/ or test/; the sidebar (src/client) imports only itself
//   and the server's public API as types.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Layers from the bottom up; a file's layer is the first whose test matches its path under src/server. */
export const LAYERS: { name: string; test: (p: string) => boolean }[] = [
  { name: 'core', test: (p) => p.startsWith('core/') },
  { name: 'table', test: (p) => p.startsWith('table/') },
  { name: 'services', test: (p) => p.startsWith('services/') },
  { name: 'workflows/shared', test: (p) => p.startsWith('workflows/shared/') },
  { name: 'workflows', test: (p) => p.startsWith('workflows/') },
  { name: 'platform', test: (p) => p.startsWith('platform/') },
  { name: 'api', test: (p) => p === 'api.ts' },
  { name: 'index', test: (p) => p === 'index.ts' },
];

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : /\.ts$/.test(d.name) ? [p] : [];
  });
}

function resolve(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return base;
}

interface Import {
  spec: string;
  typeOnly: boolean;
  target: string;
}

function importsOf(file: string): Import[] {
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3];
    if (spec && spec.startsWith('.')) out.push({ spec, typeOnly: Boolean(m[1]), target: resolve(file, spec) });
  }
  return out;
}

/** The problems of the tree at `root` (the project's own by default), one sentence each; none when it is layered. */
export function checkLayers(root = ROOT): string[] {
  const server = path.join(root, 'src/server');
  const client = path.join(root, 'src/client');
  const rel = (p: string): string => path.relative(root, p);
  const layerOf = (p: string): number =>
    LAYERS.findIndex((l) => l.test(path.relative(server, p).split(path.sep).join('/')));
  const flowOf = (p: string): string | null => {
    const parts = path.relative(server, p).split(path.sep);
    return parts[0] === 'workflows' && parts.length > 2 && parts[1] !== 'shared' ? parts[1] : null;
  };
  const problems: string[] = [];
  const flowEdges = new Map<string, Map<string, string>>();
  for (const file of walk(server)) {
    const from = layerOf(file);
    if (from < 0)
      problems.push(`${rel(file)}: not in any layer (core, table, services, workflows, platform, api.ts, index.ts)`);
    for (const { spec, target } of importsOf(file)) {
      if (!target.startsWith(server + path.sep)) {
        problems.push(`${rel(file)} imports ${spec}: src/server imports only src/server`);
        continue;
      }
      const to = layerOf(target);
      if (to > from) {
        problems.push(`${rel(file)} (${LAYERS[from]?.name}) imports ${spec} (${LAYERS[to]?.name}), a higher layer`);
      }
      const a = flowOf(file);
      const b = flowOf(target);
      if (a && b && a !== b) {
        if (!flowEdges.has(a)) flowEdges.set(a, new Map());
        const edges = flowEdges.get(a) as Map<string, string>;
        if (!edges.has(b)) edges.set(b, `${rel(file)} imports ${spec}`);
      }
    }
  }
  problems.push(...cycles(flowEdges));
  for (const file of walk(client)) {
    for (const { spec, typeOnly, target } of importsOf(file)) {
      if (target.startsWith(client + path.sep)) continue;
      if (typeOnly && target === path.join(server, 'index.ts')) continue;
      problems.push(
        `${rel(file)} imports ${spec}: the sidebar imports only src/client and, as types, src/server/index.ts`,
      );
    }
  }
  return problems;
}

/** One line per cycle between workflow folders, naming an import on each edge. */
function cycles(edges: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (node: string, stack: string[]): void => {
    if (stack.includes(node)) {
      const loop = [...stack.slice(stack.indexOf(node)), node];
      const key = [...loop.slice(0, -1)].sort().join(',');
      if (!seen.has(key)) {
        seen.add(key);
        const why = loop.slice(0, -1).map((n, i) => edges.get(n)?.get(loop[i + 1]));
        found.push(`workflow folders depend on each other: ${loop.join(' → ')} (${why.join('; ')})`);
      }
      return;
    }
    for (const next of edges.get(node)?.keys() ?? []) visit(next, [...stack, node]);
  };
  for (const node of edges.keys()) visit(node, []);
  return found;
}

if (require.main === module) {
  const problems = checkLayers();
  if (problems.length) {
    console.error(`Layer check: ${problems.length} import${problems.length === 1 ? '' : 's'} against the layers:`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('Layer check: every import goes down the layers; workflow folders have no cycles.');
}
