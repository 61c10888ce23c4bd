/**
 * The Dashboard tab (SPEC.md "The hub workbook"): per open departure, its
 * cases by status, how many are overdue and how many still lack a
 * preference, with one native bar chart of the statuses per departure.
 *
 * Rebuilt in place on every refresh, so it neither flickers nor grows: the
 * whole block is one setValues (wide enough to blank what a larger earlier
 * dashboard left to its right), only rows below it that an earlier, longer
 * dashboard used are cleared, and the charts are the same charts updated
 * (updateChart) — a chart is added only for a new departure and removed only
 * when there are more charts than open departures.
 */
import type { Env } from '../../services/context';
import { asCellText } from '../../core/cellText';
import { civilToDate } from '../../core/dates';
import { CASE_STATUS, isTerminal, TAB } from '../../core/schema';
import { normalizeHeader, plural } from '../../core/text';
import { Cell } from '../../table/table';
import { canonicalStatus } from '../../core/contactPlan';
import { casesTable, clientsTable, departuresTable } from '../shared/email/tables';
import { cadenceSettings, CaseLookup, lacksPreference } from '../shared/caseFacts';

export const DASHBOARD_TITLE = 'Caseload Handoff: progress of open departures';
export const SUMMARY_HEADERS = [
  'Departure ID',
  'Clinician',
  'Last Day',
  'Cases',
  'Open',
  'Overdue',
  'Missing preference',
  ...CASE_STATUS,
] as const;
/** The row of the summary table's header. */
export const SUMMARY_ROW = 3;
export const CLIENT_REQUESTS = 'Client requests';
/** Rows a chart takes, so the next one sits below it. */
const CHART_ROWS = 18;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface DepartureProgress {
  departureId: string;
  clinician: string;
  lastDay: string | null;
  cases: number;
  open: number;
  overdue: number;
  missingPreference: number;
  /** Cases by Status, in the vocabulary's order. */
  byStatus: Record<string, number>;
}

export interface DashboardResult {
  departures: DepartureProgress[];
  /** Charts on the tab after the refresh (one per open departure). */
  charts: number;
  /** Rows the dashboard block takes. */
  rows: number;
  updated: string;
}

/** refreshDashboard(): rebuild the Dashboard tab. */
export function refreshDashboard(env: Env): DashboardResult {
  const progress = measure(env);
  const sheet = env.ctx.ss.getSheetByName(TAB.dashboard) ?? env.ctx.ss.insertSheet(TAB.dashboard);
  const block = layOut(env, progress);
  const width = Math.max(...block.map((r) => r.length));
  const before = { rows: sheet.getLastRow(), columns: sheet.getLastColumn() };
  const columns = Math.max(width, before.columns);
  const grid = block.map((r) =>
    [...r, ...new Array<Cell>(columns - r.length).fill('')].map((v) => (typeof v === 'string' ? asCellText(v) : v)),
  );
  ensureSize(sheet, grid.length, columns);
  sheet.getRange(1, 1, grid.length, columns).setValues(grid);
  if (before.rows > grid.length)
    sheet.getRange(grid.length + 1, 1, before.rows - grid.length, Math.max(1, before.columns)).clearContent();
  const charts = placeCharts(
    sheet,
    progress.filter((p) => p.departureId !== CLIENT_REQUESTS),
    chartDataRow(progress),
  );
  return { departures: progress, charts, rows: grid.length, updated: env.ctx.now.toISOString() };
}

/** Counts per open departure (and a line for open client requests, when there are any). */
export function measure(env: Env): DepartureProgress[] {
  const { today } = env.ctx;
  // The execution's shared tables: in the nightly run, what the earlier steps wrote, without reading again.
  const departures = departuresTable(env);
  const cases = casesTable(env);
  const lookup = new CaseLookup(clientsTable(env), departures);
  const { settings } = cadenceSettings(env);
  const out = new Map<string, DepartureProgress>();
  const blank = (departureId: string, clinician: string, lastDay: string | null): DepartureProgress => ({
    departureId,
    clinician,
    lastDay,
    cases: 0,
    open: 0,
    overdue: 0,
    missingPreference: 0,
    byStatus: Object.fromEntries(CASE_STATUS.map((s) => [s, 0])),
  });
  for (const d of departures.rows) {
    const id = d.text('Departure ID');
    if (id === '' || normalizeHeader(d.text('Status')) === 'complete' || out.has(normalizeHeader(id))) continue;
    out.set(normalizeHeader(id), blank(id, d.text('Clinician'), d.date('Last Day')));
  }
  const requests = blank(CLIENT_REQUESTS, '', null);
  for (const row of cases.rows) {
    if (row.text('Ref') === '') continue;
    const status = canonicalStatus(row.text('Status'));
    const isRequest = row.text('Departure ID') === '';
    const p = isRequest ? requests : out.get(normalizeHeader(row.text('Departure ID')));
    if (!p) continue;
    const open = !isTerminal(status);
    if (isRequest && !open) continue; // client requests: only the open ones are progress
    p.cases++;
    if (status in p.byStatus) p.byStatus[status]++;
    if (!open) continue;
    p.open++;
    if (!isRequest && lacksPreference(row)) p.missingPreference++;
    if (lookup.cadence(row, settings, today).overdueDays > 0) p.overdue++;
  }
  return [...out.values(), ...(requests.open > 0 ? [requests] : [])];
}

