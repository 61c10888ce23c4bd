/**
 * Cell styles a Range reads and writes one layer each (background, font
 * colour, weight, notes, number format …), and the value normalisation the
 * service applies (colours come back as lower-case hex, null resets).
 */
import { AUTOMATIC } from './numfmt';
import { STYLE_DEFAULTS } from './model';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  pink: '#ffc0cb',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  lime: '#00ff00',
  brown: '#a52a2a',
  navy: '#000080',
  teal: '#008080',
  silver: '#c0c0c0',
};

export function normalizeColor(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const s = String(v).trim().toLowerCase();
  if (NAMED_COLORS[s]) return NAMED_COLORS[s];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return s;
}

export const rgbHex = (r: number, g: number, b: number): string =>
  '#' +
  [r, g, b]
    .map((n) =>
      Math.max(0, Math.min(255, Math.round(n)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('');

/** One style exposed as get/set X and get/set Xs on Range. */
export interface StyleApi {
  /** Method stem, e.g. 'Background' → getBackground/getBackgrounds/setBackground/setBackgrounds. */
  stem: string;
  plural: string;
  layer: string;
  /** Stored form of a written value; undefined resets to the default. */
  write: (v: unknown) => unknown;
  /** Script-facing form of a stored value. */
  read: (v: unknown) => unknown;
}

const keep = (v: unknown) => (v === null || v === undefined ? undefined : v);
const text = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));
const orDefault = (layer: string) => (v: unknown) => (v === undefined ? STYLE_DEFAULTS[layer] : v);

export const STYLE_APIS: StyleApi[] = [
  {
    stem: 'Background',
    plural: 'Backgrounds',
    layer: 'background',
    write: normalizeColor,
    read: orDefault('background'),
  },
  { stem: 'FontColor', plural: 'FontColors', layer: 'fontColor', write: normalizeColor, read: orDefault('fontColor') },
  {
    stem: 'FontWeight',
    plural: 'FontWeights',
    layer: 'fontWeight',
    write: (v) => (v === 'bold' ? 'bold' : undefined),
    read: orDefault('fontWeight'),
  },
  {
    stem: 'FontStyle',
    plural: 'FontStyles',
    layer: 'fontStyle',
    write: (v) => (v === 'italic' ? 'italic' : undefined),
    read: orDefault('fontStyle'),
  },
  {
    stem: 'FontLine',
    plural: 'FontLines',
    layer: 'fontLine',
    write: (v) => (v === 'underline' || v === 'line-through' ? v : undefined),
    read: orDefault('fontLine'),
  },
  { stem: 'FontSize', plural: 'FontSizes', layer: 'fontSize', write: keep, read: orDefault('fontSize') },
  { stem: 'FontFamily', plural: 'FontFamilies', layer: 'fontFamily', write: text, read: orDefault('fontFamily') },
  {
    stem: 'HorizontalAlignment',
    plural: 'HorizontalAlignments',
    layer: 'horizontalAlignment',
    write: (v) => text(v)?.toLowerCase(),
    read: orDefault('horizontalAlignment'),
  },
  {
    stem: 'VerticalAlignment',
    plural: 'VerticalAlignments',
    layer: 'verticalAlignment',
    write: (v) => text(v)?.toLowerCase(),
    read: orDefault('verticalAlignment'),
  },
  { stem: 'Note', plural: 'Notes', layer: 'note', write: text, read: (v) => (v === undefined ? '' : v) },
  {
    stem: 'NumberFormat',
    plural: 'NumberFormats',
    layer: 'numberFormat',
    write: text,
    read: (v) => (v === undefined ? AUTOMATIC : v),
  },
  {
    stem: 'WrapStrategy',
    plural: 'WrapStrategies',
    layer: 'wrapStrategy',
    write: (v) => (v === 'WRAP' || v === 'CLIP' ? v : undefined),
    read: orDefault('wrapStrategy'),
  },
  {
    stem: 'TextRotation',
    plural: 'TextRotations',
    layer: 'textRotation',
    write: keep,
    read: orDefault('textRotation'),
  },
];

/** Layers that are "formatting" for clearFormat (not values, notes or validation). */
export const FORMAT_LAYERS = [
  'numberFormat',
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontLine',
  'fontSize',
  'fontFamily',
  'horizontalAlignment',
  'verticalAlignment',
  'wrapStrategy',
  'textRotation',
  'border',
];
