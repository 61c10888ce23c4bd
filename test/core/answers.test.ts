import crypto from 'node:crypto';
import fc from 'fast-check';
import {
  answerLinkText,
  constantTimeEqual,
  formatToken,
  isAnswerPageUrl,
  macText,
  parseAnswer,
  parseToken,
  tokenPayload,
} from '../../src/server/core/answers';
import { BLNS } from '../support/blns';

const signed = (b: Buffer): number[] => Array.from(b, (x) => (x > 127 ? x - 256 : x));

describe('the personal link token', () => {
  const token = { ref: 'R-000012', nonce: '0123456789abcdef', expires: '2027-01-01' };

  it('signs the version, the hub, the case, the nonce and the expiry', () => {
    expect(tokenPayload('hub1', token)).toBe('v1|hub1|R-000012|0123456789abcdef|2027-01-01');
  });

  it('round-trips through its text', () => {
    const mac = 'A'.repeat(43);
    const text = formatToken(token, mac);
    expect(text).toBe(`v1.R-000012.0123456789abcdef.20270101.${mac}`);
    expect(parseToken(text)).toEqual({ token, mac });
  });

  it('is web-safe base64 of the HMAC bytes without padding, as node computes it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (payload, key) => {
        const digest = crypto.createHmac('sha256', key).update(payload).digest();
        expect(macText(signed(digest))).toBe(digest.toString('base64url'));
      }),
    );
    for (const n of [0, 1, 2, 3, 31, 32]) {
      const bytes = crypto.randomBytes(n);
      expect(macText(signed(bytes))).toBe(bytes.toString('base64url'));
    }
  });

  it('is not read from anything else: wrong version, bad date, odd nonce, long text, hostile strings', () => {
    const mac = 'A'.repeat(43);
    for (const bad of [
      `v2.R-000012.0123456789abcdef.20270101.${mac}`,
      `v1.R-000012.0123456789abcdef.20270230.${mac}`,
      `v1.R-000012.0123456789ABCDEZ.20270101.${mac}`,
      `v1.R-000012.0123456789abcdef.20270101.${mac}x`,
      `v1.X-000012.0123456789abcdef.20270101.${mac}`,
      'v1.'.padEnd(300, 'a'),
      null,
      42,
      ...BLNS,
    ])
      expect(parseToken(bad)).toBeNull();
  });

  it('compares macs whole: equal only when every character is', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => expect(constantTimeEqual(a, b)).toBe(a === b)));
  });
});

describe('the answer page address', () => {
  it('is a deployed web app /exec URL, consumer or Workspace', () => {
    expect(isAnswerPageUrl('https://script.google.com/macros/s/AKfycbx123456789/exec')).toBe(true);
    expect(isAnswerPageUrl('https://script.google.com/a/macros/clinic.example.com/s/AKfycbx123456789/exec')).toBe(true);
    for (const bad of [
      'http://script.google.com/macros/s/AKfycbx123456789/exec',
      'https://script.google.com/macros/s/AKfycbx123456789/dev',
      'https://script.google.com.evil.example/macros/s/AKfycbx123456789/exec',
      'https://evil.example/exec',
      '',
    ])
      expect(isAnswerPageUrl(bad)).toBe(false);
  });
});

describe("the client's answer", () => {
  it('takes one of the offered choices, an optional day/time and note, trimmed', () => {
    expect(parseAnswer({ choice: 'later', when: ' Mon ', note: ' hi ' })).toEqual({
      answer: { choice: expect.objectContaining({ id: 'later', preference: 'Undecided' }), when: 'Mon', note: 'hi' },
    });
  });

  it('asks again on anything else', () => {
    expect(parseAnswer({ choice: '__proto__' })).toEqual({ problem: 'Please choose one of the options.' });
    expect(parseAnswer({ choice: 'later', note: ['x'] })).toEqual({ problem: 'Please fill in the form again.' });
  });

  it("writes a household's links one per line", () => {
    expect(
      answerLinkText(
        [
          { name: 'Ana', url: 'https://a' },
          { name: 'Ben', url: 'https://b' },
        ],
        'January 1, 2027',
      ),
    ).toBe(
      "You can also tell us each person's choice online, with their personal link (each works until January 1, 2027):\nAna: https://a\nBen: https://b",
    );
  });
});
