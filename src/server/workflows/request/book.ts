/**
 * The hub tabs a client reassignment works on, each read once per execution:
 * Clients, Clinicians and Reassignments (the execution's tables, shared with
 * the email engine and departure close-out, so each is read once), plus Interaction Notes and Log, which
 * are only appended to. Every read happens before the first write, so a run
 * cut short loses all of its sheet writes or none.
 */
import type { Env } from '../../services/context';
import { isTerminal, NOTE_HEADERS, TAB } from '../../core/schema';
import { AuditLog } from '../../table/audit';
import { Row, Table } from '../../table/table';
import { cliniciansMatching } from '../shared/clinicians';
import { casesTable, clientsTable, cliniciansTable } from '../shared/email/tables';

export class RequestBook {
  private notesTable: Table | null = null;
  private audit: AuditLog | null = null;

  constructor(readonly env: Env) {}

  get ctx() {
    return this.env.ctx;
  }

  // The execution's shared tables: the email engine and close-out see the same rows.
  get clients(): Table {
    return clientsTable(this.env);
  }
  get clinicians(): Table {
    return cliniciansTable(this.env);
  }
  get cases(): Table {
    return casesTable(this.env);
  }

  get notes(): Table {
    if (!this.notesTable)
      this.notesTable = Table.forAppend(this.ctx.ss, TAB.notes, this.ctx.timeZone, { required: NOTE_HEADERS });
    return this.notesTable;
  }

  get log(): AuditLog {
    if (!this.audit) this.audit = AuditLog.open(this.ctx);
    return this.audit;
  }

  /** The Clients row of a Client ID; a clear error when there is none. */
  client(clientId: unknown): Row {
    const id = String(clientId ?? '').trim();
    if (id === '') throw new Error('Choose the client (their Client ID). Nothing was changed.');
    const row = this.clients.rows.find((r) => r.text('Client ID') === id);
    if (!row)
      throw new Error(
        `There is no client with Client ID "${id}" on the Clients tab. Check the ID (or import the roster first); nothing was changed.`,
      );
    return row;
  }

  /** The case with this Ref; a clear error when there is none. */
  caseByRef(ref: unknown): Row {
    if (String(ref ?? '').trim() === '')
      throw new Error('Choose the case (its Ref, e.g. R-000123). Nothing was changed.');
    const row = this.cases.findRow('Ref', ref);
    if (!row)
      throw new Error(`There is no case "${String(ref).trim()}" on the Reassignments tab. Nothing was changed.`);
    return row;
  }

  /** The client's case that is not closed yet, if any. */
  openCaseOf(clientId: string): Row | undefined {
    return this.cases.rows.find(
      (r) => r.text('Client ID') === clientId && r.text('Ref') !== '' && !isTerminal(r.text('Status')),
    );
  }

  /**
   * The Clinicians row of a name or an email: null when nobody matches; an
   * error when several rows do (the choice would be a guess).
   */
  clinician(nameOrEmail: string): Row | null {
    const key = String(nameOrEmail ?? '').trim();
    const matches = cliniciansMatching(this.clinicians, key);
    if (matches.length > 1) {
      throw new Error(
        `${matches.length} rows of the Clinicians tab match "${key}". Use their Email instead, or remove the duplicate row. Nothing was changed.`,
      );
    }
    return matches[0] ?? null;
  }

  /** Appends one Interaction Notes row. */
  addNote(ref: string, clientId: string, channel: string, note: string): void {
    this.notes.append({
      Timestamp: this.ctx.now,
      Ref: ref,
      'Client ID': clientId,
      Author: this.ctx.user,
      Channel: channel,
      Note: note,
    });
  }

  /**
   * Writes everything changed so far, the tracker first, then flushes, so the
   * emails that follow never go out for changes a kill could still undo.
   */
  commit(): void {
    this.cases.commit();
    this.clients.commit();
    this.notesTable?.commit();
    this.audit?.commit();
    SpreadsheetApp.flush();
  }
}
