/**
 * The hub tabs a departure step works on, each read once per execution and
 * shared by every step of that execution (start, then close-out, reads
 * Reassignments once), and written back in one fixed order.
 */
import type { Env } from '../../services/context';
import { Civil } from '../../core/dates';
import { TAB } from '../../core/schema';
import { normalizeHeader } from '../../core/text';
import { AuditLog } from '../../table/audit';
import { Row, Table } from '../../table/table';
import { casesTable, clientsTable, cliniciansTable, departuresTable } from '../shared/email/tables';
import { perExecution } from '../shared/email/memo';
import { cliniciansMatching } from '../shared/clinicians';
import { DepartureStore, SheetState } from './store';

/** A date or tick column holds something (a date, TRUE, text), not blank or FALSE. */
export function filled(row: Row, header: string): boolean {
  const v = row.get(header);
  if (v === '' || v === false) return false;
  return typeof v !== 'string' || (v.trim() !== '' && v.trim().toLowerCase() !== 'false');
}

type HubTab = typeof TAB.departures | typeof TAB.cases | typeof TAB.clinicians | typeof TAB.clients;

/**
 * The tables are the execution's shared ones (the email engine's accessors),
 * so a nightly run that sends, syncs and closes out reads each tab once and
 * never holds two views of it.
 */
const SHARED: Record<HubTab, (env: Env) => Table> = {
  [TAB.departures]: departuresTable,
  [TAB.cases]: casesTable,
  [TAB.clinicians]: cliniciansTable,
  [TAB.clients]: clientsTable,
};

/** Departures first, so a run cut short leaves a departure that a re-run finds and completes. */
const COMMIT_ORDER: HubTab[] = [TAB.departures, TAB.cases, TAB.clinicians, TAB.clients];

export interface BookOptions {
  /**
   * The caller's Log (two open AuditLogs would append over each other), or how
   * to open it when the book first logs (the nightly run's one Log for all its
   * steps, opened only if something is logged). The caller commits it.
   */
  log?: AuditLog | (() => AuditLog);
}

export class DepartureBook {
  private readonly tables = new Map<HubTab, Table>();
  private audit: AuditLog | null;
  private readonly openLog: (() => AuditLog) | null;
  private readonly ownsLog: boolean;
  private storeCache: DepartureStore | null = null;

  constructor(
    readonly env: Env,
    opts: BookOptions = {},
  ) {
    this.audit = opts.log instanceof AuditLog ? opts.log : null;
    this.openLog = typeof opts.log === 'function' ? opts.log : null;
    this.ownsLog = !opts.log;
  }

  get ctx() {
    return this.env.ctx;
  }
  get today(): Civil {
    return this.env.ctx.today;
  }

  table(tab: HubTab): Table {
    let t = this.tables.get(tab);
    if (!t) {
      t = SHARED[tab](this.env);
      this.tables.set(tab, t);
    }
    return t;
  }

  get departures(): Table {
    return this.table(TAB.departures);
  }
  get cases(): Table {
    return this.table(TAB.cases);
  }
  get clinicians(): Table {
    return this.table(TAB.clinicians);
  }
  get clients(): Table {
    return this.table(TAB.clients);
  }

  get log(): AuditLog {
    if (!this.audit) this.audit = this.openLog ? this.openLog() : AuditLog.open(this.ctx);
    return this.audit;
  }

  get store(): DepartureStore {
    if (!this.storeCache) this.storeCache = perExecution(this.env, 'departureStore', () => DepartureStore.open());
    return this.storeCache;
  }

  /** The Departures row with this ID; a clear error when there is none. */
  departure(id: unknown): Row {
    if (String(id ?? '').trim() === '') throw new Error('Choose a departure (its Departure ID, e.g. D-0001).');
    const row = this.departures.findRow('Departure ID', id);
    if (!row) throw new Error(`There is no departure "${String(id)}" on the Departures tab. Nothing was changed.`);
    return row;
  }

  /** Every case of a departure, in sheet order. */
  casesOf(departureId: string): Row[] {
    const id = normalizeHeader(departureId);
    return this.cases.rows.filter((r) => normalizeHeader(r.text('Departure ID')) === id);
  }

  /** The Clinicians row of a name or email; a clear error when none or several match. */
  clinician(nameOrEmail: string): Row {
    const key = nameOrEmail.trim();
    const byEmail = key.includes('@');
    const matches = cliniciansMatching(this.clinicians, key);
    if (matches.length === 0) {
      throw new Error(
        `No clinician "${key}" on the Clinicians tab (by ${byEmail ? 'Email' : 'Name'}). Check the spelling or add them there first. Nothing was changed.`,
      );
    }
    if (matches.length > 1) {
      throw new Error(
        `${matches.length} Clinicians rows match "${key}". Use their Email instead, or remove the duplicate row. Nothing was changed.`,
      );
    }
    return matches[0];
  }

  /** The therapist's email: the departure's own, else their Clinicians row's; '' when neither has one. */
  therapistEmail(departure: Row): string {
    return departure.text('Email') || this.clinicianOf(departure)?.text('Email') || '';
  }

  /** What is remembered of a departure's transition sheet, its URL as the row has it (else as remembered when created). */
  sheetOf(departure: Row): SheetState {
    const state = this.store.state(departure.text('Departure ID'));
    return { ...state, url: departure.text('Transition Sheet URL') || state.url };
  }

  /** The Clinicians row of a departure's clinician (by its Email, else its Name), or null. */
  clinicianOf(departure: Row): Row | null {
    return (
      cliniciansMatching(this.clinicians, departure.text('Email'))[0] ??
      cliniciansMatching(this.clinicians, departure.text('Clinician'))[0] ??
      null
    );
  }

  /**
   * Writes every table read so far, in the fixed order, then the Log (unless
   * the caller's, which the caller commits); the
   * snapshot is saved only once those writes are flushed, so a run cut short
   * is synced again rather than forgotten.
   */
  commit(): void {
    for (const tab of COMMIT_ORDER) this.tables.get(tab)?.commit();
    if (this.ownsLog) this.audit?.commit();
    if (this.storeCache?.hasChanges()) {
      SpreadsheetApp.flush();
      this.storeCache.commit();
    }
  }
}
