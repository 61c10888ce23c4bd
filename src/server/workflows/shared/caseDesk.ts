/**
 * The tabs one action on one case works with — Reassignments, Clients,
 * Departures, Interaction Notes and Log — each read at most once per
 * execution (shared with the email engine's reads) and written back in one
 * fixed order: the case, then its notes, then the Log.
 */
import type { Env } from '../../services/context';
import { CadenceResult } from '../../core/cadence';
import { NOTE_HEADERS, TAB, type TemplateKey } from '../../core/schema';
import { TemplateError } from '../../core/templates';
import { AuditLog } from '../../table/audit';
import { Row, Table } from '../../table/table';
import { caseFields, type Outgoing, previewOutgoing, sendEmails } from './email';
import { departureExtras } from './email/preview';
import { casesTable, clientsTable, departuresTable, indexed } from './email/tables';
import { cadenceSettings, CaseLookup, mergeFlags } from './caseFacts';
import { canonicalStatus } from '../../core/contactPlan';
import { FIELD } from '../../core/fields';
import { answerFields, answerLink, LINK_ID } from './answerLinks';

/** What became of one client email sent from the desk; `why` says why it did not go. */
export interface ClientEmail {
  sent: boolean;
  dryRun: boolean;
  quota: boolean;
  why: string;
}

export class CaseDesk {
  private notesTable: Table | null = null;
  private audit: AuditLog | null = null;
  private lookupCache: CaseLookup | null = null;

  constructor(readonly env: Env) {}

  get cases(): Table {
    return casesTable(this.env);
  }

  /** The case with this Ref; a clear error naming it when there is none. */
  caseRow(ref: string): Row {
    const row =
      indexed(this.env, 'cases', this.cases, 'Ref').get(String(ref ?? '').trim()) ?? this.cases.findRow('Ref', ref);
    if (!row) {
      throw new Error(
        `There is no case "${ref}" on the Reassignments tab. Select a row there (or check the Ref, e.g. R-000123); nothing was changed.`,
      );
    }
    return row;
  }

  get lookup(): CaseLookup {
    if (!this.lookupCache) this.lookupCache = new CaseLookup(clientsTable(this.env), departuresTable(this.env));
    return this.lookupCache;
  }

  client(row: Row): Row | undefined {
    return this.lookup.client(row);
  }

  status(row: Row): string {
    return canonicalStatus(row.text('Status'));
  }

  get notes(): Table {
    if (!this.notesTable)
      this.notesTable = Table.forAppend(this.env.ctx.ss, TAB.notes, this.env.ctx.timeZone, { required: NOTE_HEADERS });
    return this.notesTable;
  }

  get log(): AuditLog {
    if (!this.audit) this.audit = AuditLog.open(this.env.ctx);
    return this.audit;
  }

  /** Last Updated / Updated By: who touched the case, and when. */
  stamp(row: Row): void {
    row.set('Last Updated', this.env.ctx.now);
    row.set('Updated By', this.env.ctx.user);
  }

  /** One Interaction Notes row about the case. */
  note(row: Row, channel: string, text: string): void {
    this.notes.append({
      Timestamp: this.env.ctx.now,
      Ref: row.text('Ref'),
      'Client ID': row.text('Client ID'),
      Author: this.env.ctx.user,
      Channel: channel,
      Note: text,
    });
  }

  /** The case's next action as of today, from what its row says now (changes made in this action included). */
  cadence(row: Row): CadenceResult {
    return this.lookup.cadence(row, cadenceSettings(this.env).settings, this.env.ctx.today);
  }

  /** Writes Next Action, Due and Flag of an open case from the cadence, keeping any other reason in Flag. */
  refreshNextAction(row: Row): CadenceResult {
    const result = this.cadence(row);
    row.set('Next Action', result.nextAction);
    row.setDate('Due', result.due);
    row.set('Flag', mergeFlags(result.flags, row.text('Flag')));
    return result;
  }

  /**
   * One case email to the client's Email through the engine, its flags and Log
   * rows going into this desk's tables. A template that cannot be written
   * refuses the action before anything is sent: "R-1: <what> cannot be written: … <nothing>".
   */
  sendClientEmail(row: Row, client: Row, key: TemplateKey, what: string, nothing: string): ClientEmail {
    const ref = row.text('Ref');
    const fields = caseFields(this.env, row, client, departureExtras(this.env, row));
    const linkWas = row.has(LINK_ID) ? row.text(LINK_ID) : '';
    if (key === 'CONTACT_FOLLOWUP') {
      const mode = this.env.settings.bool('Dry Run') ? 'preview' : 'mint';
      const link = answerLink(this.env, row, this.lookup.lastDay(row), mode);
      Object.assign(fields, answerFields([{ name: fields[FIELD.greetingName], link }]));
    }
    const outgoing: Outgoing = { key, to: client.text('Email'), refs: [ref], fields };
    try {
      previewOutgoing(this.env, outgoing);
    } catch (e) {
      if (e instanceof TemplateError)
        throw new Error(`${ref}: ${what} cannot be written: ${e.message} ${nothing}`, { cause: e });
      throw e;
    }
    // A new answer link id is in the sheet before the email that carries it goes out.
    if (row.has(LINK_ID) && row.text(LINK_ID) !== linkWas) this.cases.commit();
    const report = sendEmails(this.env, [outgoing], { cases: this.cases, log: this.log });
    const sent = report.sentRefs.includes(ref);
    return {
      sent,
      dryRun: report.dryRun,
      quota: !sent && report.stopped === 'quota',
      why: sent ? '' : (report.flagged.find((f) => f.ref === ref)?.reason ?? 'the email service did not take it'),
    };
  }

  /** Case, then notes, then Log: a run cut short leaves the case's own record first. */
  commit(): void {
    this.cases.commit();
    this.notesTable?.commit();
    this.audit?.commit();
  }
}
