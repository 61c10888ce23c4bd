/**
 * The audit log: one Log row per workflow action, appended in the same batch
 * as the action's writes. Details never carry clinical content.
 */
import { LOG_HEADERS, TAB } from '../core/schema';
import { Table } from './table';

/** Who acts, when, on which hub: the execution's context (services/context Ctx) as the log needs it. */
export interface AuditContext {
  readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly timeZone: string;
  readonly now: Date;
  readonly user: string;
}

export class AuditLog {
  private constructor(
    private readonly table: Table,
    private readonly ctx: AuditContext,
  ) {}

  static open(ctx: AuditContext): AuditLog {
    return new AuditLog(Table.forAppend(ctx.ss, TAB.log, ctx.timeZone, { required: LOG_HEADERS }), ctx);
  }

  add(action: string, ref: string, details: string): void {
    this.table.append({ Timestamp: this.ctx.now, User: this.ctx.user, Action: action, Ref: ref, Details: details });
  }

  commit(): number {
    return this.table.commit();
  }
}
