/**
 * A small formula evaluator: enough for a sheet's own bookkeeping formulas
 * (arithmetic, comparisons, '&', references and ranges, and a handful of
 * functions such as SUM, COUNTIF, IF). A formula it cannot parse is
 * '#ERROR!' (a parse error, as Sheets shows) and an unknown function is
 * '#NAME?'. The point is that a formula was written and reads back computed;
 * getFormulas shows its text.
 */
import { lettersCol } from './a1';

export class ErrorValue {
  constructor(readonly code: string) {}
}
/** A computed value: null is an empty cell. */
export type Value = number | string | boolean | null | ErrorValue;
export type Matrix = Value[][];

export interface FormulaEnv {
  /** The values of a block on a sheet (null: this formula's sheet); null when the sheet does not exist. */
  block(sheet: string | null, r: number, c: number, nr: number, nc: number): Matrix | null;
  /** Rows and columns of a sheet, for whole-column references. */
  size(sheet: string | null): { rows: number; cols: number } | null;
}

type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'ref'; sheet: string | null; r: number; c: number; r2: number; c2: number; whole: 'cols' | null }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'un'; op: string; a: Node }
  | { k: 'pct'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'name'; v: string };

class ParseError extends Error {}

function tokenize(src: string): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1,
        s = '';
      for (;;) {
        if (j >= src.length) throw new ParseError('unterminated string');
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      toks.push('"' + s);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      const end = src.indexOf("'!", i + 1);
      if (end < 0) throw new ParseError('bad sheet name');
      toks.push('!' + src.slice(i + 1, end).replace(/''/g, "'"));
      i = end + 2;
      continue;
    }
    const num = /^(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
    if (num) {
      toks.push('#' + num[1]);
      i += num[1].length;
      continue;
    }
    const id = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(src.slice(i));
    if (id) {
      if (src[i + id[0].length] === '!') {
        toks.push('!' + id[0]);
        i += id[0].length + 1;
        continue;
      }
      toks.push('@' + id[0]);
      i += id[0].length;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&=<>(),:%;{}])/.exec(src.slice(i));
    if (!op) throw new ParseError(`unexpected ${ch}`);
    toks.push(op[1]);
    i += op[1].length;
  }
  return toks;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COL = /^\$?([A-Za-z]{1,3})$/;

class Parser {
  private i = 0;
  constructor(private toks: string[]) {}
  private peek(): string | undefined {
    return this.toks[this.i];
  }
  private next(): string {
    const t = this.toks[this.i++];
    if (t === undefined) throw new ParseError('end');
    return t;
  }
  private expect(t: string): void {
    if (this.next() !== t) throw new ParseError(`expected ${t}`);
  }

