/**
 * Roster import from the EHR's client export: preview first (nothing
 * written), then an upsert by Client ID that never deletes a client missing
 * from the file. core/roster.ts decides; this file reads Clients and
 * Clinicians once, writes the changes in blocks through the table layer and
 * adds one Log row. The column mapping is remembered for the next export.
 */
import type { Env } from '../../services/context';
import { parseCsv } from '../../core/csv';
import { civilToDate } from '../../core/dates';
import {
  ClientRecord,
  guessMapping,
  ImportPlan,
  IMPORT_HEADERS,
  Mapping,
  planImport,
  REQUIRED_IMPORT_HEADERS,
} from '../../core/roster';
import { CLIENT_HEADERS, TAB } from '../../core/schema';
import { plural } from '../../core/text';
import { AuditLog } from '../../table/audit';
import { Cell, Row, Table } from '../../table/table';

export const IMPORT_ACTION = 'Import client roster';
const MAPPING_KEY = 'handoff.importMapping';
/** Detail lists sent to the sidebar are capped: a 5,000-row preview must stay a small message. */
export const DETAIL_LIMIT = 200;
const DATE_HEADERS = new Set(['Last Intake Date', 'OMHC Assessment Date']);

export interface ImportProblem {
  line: number;
  clientId: string;
  message: string;
  skipped: boolean;
}

export interface ImportPreview {
  /** The export's header row, as in the file. */
  exportHeaders: string[];
  /** Our header → the export's header: what would be used (the given mapping, else remembered and guessed). */
  mapping: Mapping;
  /** Anything here means the import cannot run (a required column is missing, the file cannot be read). */
  headerProblems: string[];
  added: number;
  updated: number;
  unchanged: number;
  /** Rows skipped and values not imported, with the line of the file and why (first DETAIL_LIMIT). */
  problems: ImportProblem[];
  problemCount: number;
  /** New clients (first DETAIL_LIMIT). */
  newClients: { clientId: string; name: string }[];
  /** Changed clients and what changes (first DETAIL_LIMIT). */
  changes: { clientId: string; line: number; changes: { header: string; from: unknown; to: unknown }[] }[];
  /** Mapped columns the Clients tab has no header for: they are not imported. */
  notImported: string[];
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: ImportProblem[];
  problemCount: number;
  mapping: Mapping;
  notImported: string[];
}

export interface MappingInfo {
  /** The mapping remembered from the last import ({} before the first). */
  remembered: Mapping;
  /** Our Clients headers an export column can map to, and which of them are required. */
  headers: string[];
  required: string[];
}

export function getImportMapping(_env: Env): MappingInfo {
  return { remembered: rememberedMapping(), headers: [...IMPORT_HEADERS], required: [...REQUIRED_IMPORT_HEADERS] };
}

export function previewImport(env: Env, csvText: unknown, mapping?: unknown): ImportPreview {
  const p = prepare(env, csvText, mapping);
  return {
    exportHeaders: p.exportHeaders,
    mapping: p.mapping,
    headerProblems: p.plan.headerProblems,
    added: p.plan.added.length,
    updated: p.plan.updated.length,
    unchanged: p.plan.unchanged,
    problems: p.plan.problems.slice(0, DETAIL_LIMIT),
    problemCount: p.plan.problems.length,
    newClients: p.plan.added.slice(0, DETAIL_LIMIT).map((c) => ({
      clientId: String(c['Client ID'] ?? ''),
      name: [c['First Name'], c['Last Name']].filter((x) => typeof x === 'string' && x).join(' '),
    })),
    changes: p.plan.updated.slice(0, DETAIL_LIMIT),
    notImported: p.notImported,
  };
}

