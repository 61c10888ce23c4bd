/**
 * The emulator's kernel: the virtual clock, the latency model, call counters,
 * fault injection and the execution lifecycle (buffered writes, kill).
 *
 * Every public method of every emulated service goes through `Kernel.invoke`,
 * which counts the call, advances the virtual clock by the latency model,
 * applies injected faults, and refuses further calls once the execution has
 * been killed (as the platform does at the 6-minute limit: the script's own
 * try/catch cannot keep it alive).
 */

/** Thrown into the script when its execution is ended from outside. */
export class KillSignal extends Error {
  readonly killed = true;
  constructor(reason: string) {
    super(`Execution ended: ${reason}`);
    this.name = 'KillSignal';
  }
}

export interface CallCost {
  /** A read or write of cells, formats, validation, protections or charts. */
  data?: boolean;
  /** Cells the call reads (a read) or writes (a write), for the per-cell latency terms. */
  cells?: number;
  /** Cells a TextFinder looks through on the server (nothing is brought back but the matches). */
  searched?: number;
  /** Identifies the spreadsheet for buffered-write bookkeeping. */
  spreadsheetId?: string;
  /** A read forces that spreadsheet's pending writes to apply. */
  read?: boolean;
  /** SpreadsheetApp.flush(): every spreadsheet's pending writes apply. */
  flush?: boolean;
  /** A spreadsheet call that moves about the file without touching cells (getRange, getSheetByName, offset …). */
  nav?: boolean;
}

/**
 * What a call costs on the virtual clock. Calibrated to three published
 * figures, each reproduced within 2x by test/emulator/latency.test.ts:
 *
 * - Google's best-practice page (developers.google.com/apps-script/guides/support/best-practices,
 *   "Use batch operations"): setting the background of each cell of a 100 x 100
 *   grid one call at a time, flushing after every row, takes about 70 s; the
 *   same colours in one setBackgrounds call about 1 s. Writes are buffered (the
 *   page's "write caching"; the Apps Script team's "Optimizing Spreadsheet
 *   Operations", googleappsscript.blogspot.com, June 2010: every read first
 *   commits the write cache), so a one-cell write call is cheap, a few ms, and
 *   the cost of a write is in its cells and in applying the buffer.
 * - A getValues of 120,000 rows x 2 text columns (240,000 cells) measured at
 *   7.4 s: about 30 us a cell brought back, on an ~80 ms round trip.
 * - Interleaving: 100 rows of getValue, getValue, setValue (each read applying
 *   the write before it) measured at 24 s (gas.excelspeedup.com, "GAS
 *   spreadsheet speed-up", example 1): two round trips and one commit a row.
 *
 * Nothing published prices TextFinder per cell; it is taken as a third of a
 * cell brought back (the search runs next to the data), an assumption on the
 * live probe list.
 */
export interface LatencyModel {
  /** Milliseconds of a read round trip (getValues, getLastRow, getDataValidations …). */
  readCallMs: number;
  /** Milliseconds per cell a read brings back. */
  perCellReadMs: number;
  /** Milliseconds of a write call: the platform queues it, so the call returns quickly. */
  writeCallMs: number;
  /** Milliseconds per cell written. */
  perCellWrittenMs: number;
  /** Milliseconds to apply queued writes: paid by the first read of that spreadsheet after them, or by flush. */
  commitMs: number;
  /** Milliseconds per cell a TextFinder searches. */
  perCellSearchedMs: number;
  /** Milliseconds of a spreadsheet call that touches no cells (getRange, getSheetByName, offset, getName …). */
  navCallMs: number;
  /** Milliseconds of any other service call (Session, Properties, Cache, ScriptApp …). */
  otherCallMs: number;
  /** Milliseconds of one MailApp/GmailApp send. */
  sendEmailMs: number;
  /** Method-specific overrides, keyed 'Class.method'. */
  overrides: Record<string, number>;
}

