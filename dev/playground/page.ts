/** The playground page: web/index.html with web/app.ts compiled and web/app.css inlined (no network needed). */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const WEB = path.join(__dirname, 'web');

export async function buildPage(): Promise<string> {
  const js = await build({
    entryPoints: [path.join(WEB, 'app.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    charset: 'utf8',
    logLevel: 'silent',
  });
  const code = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = fs.readFileSync(path.join(WEB, 'app.css'), 'utf8');
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  return html
    .replace('<!-- inline:style -->', () => `<style>\n${css}</style>`)
    .replace('<!-- inline:script -->', () => `<script>\n${code}</script>`);
}
