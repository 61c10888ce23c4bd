/**
 * Marks on cases the admin must see: the Flag column of Reassignments (a
 * reason appended, never a person's text overwritten) and Log rows. Collected
 * during a batch and written once at its end. The Flag cell is a list of
 * reasons joined by '; ', so a reason never contains ';' itself.
 */
import type { Env } from '../../../services/context';
import { AuditLog } from '../../../table/audit';
import type { Table } from '../../../table/table';
import { casesTable } from './tables';

export class CaseMarks {
  readonly flagged: { ref: string; reason: string }[] = [];
  private readonly logRows: { action: string; ref: string; details: string }[] = [];
  /** Emails that went out: their earlier failure reasons leave the case. */
  private readonly delivered: { ref: string; key: string }[] = [];

  constructor(
    private readonly env: Env,
    private readonly cases?: Table,
    private readonly log?: AuditLog,
  ) {}

  flag(refs: string[], reason: string): void {
    // A service's message may hold ';': kept out, so the reason stays one entry of the cell.
    const one = reason.replace(/\s*;\s*/g, ', ');
    for (const ref of refs) this.flagged.push({ ref, reason: one });
  }

  /** The email of `key` reached these cases: a reason saying it was not sent no longer holds. */
  sent(refs: string[], key: string): void {
    for (const ref of refs) this.delivered.push({ ref, key });
  }

  logRow(action: string, ref: string, details: string): void {
    this.logRows.push({ action, ref, details });
  }

  /** Writes the flags into the Flag column and the Log rows. */
  commit(): void {
    if (this.flagged.length || this.delivered.length) {
      // Flag is the add-on's column (the nightly run rewrites it too): one span, not a call per flagged case.
      const cases = (this.cases ?? casesTable(this.env)).ownColumns('Flag');
      const byRef = cases.indexBy('Ref');
      for (const { ref, key } of this.delivered) {
        const row = byRef.get(ref);
        if (row) row.set('Flag', removeFailures(row.text('Flag'), key));
      }
      for (const { ref, reason } of this.flagged) {
        const row = byRef.get(ref);
        if (!row) continue;
        row.set('Flag', appendReason(row.text('Flag'), reason));
      }
      cases.commit();
    }
    if (this.logRows.length) {
      const log = this.log ?? AuditLog.open(this.env.ctx);
      for (const r of this.logRows) log.add(r.action, r.ref, r.details);
      if (!this.log) log.commit();
    }
  }
}

/** Adds a reason to a Flag cell unless it is already there. */
export function appendReason(flag: string, reason: string): string {
  const current = flag.trim();
  if (current.includes(reason)) return current;
  return current ? `${current}; ${reason}` : reason;
}

/** What the engine says when an email of `key` did not go: "…: KEY not sent", "KEY email failed: …", "KEY not emailed". */
const failureOf = (key: string): RegExp =>
  new RegExp(`\\b${key}\\b.*\\b(not sent|not emailed)\\b|\\b${key} email failed\\b`);

/** Takes the reasons an email of `key` was not sent out of a Flag cell, once it has gone; every other reason stays. */
export function removeFailures(flag: string, key: string): string {
  const failed = failureOf(key);
  return flag
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !failed.test(s))
    .join('; ');
}

/** Takes a reason back out of a Flag cell (after an admin settles it). */
export function removeReason(flag: string, reason: string): string {
  return flag
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== reason)
    .join('; ');
}
