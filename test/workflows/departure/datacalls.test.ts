/**
 * Read once, write in blocks: starting, sharing and syncing a departure make
 * the same number of data calls in a hub of 100 clients as in one of 5,000
 * (where the departing therapist has hundreds of clients, not a dozen).
 */
import { D1, departureHub, fileAt, ok, run, sheetRecords, START, therapistTypes } from '../../support/departure';

interface Steps {
  start: number;
  share: number;
  sync: number;
  listed: number;
  byMethod: Record<string, Record<string, number>>;
}

function measure(practiceClients: number): Steps {
  const { hub, listed } = departureHub({ practiceClients, importClients: false });
  const start = run(hub, 'startDeparture', START);
  ok(start);
  const share = run(hub, 'shareDepartureSheet', D1);
  const fileId = fileAt(hub.emu, ok<{ url: string }>(share).url);
  // The therapist records the same five preferences in either hub.
  for (const r of sheetRecords(hub.emu, fileId).slice(0, 5)) {
    const edit = therapistTypes(hub.emu, fileId, 'Preference', Number(r.row), 'Client will choose');
    expect(edit.rejected).toBeUndefined();
  }
  const sync = run(hub, 'syncDepartureSheet', D1);
  expect(ok<{ updated: number }>(sync).updated).toBe(5);
  return {
    start: start.counters.data,
    share: share.counters.data,
    sync: sync.counters.data,
    listed: listed.length,
    byMethod: { start: start.counters.byMethod, share: share.counters.byMethod, sync: sync.counters.byMethod },
  };
}

describe('departure data calls', () => {
  it('do not grow with the hub: 100 clients and 5,000 clients cost the same for start, share and sync', () => {
    const small = measure(100);
    const large = measure(5000);
    expect(large.listed).toBeGreaterThan(20 * small.listed);
    expect(large.listed).toBeGreaterThan(500);
    expect({ start: large.start, share: large.share, sync: large.sync }).toEqual({
      start: small.start,
      share: small.share,
      sync: small.sync,
    });
    // One read per tab, one block per write: a handful of calls, never one per client.
    expect(small.start).toBeLessThan(30);
    expect(small.share).toBeLessThan(45);
    expect(small.sync).toBeLessThan(30);
    expect(large.byMethod.start['Range.setValues']).toBe(small.byMethod.start['Range.setValues']);
  }, 120000);
});
