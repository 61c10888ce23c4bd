import fc from 'fast-check';
import {
  escapeHtml,
  initials,
  isValidEmail,
  nameKey,
  normalizeHeader,
  parseBool,
  plural,
  sameName,
  splitList,
} from '../../src/server/core/text';
import { BLNS as blns } from '../support/blns';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`<b class="x">Tom & Jerry's</b>`)).toBe(
      '&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;',
    );
  });

  it('escapes an ampersand once, so existing entities stay visible as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves plain text and accents alone', () => {
    expect(escapeHtml('Ana María López')).toBe('Ana María López');
  });

  it('never lets a tag or quote through, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('is undone by decoding the five entities', () => {
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    fc.assert(fc.property(fc.string(), (s) => decode(escapeHtml(s)) === s));
  });

  it('neutralises every naughty string', () => {
    for (const s of blns) expect(escapeHtml(s)).not.toMatch(/[<>]/);
  });
});

describe('isValidEmail', () => {
  it.each([
    'ana@example.com',
    'ana.lopez+handoff@clinic.example.org',
    "o'brien@mail.co",
    'a_b-c@sub.domain.io',
    'x@xn--bcher-kva.example',
  ])('accepts %s', (s) => {
    expect(isValidEmail(s)).toBe(true);
  });

  it.each([
    'a@b',
    'a @b.com',
    'a@b..com',
    '<x>@y.com',
    '',
    'ana',
    '@example.com',
    'ana@',
    'ana@@example.com',
    'an@a@example.com',
    '.ana@example.com',
    'ana.@example.com',
    'an..a@example.com',
    'ana@.example.com',
    'ana@example.com.',
    'ana@example.c',
    'ana@-example.com',
    'ana@exa_mple.com',
    ' ana@example.com',
    'ana@example.com ',
    'Ana López <ana@example.com>',
    'ana@example.com, bob@example.com',
    'ana@exam ple.com',
    'ana@example.123',
  ])('rejects %p', (s) => {
    expect(isValidEmail(s)).toBe(false);
  });

  it('rejects an address longer than 254 characters', () => {
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(isValidEmail(long)).toBe(false);
    expect(isValidEmail(`${'a'.repeat(60)}@${'b'.repeat(60)}.com`)).toBe(true);
  });

  it('rejects what is not a string', () => {
    expect(isValidEmail(undefined as unknown as string)).toBe(false);
    expect(isValidEmail(42 as unknown as string)).toBe(false);
  });

  it('never accepts an address with a space, a bracket or two @', () => {
    for (const s of blns) {
      if (isValidEmail(s)) {
        expect(s).not.toMatch(/[\s<>()[\]]/);
        expect(s.split('@').length).toBe(2);
      }
    }
  });
});

describe('splitList', () => {
  it('splits on commas, semicolons and new lines, trims and drops empties', () => {
    expect(splitList(' Aetna, Cigna;BCBS \n\r\nUnited Healthcare ,, ;')).toEqual([
      'Aetna',
      'Cigna',
      'BCBS',
      'United Healthcare',
    ]);
  });

  it('gives an empty list for blank text', () => {
    expect(splitList('')).toEqual([]);
    expect(splitList(' ; , \n')).toEqual([]);
  });

  it('never returns an empty or untrimmed item, and keeps every other character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const items = splitList(s);
        for (const item of items) {
          expect(item).toBe(item.trim());
          expect(item).not.toBe('');
          expect(item).not.toMatch(/[,;\r\n]/);
        }
      }),
    );
  });

  it('round-trips a list of clean items', () => {
    const item = fc
      .string({ minLength: 1 })
      .map((s) => s.replace(/[,;\r\n]/g, '').trim())
      .filter((s) => s !== '');
    fc.assert(
      fc.property(fc.array(item), (items) => {
        expect(splitList(items.join(', '))).toEqual(items);
      }),
    );
  });

  it('copes with every naughty string', () => {
    for (const s of blns) {
      const items = splitList(s);
      expect(items.every((i) => i === i.trim() && i !== '')).toBe(true);
    }
  });
});