export const DEFAULT_LATENCY: LatencyModel = {
  readCallMs: 80,
  perCellReadMs: 0.03,
  writeCallMs: 5,
  perCellWrittenMs: 0.09,
  commitMs: 75,
  perCellSearchedMs: 0.01,
  navCallMs: 1,
  otherCallMs: 15,
  // A small text-and-HTML email; about 1.2 s for one of 100 KB (the Small Outbox add-on's FAQ).
  sendEmailMs: 700,
  overrides: {
    'SpreadsheetApp.create': 1500,
    'SpreadsheetApp.openById': 400,
    'SpreadsheetApp.openByUrl': 400,
    'Spreadsheet.addEditor': 600,
    'Spreadsheet.removeEditor': 600,
    'LockService.getDocumentLock': 20,
    'Lock.tryLock': 30,
    'Lock.waitLock': 30,
  },
};

export type FaultKind = 'throw' | 'kill-before' | 'kill-after';
export interface Fault {
  /** 'Class.method', e.g. 'MailApp.sendEmail'. */
  method: string;
  /** 1-based: the k-th call of that method in the current execution. */
  nth: number;
  kind: FaultKind;
  /** Message of the thrown Error for kind 'throw'. */
  message?: string;
}

export interface Counters {
  /** Calls per 'Class.method'. */
  byMethod: Record<string, number>;
  /** Reads and writes of cells, formats, validation, protections, charts. */
  data: number;
  /** All service calls. */
  total: number;
  /** Cells brought back by reads. */
  cellsRead: number;
  /** Cells written. */
  cellsWritten: number;
  /** Cells TextFinders looked through. */
  cellsSearched: number;
}

export const emptyCounters = (): Counters => ({
  byMethod: {},
  data: 0,
  total: 0,
  cellsRead: 0,
  cellsWritten: 0,
  cellsSearched: 0,
});

/** Platform limit on one execution, in milliseconds (6 minutes). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

/** Undo records of writes not yet applied, per spreadsheet. */
type Undo = () => void;

export class Kernel {
  /** Virtual epoch milliseconds. */
  private nowMs: number;
  latency: LatencyModel;
  counters: Counters = emptyCounters();
  private faults: Fault[] = [];
  private execCounts: Record<string, number> = {};
  private pending = new Map<string, Undo[]>();
  /** Spreadsheets written to since their last read or flush: the next one pays the commit. */
  private unapplied = new Set<string>();
  private executionStartMs: number | null = null;
  killed: string | null = null;
  /** Enforce the 6-minute limit on the current execution. */
  enforceExecutionLimit = true;
  /** The current execution's limit: 6 minutes, or 30 seconds for a simple trigger. */
  executionLimitMs = EXECUTION_LIMIT_MS;

  /**
   * The Date constructor of the sandbox: `new Date()` and `Date.now()` read the
   * virtual clock. Every Date the emulator hands to a script (getValues, event
   * objects) is made with it, so `instanceof Date` holds inside the sandbox.
   */
  readonly Date: DateConstructor;

  constructor(startMs: number, latency: LatencyModel = DEFAULT_LATENCY) {
    this.nowMs = startMs;
    this.Date = makeVirtualDate(() => this.nowMs);
    this.latency = { ...latency, overrides: { ...latency.overrides } };
  }

  // ---- clock ----
  now(): number {
    return this.nowMs;
  }
  setNow(ms: number): void {
    this.nowMs = ms;
  }
  advance(ms: number): void {
    this.nowMs += Math.max(0, ms);
  }

  // ---- faults ----
  injectFault(f: Fault): void {
    this.faults.push(f);
  }
  clearFaults(): void {
    this.faults = [];
  }

  // ---- counters ----
  resetCounters(): void {
    this.counters = emptyCounters();
  }

  // ---- executions ----
  beginExecution(): void {
    this.executionStartMs = this.nowMs;
    this.execCounts = {};
    this.killed = null;
    this.pending.clear();
    this.unapplied.clear();
  }

  /** Normal end: every pending write applies. Killed: pending writes are undone. */
  endExecution(): { killed: string | null } {
    const killed = this.killed;
    if (killed) this.rollbackAll();
    this.pending.clear();
    this.executionStartMs = null;
    this.faults = [];
    return { killed };
  }

  inExecution(): boolean {
    return this.executionStartMs !== null;
  }
  elapsedMs(): number {
    return this.executionStartMs === null ? 0 : this.nowMs - this.executionStartMs;
  }

