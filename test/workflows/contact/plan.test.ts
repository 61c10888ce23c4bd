/**
 * The contact log's rules as plain values: the request's checks, which
 * column a call fills, and a Status that only moves forward.
 */
import fc from 'fast-check';
import { CASE_STATUS, TERMINAL_STATUS } from '../../../src/server/core/schema';
import {
  advanceStatus,
  attemptText,
  callColumn,
  canonicalStatus,
  CHANNELS,
  parseContactInput,
  parseNote,
} from '../../../src/server/core/contactPlan';
import { CLOSE_STATUSES, parseCloseInput } from '../../../src/server/workflows/close/plan';

/** How far along the contact each open status is. */
const ORDER = ['New', 'Notice sent', 'Contacting', 'Unresponsive', 'Reached', 'Scheduled'];

describe('advanceStatus', () => {
  it.each([
    ['New', 'Contacting', 'Contacting'],
    ['Notice sent', 'Contacting', 'Contacting'],
    ['Contacting', 'Contacting', 'Contacting'],
    ['Reached', 'Contacting', 'Reached'],
    ['Scheduled', 'Contacting', 'Scheduled'],
    ['Scheduled', 'Reached', 'Scheduled'],
    ['Unresponsive', 'Contacting', 'Unresponsive'],
    ['Unresponsive', 'Reached', 'Reached'],
    ['', 'Contacting', 'Contacting'],
    [' reached ', 'Contacting', 'Reached'],
  ] as const)('%s after a %s event is %s', (from, target, expected) => {
    expect(advanceStatus(from, target)).toBe(expected);
  });

  it('never moves any status backwards, whatever happens', () => {
    const open = CASE_STATUS.filter((s) => !TERMINAL_STATUS.includes(s));
    fc.assert(
      fc.property(
        fc.constantFrom(...open),
        fc.constantFrom('Contacting' as const, 'Reached' as const),
        (from, target) => {
          const to = advanceStatus(from, target);
          expect(ORDER.indexOf(to)).toBeGreaterThanOrEqual(ORDER.indexOf(from));
        },
      ),
    );
  });

  it("leaves a closed case's status as it is", () => {
    for (const s of TERMINAL_STATUS) expect(advanceStatus(s, 'Reached')).toBe(s);
  });
});

describe('callColumn', () => {
  it('fills Call 1, then Call 2, then nothing', () => {
    expect(callColumn(false, false)).toBe('Call 1');
    expect(callColumn(true, false)).toBe('Call 2');
    expect(callColumn(true, true)).toBeNull();
    // A Call 2 typed by hand without a Call 1: the first call still goes to Call 1.
    expect(callColumn(false, true)).toBe('Call 1');
  });
});

describe('parseContactInput', () => {
  it('accepts every channel with each of its outcomes, whatever the case and spacing', () => {
    for (const [channel, outcomes] of Object.entries(CHANNELS)) {
      for (const outcome of outcomes) {
        expect(
          parseContactInput(' R-000001 ', {
            channel: ` ${channel.toUpperCase()}`,
            outcome: outcome.toUpperCase(),
            note: '  hi  ',
          }),
        ).toEqual({ ref: 'R-000001', input: { channel, outcome, note: 'hi' } });
      }
    }
  });

  it.each([
    [undefined, { channel: 'call', outcome: 'reached' }, /needs its Ref/],
    ['R-1', 'call', /logContact needs \{channel, outcome, note\?\}/],
    ['R-1', { channel: 'sms', outcome: 'sent' }, /"sms" is not a contact channel/],
    [
      'R-1',
      { channel: 'email', outcome: 'voicemail' },
      /"voicemail" is not an outcome of an email: use "sent", "reached"/,
    ],
    ['R-1', { channel: 'call', outcome: 'reached', note: 'x'.repeat(5001) }, /keep it under 5000/],
  ])('refuses %p %p', (ref, input, message) => {
    expect(() => parseContactInput(ref, input)).toThrow(message);
  });

  it('ends every refusal by saying nothing was changed', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (ref, input) => {
        try {
          parseContactInput(ref, input);
        } catch (e) {
          expect((e as Error).message).toMatch(/Nothing was changed\.$/);
        }
      }),
    );
  });
});

describe('parseNote', () => {
  it('keeps any text exactly, trimmed, and refuses an empty required note', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        if (s.trim() === '') expect(() => parseNote(s, true)).toThrow(/Write the note first/);
        else expect(parseNote(s, true)).toBe(s.trim());
      }),
    );
  });
});

describe('attemptText', () => {
  it('says what each contact was, in the words of the Interaction Notes', () => {
    expect(attemptText('call', 'voicemail', 'Call 2')).toBe('Call 2: left a voicemail');
    expect(attemptText('call', 'reached', null)).toBe(
      'Another call (Call 1 and Call 2 already logged): reached the client',
    );
    expect(attemptText('email', 'sent', 'Follow-up Email')).toBe('Follow-up email sent');
    expect(attemptText('text', 'reached', null)).toBe('The client replied by text message: reached');
  });
});

describe('parseCloseInput', () => {
  it('accepts the three closing statuses however they are typed', () => {
    for (const s of CLOSE_STATUSES) expect(parseCloseInput('R-1', { status: s.toUpperCase() }).input.status).toBe(s);
  });

  it('points a Reassigned close to Complete reassignment, and refuses every other status', () => {
    expect(() => parseCloseInput('R-1', { status: 'reassigned' })).toThrow(/use Complete reassignment/);
    for (const s of CASE_STATUS.filter(
      (x) => !(CLOSE_STATUSES as readonly string[]).includes(x) && x !== 'Reassigned',
    )) {
      expect(() => parseCloseInput('R-1', { status: s })).toThrow(`"${s}" is not a status that closes a case`);
    }
  });
});

it('canonicalStatus spells a typed status as the dropdown does, and keeps anything else as typed', () => {
  expect(canonicalStatus('  services   TERMINATED ')).toBe('Services terminated');
  expect(canonicalStatus('Waiting')).toBe('Waiting');
});
