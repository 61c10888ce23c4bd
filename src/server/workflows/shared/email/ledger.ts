/**
 * The Email Ledger: the durable record that makes "never twice" hold across
 * kills and reruns. Each send attempt appends a 'sending' row that is flushed
 * BEFORE MailApp is called, and a 'sent' (or 'failed') row right after. A key
 * whose last row is still 'sending' when a later run reads the ledger was
 * interrupted between the two: it becomes 'unconfirmed' and is never resent
 * until an admin settles it (resolveUnconfirmed).
 *
 * It is a hub tab, so the admin can see every email's history; append-only
 * (the last row of a key is its state), so a kill can only lose the newest
 * row, never rewrite an old one. Created on first use, header frozen,
 * warning-only protection.
 */
import type { Env } from '../../../services/context';
import { Table } from '../../../table/table';
import { isDateValue } from '../../../table/table';
import { perExecution } from './memo';

export const LEDGER_TAB = 'Email Ledger';
export const LEDGER_HEADERS = ['Timestamp', 'Ledger Key', 'Ref', 'Template', 'To', 'State', 'Detail'] as const;

export type LedgerState = 'sending' | 'sent' | 'failed' | 'unconfirmed';
const STATES: readonly string[] = ['sending', 'sent', 'failed', 'unconfirmed'];

export interface LedgerEntry {
  key: string;
  ref: string;
  template: string;
  to: string;
  state: LedgerState;
  detail: string;
  at: Date | null;
}

export type LedgerRow = Omit<LedgerEntry, 'at'>;

/** One ledger key per case (`DEPARTURE_NOTICE:R-000123`), or the email's own key when it has one. */
export function ledgerKeysOf(o: { key: string; refs: string[]; ledgerKey?: string; to?: string }): string[] {
  if (o.ledgerKey) return [o.ledgerKey];
  if (o.refs.length === 0)
    return [
      `${o.key}:${String(o.to ?? '')
        .trim()
        .toLowerCase()}`,
    ];
  return o.refs.map((ref) => caseKey(o.key, ref));
}

export const caseKey = (templateKey: string, ref: string): string => `${templateKey}:${ref}`;

export class Ledger {
  private readonly latest = new Map<string, LedgerEntry>();
  private table: Table | null;

  private constructor(
    private readonly env: Env,
    table: Table | null,
  ) {
    this.table = table;
    for (const row of table?.rows ?? []) {
      const key = row.text('Ledger Key');
      const state = row.text('State').toLowerCase();
      if (!key || !STATES.includes(state)) continue;
      const at = row.get('Timestamp');
      this.latest.set(key, {
        key,
        ref: row.text('Ref'),
        template: row.text('Template'),
        to: row.text('To'),
        state: state as LedgerState,
        detail: row.text('Detail'),
        at: isDateValue(at) ? at : null,
      });
    }
  }

  /** The ledger of this execution, read once (an empty one when the tab does not exist yet). */
  static of(env: Env): Ledger {
    return perExecution(env, 'ledger', () => {
      const sheet = env.ctx.ss.getSheetByName(LEDGER_TAB);
      const table = sheet ? Table.read(env.ctx.ss, LEDGER_TAB, env.ctx.timeZone, { required: LEDGER_HEADERS }) : null;
      return new Ledger(env, table);
    });
  }

  state(key: string): LedgerState | undefined {
    return this.latest.get(key)?.state;
  }
  entry(key: string): LedgerEntry | undefined {
    return this.latest.get(key);
  }

  /** Current state by ledger key. */
  states(): Map<string, LedgerState> {
    return new Map([...this.latest].map(([k, e]) => [k, e.state]));
  }

  entries(): LedgerEntry[] {
    return [...this.latest.values()];
  }

  /** Appends rows (written at the next commit). */
  add(rows: LedgerRow[]): void {
    if (rows.length === 0) return;
    const table = this.ensureTable();
    const at = new Date();
    for (const r of rows) {
      table.append({
        Timestamp: at,
        'Ledger Key': r.key,
        Ref: r.ref,
        Template: r.template,
        To: r.to,
        State: r.state,
        Detail: r.detail,
      });
      this.latest.set(r.key, { ...r, at });
    }
  }

  /** Writes the appended rows; with `flush`, makes them durable before anything else happens. */
  commit(flush: boolean): void {
    if (!this.table || !this.table.hasChanges()) return;
    this.table.commit();
    if (flush) SpreadsheetApp.flush();
  }

  private ensureTable(): Table {
    if (this.table) return this.table;
    const ss = this.env.ctx.ss;
    const sheet = ss.insertSheet(LEDGER_TAB);
    sheet.getRange(1, 1, 1, LEDGER_HEADERS.length).setValues([[...LEDGER_HEADERS]]);
    sheet.setFrozenRows(1);
    sheet
      .protect()
      .setDescription('Email Ledger: written by Caseload Handoff. Use "Settle unconfirmed email" instead of editing.')
      .setWarningOnly(true);
    this.table = Table.read(ss, LEDGER_TAB, this.env.ctx.timeZone, { required: LEDGER_HEADERS });
    return this.table;
  }
}
