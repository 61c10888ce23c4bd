import { CASE_STATUS, TERMINAL_STATUS, isTerminal } from '../../src/server/core/schema';

describe('terminal case statuses', () => {
  it('are Reassigned, Services terminated, Referred out and Discharged, and no other', () => {
    expect(CASE_STATUS.filter(isTerminal)).toEqual([...TERMINAL_STATUS]);
  });

  it('are recognised however a person typed them (case, spacing)', () => {
    expect(isTerminal('reassigned')).toBe(true);
    expect(isTerminal('  Services   Terminated ')).toBe(true);
    expect(isTerminal('REFERRED OUT')).toBe(true);
    expect(isTerminal('Reached')).toBe(false);
    expect(isTerminal('')).toBe(false);
  });
});
