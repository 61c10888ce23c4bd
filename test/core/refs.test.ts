import fc from 'fast-check';
import {
  formatDepartureId,
  formatRef,
  nextDepartureNumber,
  nextRefNumber,
  parseDepartureNumber,
  parseRefNumber,
} from '../../src/server/core/refs';

describe('case Refs', () => {
  it('formats a number as a six-digit Ref', () => {
    expect(formatRef(123)).toBe('R-000123');
    expect(formatRef(1)).toBe('R-000001');
  });

  it('keeps growing past six digits rather than wrapping', () => {
    expect(formatRef(1234567)).toBe('R-1234567');
  });

  it('refuses zero, negatives and fractions', () => {
    expect(() => formatRef(0)).toThrow('whole number from 1');
    expect(() => formatRef(-3)).toThrow('whole number from 1');
    expect(() => formatRef(2.5)).toThrow('whole number from 1');
    expect(() => formatRef(NaN)).toThrow('whole number from 1');
  });

  it('reads a Ref back, trimmed and in any case', () => {
    expect(parseRefNumber('R-000123')).toBe(123);
    expect(parseRefNumber(' r-000123 ')).toBe(123);
    expect(parseRefNumber('R-1234567')).toBe(1234567);
  });

  it.each(['', 'R-', 'R-abc', '000123', 'D-0007', 'R-000000', 'R-12.5', 'R--5', 'Ref R-000123'])(
    'does not read %p as a Ref',
    (s) => {
      expect(parseRefNumber(s)).toBeNull();
    },
  );

  it('round-trips every number', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), (n) => parseRefNumber(formatRef(n)) === n));
  });

  it('numbers the next case one past the largest, ignoring blanks and junk', () => {
    expect(nextRefNumber([])).toBe(1);
    expect(nextRefNumber(['R-000007', '', null, 'R-000120', 42, 'oops', undefined, 'R-000003', new Date()])).toBe(121);
    expect(nextRefNumber(new Set(['R-000009']))).toBe(10);
  });

  it('never reuses a Ref already on the tab, in any order', () => {
    const shuffled = fc
      .array(fc.integer({ min: 1, max: 1e6 }))
      .chain((ns) => fc.shuffledSubarray(ns, { minLength: ns.length }).map((order) => [ns, order] as const));
    fc.assert(
      fc.property(shuffled, ([ns, order]) => {
        const next = nextRefNumber(order.map(formatRef));
        expect(ns.includes(next)).toBe(false);
        expect(next).toBe(ns.length === 0 ? 1 : Math.max(...ns) + 1);
      }),
    );
  });
});

describe('Departure IDs', () => {
  it('formats a number as a four-digit Departure ID', () => {
    expect(formatDepartureId(7)).toBe('D-0007');
    expect(formatDepartureId(12345)).toBe('D-12345');
    expect(() => formatDepartureId(0)).toThrow('whole number from 1');
  });

  it('reads one back and ignores Refs and junk', () => {
    expect(parseDepartureNumber('D-0007')).toBe(7);
    expect(parseDepartureNumber('R-000007')).toBeNull();
    expect(parseDepartureNumber('D7')).toBeNull();
  });

  it('numbers the next departure one past the largest', () => {
    expect(nextDepartureNumber([])).toBe(1);
    expect(nextDepartureNumber(['D-0002', 'D-0011', 'R-000500', '', 'x'])).toBe(12);
  });
});