  parse(): Node {
    const n = this.compare();
    if (this.i < this.toks.length) throw new ParseError('trailing input');
    return n;
  }
  private compare(): Node {
    let a = this.concat();
    while (['=', '<>', '<', '>', '<=', '>='].includes(this.peek() ?? ''))
      a = { k: 'bin', op: this.next(), a, b: this.concat() };
    return a;
  }
  private concat(): Node {
    let a = this.additive();
    while (this.peek() === '&') {
      this.next();
      a = { k: 'bin', op: '&', a, b: this.additive() };
    }
    return a;
  }
  private additive(): Node {
    let a = this.term();
    while (this.peek() === '+' || this.peek() === '-') a = { k: 'bin', op: this.next(), a, b: this.term() };
    return a;
  }
  private term(): Node {
    let a = this.power();
    while (this.peek() === '*' || this.peek() === '/') a = { k: 'bin', op: this.next(), a, b: this.power() };
    return a;
  }
  private power(): Node {
    let a = this.unary();
    while (this.peek() === '^') {
      this.next();
      a = { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }
  private unary(): Node {
    const t = this.peek();
    if (t === '-' || t === '+') {
      this.next();
      return { k: 'un', op: t, a: this.unary() };
    }
    let a = this.primary();
    while (this.peek() === '%') {
      this.next();
      a = { k: 'pct', a };
    }
    return a;
  }
  private primary(): Node {
    const t = this.next();
    if (t === '(') {
      const n = this.compare();
      this.expect(')');
      return n;
    }
    if (t[0] === '#') return { k: 'num', v: Number(t.slice(1)) };
    if (t[0] === '"') return { k: 'str', v: t.slice(1) };
    if (t[0] === '!') {
      const ref = this.next();
      if (ref[0] !== '@') throw new ParseError('bad reference');
      return this.reference(t.slice(1), ref.slice(1));
    }
    if (t[0] === '@') {
      const name = t.slice(1);
      if (this.peek() === '(') {
        this.next();
        const args: Node[] = [];
        if (this.peek() !== ')') {
          for (;;) {
            args.push(this.compare());
            if (this.peek() === ',') {
              this.next();
              continue;
            }
            break;
          }
        }
        this.expect(')');
        return { k: 'fn', name: name.toUpperCase(), args };
      }
      if (/^(true|false)$/i.test(name)) return { k: 'bool', v: name.toLowerCase() === 'true' };
      if (CELL.test(name) || (COL.test(name) && this.peek() === ':')) return this.reference(null, name);
      return { k: 'name', v: name };
    }
    throw new ParseError(`unexpected ${t}`);
  }
  private reference(sheet: string | null, first: string): Node {
    let second: string | null = null;
    if (this.peek() === ':') {
      this.next();
      const t = this.next();
      if (t[0] !== '@') throw new ParseError('bad range');
      second = t.slice(1);
    }
    const a = CELL.exec(first);
    if (!second) {
      if (!a) throw new ParseError('bad reference');
      const r = Number(a[2]),
        c = lettersCol(a[1]);
      return { k: 'ref', sheet, r, c, r2: r, c2: c, whole: null };
    }
    const b = CELL.exec(second);
    if (a && b) {
      return {
        k: 'ref',
        sheet,
        r: Math.min(+a[2], +b[2]),
        c: Math.min(lettersCol(a[1]), lettersCol(b[1])),
        r2: Math.max(+a[2], +b[2]),
        c2: Math.max(lettersCol(a[1]), lettersCol(b[1])),
        whole: null,
      };
    }
    const ca = COL.exec(first),
      cb = COL.exec(second);
    if ((ca || a) && cb) {
      const c1 = lettersCol((ca ?? a)![1]),
        c2 = lettersCol(cb[1]);
      const r1 = a ? Number(a[2]) : 1;
      return { k: 'ref', sheet, r: r1, c: Math.min(c1, c2), r2: -1, c2: Math.max(c1, c2), whole: 'cols' };
    }
    throw new ParseError('bad range');
  }
}

const ERR = {
  name: new ErrorValue('#NAME?'),
  value: new ErrorValue('#VALUE!'),
  div0: new ErrorValue('#DIV/0!'),
  ref: new ErrorValue('#REF!'),
  na: new ErrorValue('#N/A'),
  parse: new ErrorValue('#ERROR!'),
  num: new ErrorValue('#NUM!'),
};

type Arg = Value | Matrix;
const isErr = (v: unknown): v is ErrorValue => v instanceof ErrorValue;

function toNumber(v: Value): number | ErrorValue {
  if (isErr(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t === '') return 0;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : ERR.value;
}
function toText(v: Value): string | ErrorValue {
  if (isErr(v)) return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return typeof v === 'number' ? String(Number(v.toPrecision(15))) : v;
}
function toBool(v: Value): boolean | ErrorValue {
  if (isErr(v)) return v;
  if (typeof v === 'string') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
    return ERR.value;
  }
  return Boolean(v);
}
const scalar = (a: Arg): Value => (Array.isArray(a) ? (a[0]?.[0] ?? null) : a);
const flat = (a: Arg): Value[] => (Array.isArray(a) ? a.flat() : [a]);

/** A COUNTIF-style criterion: "Reassigned", ">5", "<>Done", "=x", or a number. */
function criterion(c: Value): (v: Value) => boolean {
  if (typeof c === 'number' || typeof c === 'boolean') return (v) => v === c;
  const s = c === null || isErr(c) ? '' : String(c);
  const m = /^(<>|<=|>=|=|<|>)?(.*)$/s.exec(s)!;
  const op = m[1] ?? '=';
  const rhs = m[2];
  const rn = rhs.trim() !== '' && Number.isFinite(Number(rhs)) ? Number(rhs) : null;
  return (v) => {
    if (isErr(v)) return false;
    if (rn !== null && typeof v === 'number') {
      switch (op) {
        case '=':
          return v === rn;
        case '<>':
          return v !== rn;
        case '<':
          return v < rn;
        case '>':
          return v > rn;
        case '<=':
          return v <= rn;
        default:
          return v >= rn;
      }
    }
    const text = v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
    const eq = text.toLowerCase() === rhs.toLowerCase();
    if (op === '=') return rhs === '' ? v === null || v === '' : eq && !(rn !== null && typeof v === 'number');
    if (op === '<>') return !eq;
    return false;
  };
}

type Fn = (args: Arg[]) => Value;
const numbersOf = (args: Arg[]): number[] | ErrorValue => {
  const out: number[] = [];
  for (const a of args) {
    if (Array.isArray(a)) {
      for (const v of a.flat()) {
        if (isErr(v)) return v;
        if (typeof v === 'number') out.push(v);
      }
    } else {
      const n = toNumber(a);
      if (isErr(n)) return n;
      out.push(n);
    }
  }
  return out;
};
const FUNCTIONS: Record<string, Fn> = {
  SUM: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.reduce((x, y) => x + y, 0);
  },
  MIN: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.length ? Math.min(...n) : 0;
  },
  MAX: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.length ? Math.max(...n) : 0;
  },
  AVERAGE: (a) => {
    const n = numbersOf(a);
    return isErr(n) ? n : n.length ? n.reduce((x, y) => x + y, 0) / n.length : ERR.div0;
  },
  COUNT: (a) => a.flatMap(flat).filter((v) => typeof v === 'number').length,
  COUNTA: (a) => a.flatMap(flat).filter((v) => v !== null && v !== '').length,
  COUNTBLANK: (a) => a.flatMap(flat).filter((v) => v === null || v === '').length,
  COUNTIF: ([r, c]) => (r === undefined || c === undefined ? ERR.na : flat(r).filter(criterion(scalar(c))).length),
  COUNTIFS: (a) => {
    if (a.length < 2 || a.length % 2) return ERR.na;
    const ranges = a.filter((_, i) => i % 2 === 0).map(flat);
    const tests = a.filter((_, i) => i % 2 === 1).map((c) => criterion(scalar(c)));
    if (ranges.some((r) => r.length !== ranges[0].length)) return ERR.value;
    let n = 0;
    for (let i = 0; i < ranges[0].length; i++) if (tests.every((t, k) => t(ranges[k][i]))) n++;
    return n;
  },
  SUMIF: ([r, c, s]) => {
    if (r === undefined || c === undefined) return ERR.na;
    const cells = flat(r),
      sums = s === undefined ? cells : flat(s),
      test = criterion(scalar(c));
    let total = 0;
    cells.forEach((v, i) => {
      const x = sums[i];
      if (test(v) && typeof x === 'number') total += x;
    });
    return total;
  },
  IF: ([c, t, f]) => {
    const b = toBool(scalar(c ?? false));
    if (isErr(b)) return b;
    return b ? scalar(t ?? true) : f === undefined ? false : scalar(f);
  },
  IFERROR: ([v, alt]) => (isErr(scalar(v ?? null)) ? scalar(alt ?? '') : scalar(v ?? null)),
  AND: (a) => {
    for (const v of a.flatMap(flat)) {
      const b = toBool(v);
      if (isErr(b)) return b;
      if (!b) return false;
    }
    return true;
  },
  OR: (a) => {
    for (const v of a.flatMap(flat)) {
      const b = toBool(v);
      if (isErr(b)) return b;
      if (b) return true;
    }
    return false;
  },
  NOT: ([v]) => {
    const b = toBool(scalar(v ?? false));
    return isErr(b) ? b : !b;
  },
  LEN: ([v]) => {
    const t = toText(scalar(v ?? ''));
    return isErr(t) ? t : t.length;
  },
  UPPER: ([v]) => {
    const t = toText(scalar(v ?? ''));
    return isErr(t) ? t : t.toUpperCase();
  },
  LOWER: ([v]) => {
    const t = toText(scalar(v ?? ''));
    return isErr(t) ? t : t.toLowerCase();
  },
  // LEFT/RIGHT(text, [count = 1]): what the add-on's conditional format formula uses (support.google.com/docs/answer/3094079).
  LEFT: ([v, n]) => {
    const t = toText(scalar(v ?? ''));
    const k = toNumber(scalar(n ?? 1));
    if (isErr(t)) return t;
    if (isErr(k)) return k;
    return k < 0 ? ERR.value : t.slice(0, Math.trunc(k));
  },
  RIGHT: ([v, n]) => {
    const t = toText(scalar(v ?? ''));
    const k = toNumber(scalar(n ?? 1));
    if (isErr(t)) return t;
    if (isErr(k)) return k;
    return k < 0 ? ERR.value : Math.trunc(k) === 0 ? '' : t.slice(-Math.trunc(k));
  },
  TRIM: ([v]) => {
    const t = toText(scalar(v ?? ''));
    return isErr(t) ? t : t.trim().replace(/ +/g, ' ');
  },
  CONCATENATE: (a) => {
    let s = '';
    for (const v of a.flatMap(flat)) {
      const t = toText(v);
      if (isErr(t)) return t;
      s += t;
    }
    return s;
  },
  ROUND: ([v, d]) => {
    const n = toNumber(scalar(v ?? 0)),
      p = toNumber(scalar(d ?? 0));
    if (isErr(n)) return n;
    if (isErr(p)) return p;
    const f = Math.pow(10, Math.trunc(p));
    return Math.round(n * f) / f;
  },
  ABS: ([v]) => {
    const n = toNumber(scalar(v ?? 0));
    return isErr(n) ? n : Math.abs(n);
  },
  ISBLANK: ([v]) => scalar(v ?? null) === null,
};
FUNCTIONS.CONCAT = FUNCTIONS.CONCATENATE;

