/**
 * The contact cadence (SPEC.md workflow steps 5–6): from what has happened on
 * a case, its next action, when that is due, and the flags the nightly run
 * writes. The process: "Attempt to contact clients twice by phone and send a
 * follow-up email and text message if no response"; if the client stays
 * unresponsive, services are terminated. All spans are business days except
 * Stale After, which counts calendar days.
 */
import {
  addBusinessDays,
  businessDaysBetween,
  Civil,
  daysBetween,
  isCivil,
  isDateValue,
  parseHolidays,
  toCivil,
} from './dates';
import { CASE_STATUS, isTerminal, SETTINGS, TERMINATE_ACTION } from './schema';
import { normalizeHeader, plural } from './text';

export interface CadenceSettings {
  call1Due: number;
  call2Due: number;
  followupDue: number;
  unresponsiveAfter: number;
  preferenceDeadline: number;
  staleAfter: number;
  holidays: ReadonlySet<Civil>;
}

type NumberSetting = Exclude<keyof CadenceSettings, 'holidays'>;

/** The Settings rows behind each number of the cadence. */
const SETTING_NAMES: Record<NumberSetting, string> = {
  call1Due: 'Call 1 Due',
  call2Due: 'Call 2 Due',
  followupDue: 'Follow-up Due',
  unresponsiveAfter: 'Unresponsive After',
  preferenceDeadline: 'Preference Deadline',
  staleAfter: 'Stale After',
};
const HOLIDAYS = 'Holidays';
/** A span longer than a year is a typo, not a cadence. */
const MAX_DAYS = 365;

function schemaDefault(name: string): number {
  const def = SETTINGS.find((s) => s.name === name);
  if (!def || typeof def.default !== 'number')
    throw new Error(`The schema has no number default for the setting "${name}".`);
  return def.default;
}

export const DEFAULT_CADENCE: CadenceSettings = {
  call1Due: schemaDefault(SETTING_NAMES.call1Due),
  call2Due: schemaDefault(SETTING_NAMES.call2Due),
  followupDue: schemaDefault(SETTING_NAMES.followupDue),
  unresponsiveAfter: schemaDefault(SETTING_NAMES.unresponsiveAfter),
  preferenceDeadline: schemaDefault(SETTING_NAMES.preferenceDeadline),
  staleAfter: schemaDefault(SETTING_NAMES.staleAfter),
  holidays: new Set<Civil>(),
};

function wholeDays(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= MAX_DAYS ? v : null;
  if (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v)) {
    const n = Number(v);
    return n <= MAX_DAYS ? n : null;
  }
  return null;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function shown(v: unknown): string {
  return isDateValue(v) ? 'a date' : `"${String(v)}"`;
}

/**
 * The cadence from the Settings tab's values, keyed by Setting name (matched
 * like headers). Blank means the default; a bad value also falls back to the
 * default and is named in `problems`. Holidays may be text or, when Sheets
 * turned a single typed date into one, a Date read in `timeZone`.
 */
export function cadenceSettingsFrom(
  settings: Record<string, unknown>,
  timeZone = 'UTC',
): { settings: CadenceSettings; problems: string[] } {
  const byName = new Map<string, unknown>();
  for (const [k, v] of Object.entries(settings ?? {})) byName.set(normalizeHeader(k), v);
  const problems: string[] = [];
  const result: CadenceSettings = { ...DEFAULT_CADENCE, holidays: new Set<Civil>() };

  for (const key of Object.keys(SETTING_NAMES) as NumberSetting[]) {
    const name = SETTING_NAMES[key];
    const raw = byName.get(normalizeHeader(name));
    if (isBlank(raw)) continue;
    const n = wholeDays(raw);
    if (n === null) {
      problems.push(
        `Setting "${name}" is ${shown(raw)}: it must be a whole number of days from 0 to ${MAX_DAYS}; using ${DEFAULT_CADENCE[key]}.`,
      );
    } else {
      result[key] = n;
    }
  }

  const rawHolidays = byName.get(normalizeHeader(HOLIDAYS));
  if (isDateValue(rawHolidays)) {
    result.holidays = new Set([toCivil(rawHolidays, timeZone)]);
  } else if (typeof rawHolidays === 'string') {
    const { holidays, invalid } = parseHolidays(rawHolidays);
    result.holidays = holidays;
    if (invalid.length > 0) {
      problems.push(
        `Setting "${HOLIDAYS}" has ${invalid.map((s) => `"${s}"`).join(', ')}, which ${invalid.length === 1 ? 'is not a date' : 'are not dates'}: write dates as YYYY-MM-DD, separated by commas; the others are used.`,
      );
    }
  } else if (!isBlank(rawHolidays)) {
    problems.push(
      `Setting "${HOLIDAYS}" is ${shown(rawHolidays)}: write dates as YYYY-MM-DD, separated by commas; no holidays are used.`,
    );
  }
  return { settings: result, problems };
}

