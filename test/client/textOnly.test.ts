/**
 * The sidebar and the playground page insert data as text, never as HTML: no
 * code in them may reach for an HTML parser. (The browser tests show hostile
 * names staying text; this keeps a future edit from adding a parser.)
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const HTML_SINKS =
  /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|DOMParser)\b/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('text-only DOM', () => {
  const files = [...sourceFiles(path.join(ROOT, 'src/client')), ...sourceFiles(path.join(ROOT, 'dev/playground/web'))];

  it('finds the sidebar and playground sources to check', () => {
    const names = files.map((f) => path.relative(ROOT, f));
    expect(names).toEqual(
      expect.arrayContaining([
        'src/client/dom.ts',
        'src/client/Sidebar.ts',
        'src/client/api.ts',
        'dev/playground/web/app.ts',
      ]),
    );
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))(
    '%s never parses HTML (no innerHTML, outerHTML, insertAdjacentHTML, document.write)',
    (_name, file) => {
      const code = fs
        .readFileSync(file, 'utf8')
        // Comments may name the sinks to explain why they are absent.
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      const hits = code
        .split('\n')
        .map((line, i) => [i + 1, line] as const)
        .filter(([, line]) => HTML_SINKS.test(line));
      expect(hits).toEqual([]);
    },
  );
});