export function importRoster(env: Env, csvText: unknown, mapping?: unknown): ImportResult {
  const p = prepare(env, csvText, mapping);
  if (p.plan.headerProblems.length) {
    throw new Error(`The roster was not imported; nothing was changed. ${p.plan.headerProblems.join(' ')}`);
  }
  const { clients, plan } = p;
  const writable = [...IMPORT_HEADERS].filter((h) => clients.has(h) && p.mapping[h]);
  // The mapped columns are the import's own: changed spans go back as blocks, however many rows change.
  clients.ownColumns(...writable);
  const byId = clients.indexBy('Client ID');
  for (const u of plan.updated) {
    const row = byId.get(u.clientId);
    if (!row) continue;
    for (const c of u.changes) if (clients.has(c.header)) setValue(row, c.header, c.to);
  }
  for (const record of plan.added) clients.append(toCells(clients, record));

  const skipped = plan.problems.filter((x) => x.skipped).length;
  const log = AuditLog.open(env.ctx);
  log.add(
    IMPORT_ACTION,
    '',
    `${plural(plan.added.length, 'client')} added, ${plan.updated.length} updated, ${plan.unchanged} unchanged, ` +
      `${plural(skipped, 'row')} skipped, ${plural(plan.problems.length - skipped, 'value')} not imported`,
  );
  clients.commit();
  log.commit();
  PropertiesService.getDocumentProperties().setProperty(MAPPING_KEY, JSON.stringify(p.mapping));
  return {
    added: plan.added.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    skipped,
    problems: plan.problems.slice(0, DETAIL_LIMIT),
    problemCount: plan.problems.length,
    mapping: p.mapping,
    notImported: p.notImported,
  };
}

interface Prepared {
  exportHeaders: string[];
  mapping: Mapping;
  plan: ImportPlan;
  clients: Table;
  notImported: string[];
}

/** Reads the file, Clients and Clinicians once, and plans the import in memory. */
function prepare(env: Env, csvText: unknown, mappingArg: unknown): Prepared {
  if (typeof csvText !== 'string')
    throw new Error("The roster import needs the export's text (a CSV file); nothing was changed.");
  const csv = parseCsv(csvText);
  const exportHeaders = csv.rows[0] ?? [];
  const mapping =
    mappingArg === undefined || mappingArg === null
      ? guessMapping(exportHeaders, rememberedMapping())
      : checkMapping(mappingArg);
  const clients = Table.read(env.ctx.ss, TAB.clients, env.ctx.timeZone, { required: CLIENT_HEADERS });
  const clinicians = Table.read(env.ctx.ss, TAB.clinicians, env.ctx.timeZone, { required: ['Name'] });
  const names = clinicians.rows.map((r) => r.text('Name')).filter((n) => n !== '');
  const plan = planImport(
    clients.rows.map((r) => existingRecord(clients, r)),
    csv.rows,
    mapping,
    { clinicianNames: names.length ? names : undefined, lines: csv.lines },
  );
  // A file that cannot be read is not guessed at: its errors stop the import like a missing column.
  plan.headerProblems.unshift(...csv.errors.map((e) => e.message));
  const notImported = Object.keys(mapping).filter((h) => mapping[h] && !clients.has(h));
  return { exportHeaders, mapping, plan, clients, notImported };
}

function existingRecord(clients: Table, row: Row): ClientRecord {
  const rec: ClientRecord = {};
  for (const h of IMPORT_HEADERS) {
    if (!clients.has(h)) continue;
    const v = row.get(h);
    rec[h] = typeof v === 'boolean' ? v : row.text(h);
  }
  return rec;
}

/** A new client's cells: blank where the export says nothing, dates as dates, checkboxes as booleans. */
function toCells(clients: Table, record: ClientRecord): Record<string, Cell | null> {
  const cells: Record<string, Cell | null> = {};
  for (const [h, v] of Object.entries(record)) {
    if (!clients.has(h) || v === null) continue;
    cells[h] = DATE_HEADERS.has(h) && typeof v === 'string' ? civilToDate(v, clients.timeZone) : v;
  }
  return cells;
}

function setValue(row: Row, header: string, to: unknown): void {
  if (to === null || to === undefined) return;
  if (DATE_HEADERS.has(header) && typeof to === 'string') row.setDate(header, to);
  else if (typeof to === 'string' || typeof to === 'boolean') row.set(header, to);
}

function rememberedMapping(): Mapping {
  const raw = PropertiesService.getDocumentProperties().getProperty(MAPPING_KEY);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? checkMapping(parsed) : {};
  } catch {
    return {};
  }
}

/** A mapping from the sidebar or `clasp run`: our header → the export's header, both text. */
function checkMapping(m: unknown): Mapping {
  if (!m || typeof m !== 'object' || Array.isArray(m)) {
    throw new Error(
      'The column mapping must be an object from our Clients headers to the export\'s headers, e.g. {"Client ID": "Patient ID"}; nothing was changed.',
    );
  }
  const out: Mapping = {};
  for (const [ours, theirs] of Object.entries(m as Record<string, unknown>)) {
    if (theirs === null || theirs === undefined || theirs === '') continue;
    if (typeof theirs !== 'string')
      throw new Error(`The column mapping for "${ours}" must be the name of an export column; nothing was changed.`);
    out[ours] = theirs;
  }
  return out;
}