export interface CaseFacts {
  source: string;
  status: string;
  opened: Civil | null;
  noticeSent: Civil | null;
  call1: Civil | null;
  call2: Civil | null;
  followupEmail: Civil | null;
  followupText: Civil | null;
  reached: Civil | null;
  nextSession: Civil | null;
  lastUpdated: Civil | null;
  /** '' when not recorded. */
  preference: string;
  /** The departure's last day (departure cases). */
  lastDay: Civil | null;
  /** Has a valid email and Email OK is not FALSE. */
  canEmail: boolean;
  /** Has a phone and Text OK is not FALSE. */
  canText: boolean;
}

/** Which step of the cadence a case is at: what the Case panel offers as the one thing to do now. */
export type CadenceStep =
  | 'terminate'
  | 'complete'
  | 'refer-out'
  | 'discharge'
  | 'match'
  | 'checklist'
  | 'notice'
  | 'call-1'
  | 'call-2'
  | 'follow-up'
  | 'await-reply'
  | 'closed';

export interface CadenceResult {
  /** '' for closed cases. */
  nextAction: string;
  /** The step that action belongs to ('closed' for closed cases). */
  step: CadenceStep;
  due: Civil | null;
  /** Business days past due; 0 when not overdue. */
  overdueDays: number;
  /** e.g. 'Overdue 3 days', 'Stale 9 days', 'Needs preference', 'Phone only'. */
  flags: string[];
  /** The cadence ran out today: the caller sets Status to Unresponsive. */
  becomesUnresponsive: boolean;
}

// ---- The steps ------------------------------------------------------------------

/** What a step sees: the case (dates cleaned), the settings and today. */
interface Ctx {
  f: CaseFacts;
  s: CadenceSettings;
  today: Civil;
  status: string;
  departure: boolean;
  clientRequest: boolean;
}

interface Step {
  id: CadenceStep | ((k: Ctx) => CadenceStep);
  /** The case is at this step (the first step that applies wins). */
  applies(k: Ctx): boolean;
  action(k: Ctx): string;
  due(k: Ctx): Civil | null;
  /** Reaching this step ends the cadence: the case becomes Unresponsive. */
  becomesUnresponsive?: boolean;
}

const after = (k: Ctx, from: Civil | null, days: number): Civil | null =>
  from === null ? null : addBusinessDays(from, days, k.s.holidays);

const latest = (...dates: (Civil | null)[]): Civil | null =>
  dates.reduce<Civil | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);

/** The last attempt to reach the client: a follow-up, else the latest earlier step. */
const lastAttempt = (f: CaseFacts): Civil | null =>
  latest(f.followupEmail, f.followupText) ?? f.call2 ?? f.call1 ?? f.noticeSent ?? f.opened;

/** When the client was reached (a Reached status without a date: the last update). */
const reachedOn = (f: CaseFacts): Civil | null => f.reached ?? f.lastUpdated;

/** Calls count from the notice; when the notice was skipped, from the day the case opened. */
const callStart = (f: CaseFacts): Civil | null => f.noticeSent ?? f.opened;

/** Follow-ups still to send, among the channels this client may be sent. */
function missingFollowups(f: CaseFacts): ('email' | 'text')[] {
  const missing: ('email' | 'text')[] = [];
  if (f.canEmail && f.followupEmail === null) missing.push('email');
  if (f.canText && f.followupText === null) missing.push('text');
  return missing;
}

const replyDue = (k: Ctx): Civil | null => after(k, lastAttempt(k.f), k.s.unresponsiveAfter);
const isPast = (k: Ctx, due: Civil | null): boolean => due !== null && k.today > due;

const PREFERENCE_ACTIONS: Record<string, string> = {
  'refer out': 'Send referral and close as Referred out',
  discharge: 'Close as Discharged',
};
const PREFERENCE_STEPS: Record<string, CadenceStep> = { 'refer out': 'refer-out', discharge: 'discharge' };
const MATCH_ACTION = 'Match and schedule with a new clinician';

