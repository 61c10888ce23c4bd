/**
 * What the contact cadence needs to know about a case, read from the hub's
 * rows: its dates, its client's channels (may we email, may we text) and its
 * departure's last day. Shared by the Case panel, the contact actions, the
 * nightly run and the dashboard, so they all see the same next action.
 */
import type { Env } from '../../services/context';
import { CadenceResult, CadenceSettings, CaseFacts, cadenceSettingsFrom, computeCadence } from '../../core/cadence';
import { Civil } from '../../core/dates';
import { initials, isValidEmail, normalizeHeader } from '../../core/text';
import type { Row, Table } from '../../table/table';

/** Blank or TRUE means yes; only an explicit FALSE/No closes the channel (SPEC "Optional Clients headers"). */
export function channelAllowed(client: Row | undefined, header: 'Email OK' | 'Text OK'): boolean {
  if (!client || !client.has(header)) return true;
  return client.bool(header) !== false;
}

export function canEmail(client: Row | undefined): boolean {
  return !!client && isValidEmail(client.text('Email')) && channelAllowed(client, 'Email OK');
}

export function canText(client: Row | undefined): boolean {
  return !!client && client.text('Phone') !== '' && channelAllowed(client, 'Text OK');
}

/** A preference that still has to be recorded. */
export function lacksPreference(row: Row): boolean {
  const p = normalizeHeader(row.text('Preference'));
  return p === '' || p === 'undecided';
}

/** The cadence facts of one case. */
export function caseFacts(row: Row, client: Row | undefined, lastDay: Civil | null): CaseFacts {
  return {
    source: row.text('Source'),
    status: row.text('Status'),
    opened: row.date('Opened'),
    noticeSent: row.date('Notice Sent'),
    call1: row.date('Call 1'),
    call2: row.date('Call 2'),
    followupEmail: row.date('Follow-up Email'),
    followupText: row.date('Follow-up Text'),
    reached: row.date('Reached'),
    nextSession: row.date('Next Session'),
    lastUpdated: row.date('Last Updated'),
    preference: row.text('Preference'),
    lastDay,
    canEmail: canEmail(client),
    canText: canText(client),
  };
}

/** The cadence settings in effect, and the problems with the typed values (named in the nightly Log row). */
export function cadenceSettings(env: Env): { settings: CadenceSettings; problems: string[] } {
  return cadenceSettingsFrom(env.settings.all(), env.ctx.timeZone);
}

/** Each departure's last day by Departure ID. */
export function lastDays(departures: Table): Map<string, Civil | null> {
  const out = new Map<string, Civil | null>();
  for (const d of departures.rows) {
    const id = d.text('Departure ID');
    if (id && !out.has(id)) out.set(id, d.date('Last Day'));
  }
  return out;
}

/** Looks up what a case needs from the other tabs, each indexed once. */
export class CaseLookup {
  private readonly clients: Map<string, Row>;
  private readonly days: Map<string, Civil | null>;

  constructor(clients: Table, departures: Table) {
    this.clients = clients.indexBy('Client ID');
    this.days = lastDays(departures);
  }

  client(row: Row): Row | undefined {
    return this.clients.get(row.text('Client ID'));
  }
  lastDay(row: Row): Civil | null {
    return this.days.get(row.text('Departure ID')) ?? null;
  }

  cadence(row: Row, s: CadenceSettings, today: Civil): CadenceResult {
    return computeCadence(caseFacts(row, this.client(row), this.lastDay(row)), s, today);
  }
}

/** 'A.S.' from the Clients row, else from the case's Client Name. */
export function clientInitials(row: Row, client: Row | undefined): string {
  if (client && (client.text('First Name') || client.text('Last Name'))) {
    return initials(client.text('First Name'), client.text('Last Name'));
  }
  return initials(row.text('Client Name'));
}

// ---- The Flag cell ----------------------------------------------------------

/** Flags the cadence writes; anything else in the cell (an email engine's reason, a close-out note) is kept. */
const CADENCE_FLAG = [/^Overdue \d+ days?$/, /^Stale \d+ days?$/, /^Needs preference$/, /^Phone only$/];

export function isCadenceFlag(part: string): boolean {
  const t = part.trim();
  return CADENCE_FLAG.some((re) => re.test(t));
}

/**
 * The Flag cell after a recompute: the cadence's flags first (so a row whose
 * flag starts with "Overdue" is coloured), then every other reason already in
 * the cell, in its order.
 */
export function mergeFlags(cadenceFlags: readonly string[], current: string): string {
  const kept = String(current ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !isCadenceFlag(s));
  return [...cadenceFlags, ...kept.filter((s) => !cadenceFlags.includes(s))].join('; ');
}