/** The row where the status table the charts read begins. */
function chartDataRow(progress: DepartureProgress[]): number {
  return SUMMARY_ROW + Math.max(1, progress.length) + 2;
}

/** The whole dashboard as one block of rows, starting at A1. */
function layOut(env: Env, progress: DepartureProgress[]): Cell[][] {
  const tz = env.ctx.timeZone;
  const rows: Cell[][] = [[DASHBOARD_TITLE, '', 'Updated', env.ctx.now], [], [...SUMMARY_HEADERS]];
  if (progress.length === 0) rows.push(['No open departures and no open client requests.']);
  for (const p of progress) {
    rows.push([
      p.departureId,
      p.clinician,
      p.lastDay ? civilToDate(p.lastDay, tz) : '',
      p.cases,
      p.open,
      p.overdue,
      p.departureId === CLIENT_REQUESTS ? '' : p.missingPreference,
      ...CASE_STATUS.map((s) => p.byStatus[s]),
    ]);
  }
  rows.push([]);
  const charted = progress.filter((p) => p.departureId !== CLIENT_REQUESTS);
  if (charted.length) {
    rows.push(['Status', ...charted.map((p) => p.departureId)]);
    for (const s of CASE_STATUS) rows.push([s, ...charted.map((p) => p.byStatus[s])]);
  }
  return rows;
}

function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

export const chartTitle = (p: DepartureProgress): string => `${p.departureId} ${p.clinician}: cases by status`;

/**
 * One bar chart per departure, reading the status labels and that
 * departure's column of the status table. Existing charts are matched by
 * their title's Departure ID and updated in place; a chart left over from a
 * closed departure is reused for a new one before any chart is added.
 */
function placeCharts(sheet: Sheet, progress: DepartureProgress[], dataRow: number): number {
  const existing = sheet.getCharts();
  // Each chart's title is asked once (a call per chart), not once per departure.
  const ids = new Map(existing.map((c) => [c, String(c.getOptions().get('title') ?? '').split(' ')[0]]));
  const unused = new Set(existing);
  const matched = new Map<string, GoogleAppsScript.Spreadsheet.EmbeddedChart>();
  for (const p of progress) {
    const c = existing.find((e) => unused.has(e) && ids.get(e) === p.departureId);
    if (c) {
      matched.set(p.departureId, c);
      unused.delete(c);
    }
  }
  const spare = [...unused];
  const labels = sheet.getRange(dataRow, 1, CASE_STATUS.length + 1, 1);
  progress.forEach((p, i) => {
    const values = sheet.getRange(dataRow, 2 + i, CASE_STATUS.length + 1, 1);
    const reuse = matched.get(p.departureId) ?? spare.shift();
    const builder = (reuse ? reuse.modify().clearRanges() : sheet.newChart())
      .setChartType(Charts.ChartType.BAR)
      .addRange(labels)
      .addRange(values)
      .setNumHeaders(1)
      .setOption('title', chartTitle(p))
      .setOption('legend', { position: 'none' })
      .setPosition(dataRow + CASE_STATUS.length + 2 + i * CHART_ROWS, 1, 0, 0);
    if (reuse) sheet.updateChart(builder.build());
    else sheet.insertChart(builder.build());
  });
  for (const c of spare) sheet.removeChart(c);
  return progress.length;
}

/** The menu item: refresh, then say so (and show the tab). */
export function refreshFromMenu(env: Env): DashboardResult {
  const result = refreshDashboard(env);
  env.ctx.ss.getSheetByName(TAB.dashboard)?.activate();
  env.ctx.ss.toast(`Dashboard refreshed: ${plural(result.departures.length, 'row')}.`, 'Caseload Handoff', 5);
  return result;
}
