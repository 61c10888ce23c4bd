/**
 * Handoff ▸ Set up workbook: creates every tab of the hub, and on a damaged
 * hub repairs only what is missing (tabs, headers, dropdowns, checkboxes,
 * date formats, protections, Settings and Templates rows). It never deletes, reorders or
 * overwrites a person's data, and a second run writes nothing.
 *
 * Set-up is the one entry point that runs before Settings exists, so it checks
 * the caller itself instead of through api.ts action(): once the workbook has
 * an admin only an admin may run it; before that, the first person to run it
 * becomes the admin.
 */
import { TAB } from '../../core/schema';
import { plural } from '../../core/text';
import { Ctx, openContext } from '../../services/context';
import { withDocumentLock } from '../../services/lock';
import { requireRole, RoleError } from '../../services/roles';
import { AuditLog } from '../../table/audit';
import { Settings } from '../../table/settings';
import { MissingHeaderError, Table } from '../../table/table';
import { ensureFormats } from './formats';
import { ensureSettings, ensureTemplates } from './rows';
import { ensureProtections, ensureRules } from './rules';
import { HubTab, SETUP_TABS } from '../../core/hubSpec';
import { ensureTab, TabState } from './tabs';
import { ensureAnswerKeys } from '../shared/answerLinks';

export const SETUP_ACTION = 'Set up workbook';

export interface SetupReport {
  /** Tabs that did not exist and were created. */
  created: string[];
  /** One line per repair made to an existing tab. */
  repaired: string[];
  /** True when the workbook was already complete: nothing was written. */
  unchanged: boolean;
  /** The caller, when they were made the workbook's first admin. */
  admin: string | null;
}

/** The public entry point: check the caller, then set up under the document lock. */
export function setUpWorkbook(): SetupReport {
  const ctx = openContext();
  return withDocumentLock(SETUP_ACTION, () => {
    checkCaller(ctx);
    return setUp(ctx);
  });
}

/** The menu item: the same, then a short summary for the person who clicked. */
export function setUpWorkbookFromMenu(): SetupReport {
  const report = setUpWorkbook();
  SpreadsheetApp.getActiveSpreadsheet().toast(summary(report), 'Caseload Handoff', 8);
  return report;
}

export function summary(r: SetupReport): string {
  if (r.unchanged) return 'The workbook is complete: nothing needed to change.';
  const parts: string[] = [];
  if (r.created.length) parts.push(`Created ${r.created.join(', ')}.`);
  if (r.repaired.length) parts.push(`Repaired ${plural(r.repaired.length, 'item')}: ${r.repaired.join('; ')}.`);
  if (r.admin) parts.push(`${r.admin} is now the workbook's admin (Settings ▸ Admin Emails).`);
  return parts.join(' ');
}

/**
 * Who may run set-up: an admin once there is one; before that the first
 * signed-in person. When Settings is gone from a hub that has other tabs, its
 * admins cannot be checked, so only the spreadsheet's owner may repair it.
 */
function checkCaller(ctx: Ctx): void {
  const settings = readSettingsLeniently(ctx);
  if (settings && settings.emails('Admin Emails').length) {
    requireRole(ctx.user, settings, 'admin', SETUP_ACTION);
    return;
  }
  if (!ctx.user) {
    throw new RoleError(
      `Google did not tell the add-on who you are, so you cannot be made this workbook's admin. Sign in with your practice account and run "${SETUP_ACTION}" again; nothing was changed.`,
    );
  }
  if (settings || SETUP_TABS.every((t) => !ctx.ss.getSheetByName(t))) return;
  const owner = (ctx.ss.getOwner()?.getEmail() ?? '').trim().toLowerCase();
  if (owner && owner === ctx.user) return;
  throw new RoleError(
    `The Settings tab is missing or has lost its Setting or Value column, so the workbook's admins cannot be checked. Only the spreadsheet's owner${owner ? ` (${owner})` : ''} can run "${SETUP_ACTION}" to repair it; nothing was changed.`,
  );
}

function readSettingsLeniently(ctx: Ctx): Settings | null {
  if (!ctx.ss.getSheetByName(TAB.settings)) return null;
  try {
    return new Settings(Table.read(ctx.ss, TAB.settings, ctx.timeZone, { required: ['Setting', 'Value'] }));
  } catch (e) {
    if (e instanceof MissingHeaderError) return null;
    throw e;
  }
}

/** Creates and repairs; writes rows and the Log entry last, in one batch. */
export function setUp(ctx: Ctx): SetupReport {
  const repaired: string[] = [];
  const tabs = new Map<HubTab, TabState>();
  for (const tab of SETUP_TABS) tabs.set(tab, ensureTab(ctx.ss, tab, repaired));
  ensureRules(tabs, repaired);
  ensureFormats(tabs, repaired);
  ensureProtections(tabs, repaired);

  // The answer page's secret and this hub's id (script properties, not the workbook: see shared/answerLinks).
  ensureAnswerKeys(ctx.ss.getId());
  const created = [...tabs.values()].filter((t) => t.created).map((t) => t.tab);
  if (created.length === SETUP_TABS.length) removeBlankStarterSheet(ctx.ss);
  const settings = ensureSettings(ctx.ss, ctx.timeZone, ctx.user, ctx.today);
  const templates = ensureTemplates(ctx.ss, ctx.timeZone);
  if (!tabs.get(TAB.settings)?.created) for (const s of settings.added) repaired.push(`Settings: added the "${s}" row`);
  if (!tabs.get(TAB.templates)?.created)
    for (const k of templates.added) repaired.push(`Templates: added the ${k} template`);

  const report: SetupReport = {
    created,
    repaired,
    unchanged: !created.length && !repaired.length && !settings.admin,
    admin: settings.admin,
  };
  if (report.unchanged) return report;
  const log = AuditLog.open(ctx);
  log.add(SETUP_ACTION, '', auditDetails(report));
  for (const t of [...settings.tables, ...templates.tables]) t.commit();
  log.commit();
  return report;
}

/**
 * A new spreadsheet comes with an empty "Sheet1": on the first set-up it is
 * removed, so the hub shows only its own tabs. Anything in it (a value, a
 * second row or column in use) keeps it.
 */
function removeBlankStarterSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const sheet = ss.getSheetByName('Sheet1');
  if (!sheet || ss.getSheets().length < 2) return;
  if (sheet.getLastRow() > 0 || sheet.getLastColumn() > 0) return;
  ss.deleteSheet(sheet);
}

/** What the Log says: counts and tab names only. */
function auditDetails(r: SetupReport): string {
  const parts: string[] = [];
  if (r.created.length) parts.push(`created ${r.created.join(', ')}`);
  if (r.repaired.length) parts.push(`repaired ${plural(r.repaired.length, 'item')}: ${r.repaired.join('; ')}`);
  if (r.admin) parts.push(`${r.admin} made admin`);
  return parts.join('; ');
}