describe('normalizeHeader and sameName', () => {
  it('compares headers trimmed, case-insensitive, with inner spaces collapsed', () => {
    expect(normalizeHeader('  Follow-up   Email ')).toBe('follow-up email');
    expect(normalizeHeader('Client\u00a0ID')).toBe('client id');
    expect(normalizeHeader('Portal & Docs\tComplete')).toBe('portal & docs complete');
  });

  it('treats names typed differently as the same person', () => {
    expect(sameName(' Dana  Reyes', 'dana reyes ')).toBe(true);
    expect(sameName('José Ruiz', 'Jose\u0301 Ruiz')).toBe(true); // composed vs combining accent
    expect(sameName('Dana Reyes', 'Dana Reyes-Kim')).toBe(false);
    expect(sameName('', '')).toBe(true);
  });

  it('keys a name for a map exactly as sameName compares it', () => {
    expect(nameKey(' Jose\u0301  RUIZ ')).toBe(nameKey('José Ruiz'));
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(nameKey(a) === nameKey(b)).toBe(sameName(a, b));
      }),
    );
  });

  it('is reflexive and symmetric for any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(sameName(a, a)).toBe(true);
        expect(sameName(a, b)).toBe(sameName(b, a));
        expect(sameName(`  ${a.toUpperCase()} `, a.toLowerCase())).toBe(sameName(a.toUpperCase(), a.toLowerCase()));
      }),
    );
  });
});

describe('initials', () => {
  it.each([
    [['Ana', 'López'], 'A.L.'],
    [['Ana María López'], 'A.L.'],
    [['ana', 'lópez'], 'A.L.'],
    [['Mary Ann', 'Van Buren'], 'M.V.'],
    [['Ana'], 'A.'],
    [['', 'López'], 'L.'],
    [["  o'neil  ", '  ÉLODIE'], 'O.É.'],
    [['(Sam)', 'Lee'], 'S.L.'],
    [[''], '?'],
    [['   ', '  '], '?'],
    [['—', '!!'], '?'],
    [['李', '小龍'], '李.小.'],
  ] as [[string, string?], string][])('%p → %p', (args, expected) => {
    expect(initials(...args)).toBe(expected);
  });

  it('never gives away more than two letters of a name', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (first, last) => {
        const r = initials(first, last);
        expect(r === '?' || /^([^.]{1,3}\.){1,2}$/u.test(r)).toBe(true);
      }),
    );
  });

  it('never throws on a naughty string and never echoes markup', () => {
    for (const s of blns) {
      const r = initials(s);
      expect(typeof r).toBe('string');
      expect(r).not.toMatch(/[<>&"']/);
      expect(typeof initials(s, s)).toBe('string');
    }
  });
});

describe('parseBool', () => {
  it.each([true, 'TRUE', 'true', 'Yes', 'y', 'Y', '1', 'x', 'X', '✓', 1, ' yes '])('reads %p as true', (v) => {
    expect(parseBool(v)).toBe(true);
  });

  it.each([false, 'FALSE', 'false', 'No', 'n', '0', 0, ' NO '])('reads %p as false', (v) => {
    expect(parseBool(v)).toBe(false);
  });

  it.each(['', null, undefined, 'maybe', 2, 'truthy', new Date(), {}])('reads %p as not said (null)', (v) => {
    expect(parseBool(v)).toBeNull();
  });
});

describe('plural', () => {
  it('uses the singular only for exactly one', () => {
    expect(plural(1, 'client')).toBe('1 client');
    expect(plural(3, 'client')).toBe('3 clients');
    expect(plural(0, 'client')).toBe('0 clients');
    expect(plural(2, 'business day')).toBe('2 business days');
  });

  it('takes an irregular plural', () => {
    expect(plural(2, 'child', 'children')).toBe('2 children');
    expect(plural(1, 'child', 'children')).toBe('1 child');
  });
});
