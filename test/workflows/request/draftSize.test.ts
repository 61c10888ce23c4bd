/**
 * A request draft is measured as the platform stores it (UTF-8 bytes, 9 kB a
 * value): notes in a script of three-byte letters are refused with the
 * wizard's own sentence, never the platform's "Argument too large".
 */
import { thrown } from '../../support/thrown';
import { requestHub } from '../../support/request';
import fc from 'fast-check';
import { utf8Bytes } from '../../../src/server/workflows/request/draft';

describe('a request draft in another script', () => {
  it('is refused with a sentence saying to shorten the notes when it is too large to keep', () => {
    const hub = requestHub();
    const message = thrown(() => hub.callAs(hub.csr, 'saveRequestDraft', { step: 1, details: '漢'.repeat(3500) }));
    expect(message).toMatch(/Shorten the notes; the draft was not saved\.$/);
    expect(message).not.toMatch(/Argument too large/);
  });

  it('is kept, exactly, when it fits', () => {
    const hub = requestHub();
    hub.callAs(hub.csr, 'saveRequestDraft', { step: 1, details: '漢'.repeat(2000) });
    expect(hub.callAs<{ details: string }>(hub.csr, 'loadRequestDraft').details).toBe('漢'.repeat(2000));
  });
});

describe('utf8Bytes', () => {
  it('counts what Node counts for any text, emoji and lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\uD800', '\uDC00'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
        }),
        (s) => {
          expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
        },
      ),
      { numRuns: 500 },
    );
    for (const s of ['a é 漢 😀', '\uD800漢', '\uD800a', 'x\uDC00', '\uD83D'])
      expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});
