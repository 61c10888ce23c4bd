/**
 * Read once, write in blocks: the data calls of sendDepartureNotices depend on
 * the emails it sends, not on the size of the hub.
 */
import { fork, noticeHub, plainClients, sendNotices } from '../../support/email';

function dataCalls(practiceClients: number): { data: number; byMethod: Record<string, number> } {
  const hub = noticeHub(plainClients(10), { practiceClients });
  const { runner } = fork(hub.emu.save());
  const run = sendNotices(runner, hub.admin);
  expect(run.ok).toBe(true);
  expect((run.result as { emails: number }).emails).toBe(10);
  return { data: run.counters.data, byMethod: run.counters.byMethod };
}

describe('sendDepartureNotices data calls', () => {
  it('are the same for a hub of 100 clients and one of 5,000 (same 10 emails)', () => {
    const small = dataCalls(100);
    const large = dataCalls(5000);
    expect(large.data).toBe(small.data);
    // Per email: one ledger write (and the flush) before the send, never a read.
    expect(small.byMethod['MailApp.sendEmail']).toBe(10);
    expect(small.byMethod['SpreadsheetApp.flush']).toBeLessThanOrEqual(12);
    expect(small.data).toBeLessThan(40);
  });
});
