/**
 * The tab's embedded charts, drawn as SVG from the data their ranges hold
 * (what Sheets draws over the grid): bar charts horizontally, column charts
 * vertically, other types as bars. Labels are set as text content, never
 * parsed, like everything else on the page.
 */
import type { ChartView } from './grid';

const NS = 'http://www.w3.org/2000/svg';
const COLOURS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1'];

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const short = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One chart as an <svg role="img"> named by its title, with a text summary of its data for screen readers. */
export function drawChart(c: ChartView): SVGSVGElement {
  const vertical = c.type === 'COLUMN';
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const groups = c.categories.length;
  const perGroup = Math.max(1, c.series.length);
  const width = 360;
  const labelW = vertical ? 0 : 120;
  const top = 28;
  const bar = 14;
  const gap = 6;
  const height = vertical ? 220 : top + groups * (perGroup * bar + gap) + 12;
  const root = svg('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    class: 'chart',
    'data-chart': c.title,
  }) as SVGSVGElement;
  const summary = c.categories
    .map((cat, i) => `${cat}: ${c.series.map((s) => s.values[i] ?? 0).join(' / ')}`)
    .join('; ');
  root.appendChild(
    svg('title', {}, `${c.title || 'Chart'} (${c.type.toLowerCase()} chart at ${c.anchor}). ${summary}`),
  );
  root.appendChild(svg('rect', { x: 0, y: 0, width, height, fill: '#fff', stroke: '#dadce0' }));
  root.appendChild(
    svg('text', { x: 8, y: 18, 'font-size': 13, 'font-weight': 600, fill: '#202124' }, short(c.title, 48)),
  );
  if (vertical) {
    const plotH = height - top - 40;
    const slot = (width - 20) / Math.max(1, groups);
    const w = Math.max(4, (slot - 8) / perGroup);
    c.categories.forEach((cat, i) => {
      c.series.forEach((s, j) => {
        const v = s.values[i] ?? 0;
        const hgt = (v / max) * plotH;
        const x = 10 + i * slot + j * w + 4;
        root.appendChild(
          svg('rect', { x, y: top + plotH - hgt, width: w - 1, height: hgt, fill: COLOURS[j % COLOURS.length] }),
        );
      });
      root.appendChild(
        svg(
          'text',
          { x: 10 + i * slot + slot / 2, y: height - 24, 'font-size': 10, 'text-anchor': 'middle', fill: '#3c4043' },
          short(cat, 10),
        ),
      );
    });
  } else {
    const plotW = width - labelW - 40;
    c.categories.forEach((cat, i) => {
      const y0 = top + i * (perGroup * bar + gap);
      root.appendChild(
        svg(
          'text',
          { x: labelW - 6, y: y0 + (perGroup * bar) / 2 + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#3c4043' },
          short(cat, 18),
        ),
      );
      c.series.forEach((s, j) => {
        const v = s.values[i] ?? 0;
        const w = (v / max) * plotW;
        const y = y0 + j * bar;
        root.appendChild(svg('rect', { x: labelW, y, width: w, height: bar - 2, fill: COLOURS[j % COLOURS.length] }));
        root.appendChild(
          svg('text', { x: labelW + w + 4, y: y + bar - 4, 'font-size': 10, fill: '#3c4043' }, String(v)),
        );
      });
    });
  }
  if (c.series.length > 1) {
    c.series.forEach((s, j) => {
      const x = 8 + j * 110;
      root.appendChild(svg('rect', { x, y: height - 12, width: 8, height: 8, fill: COLOURS[j % COLOURS.length] }));
      root.appendChild(svg('text', { x: x + 12, y: height - 4, 'font-size': 10, fill: '#3c4043' }, short(s.name, 16)));
    });
  }
  return root;
}
