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
  /** Cells touched, for the per-cell latency term. */
  cells?: number;
  /** Identifies the spreadsheet for buffered-write bookkeeping. */
  spreadsheetId?: string;
  /** A read forces that spreadsheet's pending writes to apply. */
  read?: boolean;
}

export interface LatencyModel {
  /** Milliseconds of a data call (read or write of cells, formats, validation). */
  dataCallMs: number;
  /** Extra milliseconds per cell touched by a data call. */
  perCellMs: number;
  /** Milliseconds of any other service call (getSheetByName, Session, Properties …). */
  otherCallMs: number;
  /** Milliseconds of one MailApp/GmailApp send. */
  sendEmailMs: number;
  /** Method-specific overrides, keyed 'Class.method'. */
  overrides: Record<string, number>;
}

export const DEFAULT_LATENCY: LatencyModel = {
  dataCallMs: 80,
  perCellMs: 0.002,
  otherCallMs: 15,
  sendEmailMs: 700,
  overrides: {
    'SpreadsheetApp.flush': 150,
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
}

export const emptyCounters = (): Counters => ({ byMethod: {}, data: 0, total: 0 });

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
    if (/\.sendEmail$/.test(method)) return this.latency.sendEmailMs;
    if (cost.data) return this.latency.dataCallMs + (cost.cells ?? 0) * this.latency.perCellMs;
    return this.latency.otherCallMs;
  }

  /**
   * Runs one service call: counts it, advances the clock, applies faults and
   * the execution limit, and commits pending writes when the call is a read.
   */
  invoke<T>(method: string, cost: CallCost, impl: () => T): T {
    if (this.killed) throw new KillSignal(this.killed);
    const n = (this.execCounts[method] = (this.execCounts[method] ?? 0) + 1);
    this.counters.byMethod[method] = (this.counters.byMethod[method] ?? 0) + 1;
    this.counters.total++;
    if (cost.data) this.counters.data++;
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
