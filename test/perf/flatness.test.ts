/**
 * Read once, write in blocks: every operation the benchmark measures makes the
 * same data calls in a hub of 5,000 clients as in one of 100, so a Sheets call
 * per row can never creep back in unnoticed. Counts, not timings: the
 * emulator counts every call the same way each run.
 *
 * Both hubs hold the same departure (the sample practice's first clients are
 * the same whatever its size, and the departing therapist gets 30 of them) and
 * send the same 20 notices; only the rows around them grow. What a run does
 * besides (a full grid grown to take new rows, dropdowns restored on grown
 * rows, emails written ahead in the ledger) is documented per operation in
 * dev/bench/floors.ts and is the only difference allowed.
 */
import { floorCalls, floorOf, OPERATIONS, runDependentCalls, type OperationName } from '../../dev/bench/floors';
import { runScenario, type Measurement, type SizeResult } from '../../dev/bench/scenario';

const SAME_DEPARTURE = { departingClients: 30, noticeBatch: 20 };
/** Column rules set-up puts on the hub: at most this many can be restored. */
const RULES = 18;

function measurementOf(size: SizeResult, op: OperationName): Measurement {
  const m = size.measurements.find((x) => x.op === op);
  if (!m) throw new Error(`${op} was not measured at ${size.clients} clients`);
  return m;
}

/** Data calls that depend on the hub's rows, if any: everything but what the run itself did. */
const rowCalls = (op: OperationName, m: Measurement): number => m.data - runDependentCalls(op, m);

/** '' when the two runs make the same row-independent data calls; otherwise which methods moved. */
function growth(op: OperationName, small: SizeResult, large: SizeResult): string {
  const a = measurementOf(small, op);
  const b = measurementOf(large, op);
  if (rowCalls(op, a) === rowCalls(op, b)) return '';
  const methods = [...new Set([...Object.keys(a.dataByMethod), ...Object.keys(b.dataByMethod)])]
    .filter((k) => (a.dataByMethod[k] ?? 0) !== (b.dataByMethod[k] ?? 0))
    .map((k) => `${k} ${a.dataByMethod[k] ?? 0} → ${b.dataByMethod[k] ?? 0}`);
  return `${op}: ${rowCalls(op, a)} data calls at ${small.clients} clients, ${rowCalls(op, b)} at ${large.clients} (${methods.join(', ')})`;
}

describe('Data calls as the hub grows from 100 to 5,000 clients', () => {
  let small: SizeResult;
  let large: SizeResult;

  beforeAll(() => {
    small = runScenario({ clients: 100, ...SAME_DEPARTURE });
    large = runScenario({ clients: 5000, ...SAME_DEPARTURE });
  }, 120_000);

  it('measures the same departure in a tracker fifty times the size', () => {
    expect(large.departureCases).toBe(small.departureCases);
    expect(small.departureCases).toBeGreaterThan(20);
    expect(large.cases).toBeGreaterThan(3500);
    expect(small.cases).toBeLessThan(100);
  });

  it.each(OPERATIONS)('%s makes as many data calls for 5,000 clients as for 100', (op) => {
    expect(growth(op, small, large)).toBe('');
  });

  it.each(OPERATIONS)('%s grows a full grid at most once per tab it appends to', (op) => {
    for (const size of [small, large])
      expect(measurementOf(size, op).gridGrowth).toBeLessThanOrEqual(floorOf(op).appendsTo.length);
  });

  it('sends the same emails in both hubs, so the ledger writes ahead of them match', () => {
    for (const op of OPERATIONS) expect(measurementOf(large, op).emails).toBe(measurementOf(small, op).emails);
    expect(measurementOf(small, 'sendDepartureNotices').emails).toBe(SAME_DEPARTURE.noticeBatch);
  });

  it('restores at most one dropdown or checkbox rule per column when set-up runs again', () => {
    for (const size of [small, large]) {
      expect(
        measurementOf(size, 'setUpWorkbook (again)').dataByMethod['Range.setDataValidation'] ?? 0,
      ).toBeLessThanOrEqual(RULES);
    }
  });

  it('keeps every operation at 5,000 clients well inside the 6-minute limit', () => {
    for (const m of large.measurements)
      expect({ op: m.op, inside: m.virtualS < 120 }).toEqual({ op: m.op, inside: true });
  });

  it('never measures an operation below its documented floor, and says why for every one above it', () => {
    for (const size of [small, large]) {
      for (const m of size.measurements) {
        const over = m.data - m.gridGrowth - floorCalls(m.op, m);
        expect({ op: m.op, belowFloor: over < 0, unexplained: over > 0 && !floorOf(m.op).above }).toEqual({
          op: m.op,
          belowFloor: false,
          unexplained: false,
        });
      }
    }
  });
});

describe('Data calls as the departure grows from 30 to 600 clients in a hub of 2,000', () => {
  let small: SizeResult;
  let large: SizeResult;

  beforeAll(() => {
    small = runScenario({ clients: 2000, departingClients: 30, noticeBatch: 20 });
    large = runScenario({ clients: 2000, departingClients: 600, noticeBatch: 20 });
  }, 120_000);

  it('measures a departure twenty times the size', () => {
    expect(large.departureCases).toBeGreaterThan(15 * small.departureCases);
  });

  const flatInDeparture = OPERATIONS.filter((op) => !floorOf(op).growsWithDeparture);

  it.each(flatInDeparture)('%s makes as many data calls for the large departure as for the small one', (op) => {
    expect(growth(op, small, large)).toBe('');
  });

  it('lists what every operation that grows with the departure grows with', () => {
    const growing = OPERATIONS.filter((op) => growth(op, small, large) !== '');
    expect(growing.filter((op) => !floorOf(op).growsWithDeparture)).toEqual([]);
  });
});