function compareValues(a: Value, b: Value): number {
  const rank = (v: Value) => (typeof v === 'number' || v === null ? 0 : typeof v === 'string' ? 1 : 2);
  const an = a === null ? (typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0) : a;
  const bn = b === null ? (typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0) : b;
  if (rank(an) !== rank(bn)) return rank(an) - rank(bn);
  if (typeof an === 'string' && typeof bn === 'string')
    return an.toLowerCase() < bn.toLowerCase() ? -1 : an.toLowerCase() > bn.toLowerCase() ? 1 : 0;
  return Number(an) - Number(bn);
}

function evalNode(n: Node, env: FormulaEnv): Arg {
  switch (n.k) {
    case 'num':
    case 'str':
    case 'bool':
      return n.v;
    case 'name':
      return ERR.name;
    case 'ref': {
      const size = env.size(n.sheet);
      if (!size) return ERR.ref;
      const r2 = n.whole === 'cols' ? size.rows : n.r2;
      if (n.r > size.rows || n.c2 > size.cols || r2 < n.r) return ERR.ref;
      const m = env.block(n.sheet, n.r, n.c, r2 - n.r + 1, n.c2 - n.c + 1);
      if (!m) return ERR.ref;
      return n.r === n.r2 && n.c === n.c2 ? m[0][0] : m;
    }
    case 'fn': {
      const fn = FUNCTIONS[n.name];
      if (!fn) return ERR.name;
      if (n.name === 'IF' || n.name === 'IFERROR') {
        // Evaluate only the branch taken, as Sheets does.
        const first = scalar(evalNode(n.args[0] ?? { k: 'bool', v: false }, env));
        if (n.name === 'IFERROR') return isErr(first) ? (n.args[1] ? scalar(evalNode(n.args[1], env)) : '') : first;
        const b = toBool(first);
        if (isErr(b)) return b;
        const branch = b ? n.args[1] : n.args[2];
        return branch ? scalar(evalNode(branch, env)) : b ? true : false;
      }
      return fn(n.args.map((a) => evalNode(a, env)));
    }
    case 'un': {
      const v = toNumber(scalar(evalNode(n.a, env)));
      return isErr(v) ? v : n.op === '-' ? -v : v;
    }
    case 'pct': {
      const v = toNumber(scalar(evalNode(n.a, env)));
      return isErr(v) ? v : v / 100;
    }
    case 'bin': {
      const a = scalar(evalNode(n.a, env)),
        b = scalar(evalNode(n.b, env));
      if (isErr(a)) return a;
      if (isErr(b)) return b;
      if (n.op === '&') return (toText(a) as string) + (toText(b) as string);
      if (['=', '<>', '<', '>', '<=', '>='].includes(n.op)) {
        const c = compareValues(a, b);
        switch (n.op) {
          case '=':
            return c === 0;
          case '<>':
            return c !== 0;
          case '<':
            return c < 0;
          case '>':
            return c > 0;
          case '<=':
            return c <= 0;
          default:
            return c >= 0;
        }
      }
      const x = toNumber(a),
        y = toNumber(b);
      if (isErr(x)) return x;
      if (isErr(y)) return y;
      switch (n.op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          return y === 0 ? ERR.div0 : x / y;
        default: {
          const p = Math.pow(x, y);
          return Number.isFinite(p) ? p : ERR.num;
        }
      }
    }
  }
}

const parsed = new Map<string, Node | null>();

/** Evaluates formula text ('=…'); returns a value or an ErrorValue. */
export function evaluate(text: string, env: FormulaEnv): Value {
  let node = parsed.get(text);
  if (node === undefined) {
    try {
      node = new Parser(tokenize(text.slice(1))).parse();
    } catch {
      node = null;
    }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(text, node);
  }
  if (node === null) return ERR.parse;
  const v = scalar(evalNode(node, env));
  return typeof v === 'number' && !Number.isFinite(v) ? ERR.num : v;
}