/** The cadence, in order. A case is at the first step that applies to it. */
const STEPS: readonly Step[] = [
  {
    // Marked Unresponsive (by the nightly run or by hand): services are to be terminated.
    id: 'terminate',
    applies: (k) => k.status === 'Unresponsive',
    action: () => TERMINATE_ACTION,
    due: (k) => replyDue(k),
  },
  {
    // A session with the new clinician is booked: finish the paperwork.
    id: 'complete',
    applies: (k) => k.status === 'Scheduled',
    action: () => 'Complete the reassignment',
    due: (k) => k.f.nextSession ?? after(k, reachedOn(k.f), k.s.call1Due),
  },
  {
    // Reached: act on the preference the therapist documented.
    id: (k) => PREFERENCE_STEPS[k.f.preference.trim().toLowerCase()] ?? 'match',
    applies: (k) => k.status === 'Reached' || k.f.reached !== null,
    action: (k) => PREFERENCE_ACTIONS[k.f.preference.trim().toLowerCase()] ?? MATCH_ACTION,
    due: (k) => after(k, reachedOn(k.f), k.s.call1Due),
  },
  {
    // The client asked for a new clinician: verify contact, insurance, portal and documents.
    id: 'checklist',
    applies: (k) => k.clientRequest && k.status === 'New',
    action: () => 'Work the reassignment checklist',
    due: (k) => after(k, k.f.opened, k.s.call1Due),
  },
  {
    // Departure: the notice goes first, unless the client cannot be emailed or calls have begun.
    id: 'notice',
    applies: (k) => k.departure && k.f.noticeSent === null && k.f.canEmail && k.f.call1 === null,
    action: () => 'Send departure notice',
    due: (k) => k.f.opened,
  },
  {
    id: 'call-1',
    applies: (k) => k.f.call1 === null,
    action: () => 'Call 1',
    due: (k) => after(k, callStart(k.f), k.s.call1Due),
  },
  {
    id: 'call-2',
    applies: (k) => k.f.call2 === null,
    action: () => 'Call 2',
    due: (k) => after(k, k.f.call1, k.s.call2Due),
  },
  {
    // No answer to two calls: follow up by email and text, where the client allows each.
    id: 'follow-up',
    applies: (k) => missingFollowups(k.f).length > 0,
    action: (k) => `Send follow-up ${missingFollowups(k.f).join(' and ')}`,
    due: (k) => after(k, k.f.call2, k.s.followupDue),
  },
  {
    // Everything was tried and the reply window has passed.
    id: 'terminate',
    applies: (k) => isPast(k, replyDue(k)),
    action: () => TERMINATE_ACTION,
    due: (k) => replyDue(k),
    becomesUnresponsive: true,
  },
  {
    id: 'await-reply',
    applies: () => true,
    action: () => 'Await reply',
    due: (k) => replyDue(k),
  },
];

// ---- Flags ----------------------------------------------------------------------

/** The day by which the departing therapist should have recorded every preference. */
export function preferenceDueDate(lastDay: Civil, s: CadenceSettings): Civil {
  return addBusinessDays(lastDay, -s.preferenceDeadline, s.holidays);
}

function needsPreference(k: Ctx): boolean {
  const pref = k.f.preference.trim().toLowerCase();
  if (!k.departure || k.f.lastDay === null || (pref !== '' && pref !== 'undecided')) return false;
  return k.today >= preferenceDueDate(k.f.lastDay, k.s);
}

function flagsFor(k: Ctx, overdueDays: number): string[] {
  const flags: string[] = [];
  if (overdueDays > 0) flags.push(`Overdue ${plural(overdueDays, 'day')}`);
  const touched = k.f.lastUpdated ?? k.f.opened;
  const idle = touched === null ? 0 : daysBetween(touched, k.today);
  if (idle > k.s.staleAfter) flags.push(`Stale ${plural(idle, 'day')}`);
  if (needsPreference(k)) flags.push('Needs preference');
  if (!k.f.canEmail) flags.push('Phone only');
  return flags;
}

// ---- Putting it together -----------------------------------------------------

/** Statuses as the dropdown spells them, whatever the case or spacing typed ('reached ' → 'Reached'); '' for blank. */
export function canonicalStatus(s: string): string {
  const key = normalizeHeader(s);
  return CASE_STATUS.find((v) => v.toLowerCase() === key) ?? String(s ?? '').trim();
}

const DATE_FIELDS = [
  'opened',
  'noticeSent',
  'call1',
  'call2',
  'followupEmail',
  'followupText',
  'reached',
  'nextSession',
  'lastUpdated',
  'lastDay',
] as const;

/** A date that is not a real 'YYYY-MM-DD' counts as not recorded, so one bad cell never stops the nightly run. */
function cleaned(f: CaseFacts): CaseFacts {
  const out: CaseFacts = { ...f, preference: String(f.preference ?? '') };
  for (const key of DATE_FIELDS) out[key] = isCivil(f[key]) ? f[key] : null;
  return out;
}

const CLOSED: CadenceResult = {
  nextAction: '',
  step: 'closed',
  due: null,
  overdueDays: 0,
  flags: [],
  becomesUnresponsive: false,
};

/** The case's next action, when it is due, how late it is and its flags, as of today. */
export function computeCadence(c: CaseFacts, s: CadenceSettings, today: Civil): CadenceResult {
  if (!isCivil(today)) throw new Error(`Today "${String(today)}" is not a date: expected YYYY-MM-DD.`);
  const status = canonicalStatus(c.status);
  if (isTerminal(status)) return { ...CLOSED, flags: [] };
  const source = normalizeHeader(c.source);
  const k: Ctx = {
    f: cleaned(c),
    s,
    today,
    status,
    departure: source === 'departure',
    clientRequest: source === 'client request',
  };
  const step = STEPS.find((st) => st.applies(k)) as Step; // the last step always applies
  const due = step.due(k);
  const overdueDays = isPast(k, due) ? Math.max(1, businessDaysBetween(due as Civil, today, s.holidays)) : 0;
  return {
    nextAction: step.action(k),
    step: typeof step.id === 'function' ? step.id(k) : step.id,
    due,
    overdueDays,
    flags: flagsFor(k, overdueDays),
    becomesUnresponsive: step.becomesUnresponsive === true,
  };
}

/** The Flag cell: flags joined with '; '. */
export function flagText(r: CadenceResult): string {
  return r.flags.join('; ');
}