  /** Ends the execution: every later service call throws, pending writes are lost. */
  kill(reason: string): never {
    this.killed = this.killed ?? reason;
    throw new KillSignal(this.killed);
  }

  /**
   * Records an undo step for a write to a spreadsheet. Until that spreadsheet
   * is read or flushed, or the execution ends normally, the write is pending
   * and a kill undoes it.
   */
  recordWrite(spreadsheetId: string, undo: Undo): void {
    if (!this.inExecution()) return;
    const list = this.pending.get(spreadsheetId) ?? [];
    list.push(undo);
    this.pending.set(spreadsheetId, list);
  }

  /** Applies (commits) pending writes of one spreadsheet, or of all with no id. */
  applyPending(spreadsheetId?: string): void {
    if (spreadsheetId === undefined) this.pending.clear();
    else this.pending.delete(spreadsheetId);
  }

  private rollbackAll(): void {
    for (const undos of this.pending.values()) {
      for (let i = undos.length - 1; i >= 0; i--) undos[i]();
    }
  }

  private latencyFor(method: string, cost: CallCost): number {
    const o = this.latency.overrides[method];
    if (o !== undefined) return o;
    const m = this.latency;
    if (/\.sendEmail$/.test(method)) return m.sendEmailMs;
    let ms = cost.nav || cost.flush ? m.navCallMs : m.otherCallMs;
    if (cost.data && cost.read) ms = m.readCallMs + (cost.cells ?? 0) * m.perCellReadMs;
    else if (cost.data) ms = m.writeCallMs + (cost.cells ?? 0) * m.perCellWrittenMs;
    return ms + (cost.searched ?? 0) * m.perCellSearchedMs + this.commitCost(cost);
  }

  /** A read applies its spreadsheet's queued writes, a flush everyone's: one commit each that has any. */
  private commitCost(cost: CallCost): number {
    if (cost.flush) {
      const n = this.unapplied.size;
      this.unapplied.clear();
      return n * this.latency.commitMs;
    }
    if (!cost.spreadsheetId) return 0;
    if (cost.read) return this.unapplied.delete(cost.spreadsheetId) ? this.latency.commitMs : 0;
    if (cost.data) this.unapplied.add(cost.spreadsheetId);
    return 0;
  }

  private count(method: string, cost: CallCost): void {
    const c = this.counters;
    c.byMethod[method] = (c.byMethod[method] ?? 0) + 1;
    c.total++;
    if (cost.data) {
      c.data++;
      if (cost.read) c.cellsRead += cost.cells ?? 0;
      else c.cellsWritten += cost.cells ?? 0;
    }
    c.cellsSearched += cost.searched ?? 0;
  }

  /**
   * Runs one service call: counts it, advances the clock, applies faults and
   * the execution limit, and commits pending writes when the call is a read.
   */
  invoke<T>(method: string, cost: CallCost, impl: () => T): T {
    if (this.killed) throw new KillSignal(this.killed);
    const n = (this.execCounts[method] = (this.execCounts[method] ?? 0) + 1);
    this.count(method, cost);
    this.advance(this.latencyFor(method, cost));
    if (this.enforceExecutionLimit && this.inExecution() && this.elapsedMs() > this.executionLimitMs) {
      this.kill('Exceeded maximum execution time');
    }
    const fault = this.faults.find((f) => f.method === method && f.nth === n);
    if (fault?.kind === 'throw') throw new Error(fault.message ?? `Injected failure of ${method}`);
    if (fault?.kind === 'kill-before') this.kill(`killed before call ${n} of ${method}`);
    if (cost.read && cost.spreadsheetId) this.applyPending(cost.spreadsheetId);
    const result = impl();
    if (fault?.kind === 'kill-after') this.kill(`killed after call ${n} of ${method}`);
    return result;
  }
}

/** A Date class whose no-argument constructor and now() read a virtual clock. */
export function makeVirtualDate(now: () => number): DateConstructor {
  const RealDate = Date;
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [number]));
    }
    static override now(): number {
      return now();
    }
  }
  return VirtualDate as unknown as DateConstructor;
}
