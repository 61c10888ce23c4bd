/**
 * The Settings panel of the sidebar: the Settings tab as a form for admins.
 * Saving checks every value first (numbers, the nightly hour, addresses,
 * holiday dates) and writes nothing when any is wrong; a save that changes
 * something writes the changed Value cells and one Log row naming them.
 */
import type { Env } from '../../services/context';
import { SETTINGS, TAB } from '../../core/schema';
import { parseHolidays, toCivil } from '../../core/dates';
import { defaultHolidays } from '../../core/holidays';
import { isValidEmail, normalizeHeader, parseBool, splitList } from '../../core/text';
import { AuditLog } from '../../table/audit';
import { isAnswerPageUrl } from '../../core/answers';
import { Settings } from '../../table/settings';
import { Cell, isDateValue } from '../../table/table';
import { installNightlyTrigger, nightlyTriggerState } from '../nightly/triggers';

export type SettingKind =
  'text' | 'multiline' | 'days' | 'months' | 'hour' | 'emails' | 'email' | 'dates' | 'bool' | 'url';

export interface SettingField {
  name: string;
  /** The value in effect, as text ('TRUE'/'FALSE' for a yes/no setting); the default when the cell is blank. */
  value: string;
  description: string;
  kind: SettingKind;
  /** What the form may offer to fill in (Holidays: the US federal holidays of this year and next), as the setting holds it. */
  suggestion?: string;
}

const KIND: Record<string, SettingKind> = {
  'Admin Emails': 'emails',
  'CSR Emails': 'emails',
  'Management Email': 'email',
  'Reply-To': 'email',
  'Nightly Hour': 'hour',
  'Call 1 Due': 'days',
  'Call 2 Due': 'days',
  'Follow-up Due': 'days',
  'Unresponsive After': 'days',
  'Preference Deadline': 'days',
  'Stale After': 'days',
  'Therapist Access Days': 'days',
  'Intake Lookback Months': 'months',
  Holidays: 'dates',
  'Referral Resources': 'multiline',
  'Dry Run': 'bool',
  'Answer Page URL': 'url',
  'Answer Link Days': 'days',
};
const kindOf = (name: string): SettingKind => KIND[name] ?? 'text';

function asText(v: Cell, kind: SettingKind, timeZone: string): string {
  if (kind === 'bool') return parseBool(v) === true ? 'TRUE' : 'FALSE';
  if (isDateValue(v)) return toCivil(v, timeZone);
  return String(v ?? '').trim();
}

export function getSettings(env: Env): { settings: SettingField[] } {
  return {
    settings: SETTINGS.map((s) => ({
      name: s.name,
      value: asText(env.settings.raw(s.name), kindOf(s.name), env.ctx.timeZone),
      description: s.description,
      kind: kindOf(s.name),
      ...(s.name === 'Holidays' ? { suggestion: defaultHolidays(env.ctx.today) } : {}),
    })),
  };
}

/** One value checked and turned into what the cell should hold, or a sentence saying what is wrong. */
function check(name: string, kind: SettingKind, input: string, user: string): { value: Cell } | { problem: string } {
  const text = input.trim();
  const whole = (min: number, max: number, unit: string): { value: Cell } | { problem: string } => {
    if (text === '') return { problem: `${name} is empty: enter ${unit} from ${min} to ${max}.` };
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
      return { problem: `${name} must be ${unit} from ${min} to ${max}; "${text}" is not.` };
    return { value: Number(text) };
  };
  switch (kind) {
    case 'hour':
      return whole(0, 23, 'an hour of the day (a whole number)');
    case 'days':
      return whole(0, 365, 'a whole number of days');
    case 'months':
      return whole(1, 120, 'a whole number of months');
    case 'bool': {
      const b = parseBool(text);
      return b === null ? { problem: `${name} must be TRUE or FALSE; "${text}" is neither.` } : { value: b };
    }
    case 'email': {
      if (text !== '' && !isValidEmail(text)) return { problem: `${name} "${text}" is not an email address.` };
      return { value: text.toLowerCase() };
    }
    case 'emails': {
      const list = splitList(text).map((e) => e.toLowerCase());
      const bad = list.filter((e) => !isValidEmail(e));
      if (bad.length)
        return {
          problem: `${name}: ${bad.map((e) => `"${e}"`).join(', ')} ${bad.length > 1 ? 'are not email addresses' : 'is not an email address'}.`,
        };
      if (name === 'Admin Emails' && list.length === 0)
        return { problem: 'Admin Emails cannot be empty: the workbook needs at least one transition manager.' };
      if (name === 'Admin Emails' && user && !list.includes(user))
        return { problem: `Admin Emails must keep your own address (${user}); another admin can remove you.` };
      return { value: list.join(', ') };
    }
    case 'dates': {
      const { holidays, invalid } = parseHolidays(text);
      if (invalid.length)
        return {
          problem: `Holidays: ${invalid.map((d) => `"${d}"`).join(', ')} ${invalid.length > 1 ? 'are not dates' : 'is not a date'} (use M/d/yyyy or YYYY-MM-DD, separated by commas).`,
        };
      return { value: [...holidays].sort().join(', ') };
    }
    case 'text':
      if (name === 'Practice Name' && text === '')
        return { problem: 'Practice Name cannot be empty: every email to clients shows it.' };
      return { value: text };
    case 'multiline':
      return { value: input.replace(/\r\n?/g, '\n').trim() };
    case 'url':
      if (text !== '' && !isAnswerPageUrl(text))
        return {
          problem: `${name} must be the web app address Apps Script shows when you deploy the answer page (https://script.google.com/macros/s/…/exec); "${text}" is not. Leave it blank when the page is not deployed.`,
        };
      return { value: text };
  }
}

const same = (a: Cell, b: Cell): boolean => String(a ?? '').trim() === String(b ?? '').trim();

/**
 * Saves the settings the form sent (name → value as text). Unknown names and
 * wrong values are refused together, in one message; nothing is written then.
 */
export function saveSettings(env: Env, values: Record<string, string | number | boolean>): { saved: string[] } {
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw new Error('Save settings needs the settings as name → value pairs; nothing was changed.');
  }
  const problems: string[] = [];
  const next = new Map<string, Cell>();
  for (const [rawName, rawValue] of Object.entries(values)) {
    const def = SETTINGS.find((s) => normalizeHeader(s.name) === normalizeHeader(rawName));
    if (!def) {
      problems.push(`There is no setting called "${rawName}".`);
      continue;
    }
    const result = check(def.name, kindOf(def.name), String(rawValue ?? ''), env.ctx.user);
    if ('problem' in result) problems.push(result.problem);
    else next.set(def.name, result.value);
  }
  if (problems.length) throw new Error(`Settings not saved: ${problems.join(' ')} Nothing was changed.`);

  const table = env.settings.table;
  const rows = new Map(table.rows.map((r) => [normalizeHeader(r.text('Setting')), r]));
  const saved: string[] = [];
  for (const [name, value] of next) {
    const kind = kindOf(name);
    const current = env.settings.raw(name);
    if (same(asText(current, kind, env.ctx.timeZone), asText(value, kind, env.ctx.timeZone))) continue;
    const row = rows.get(normalizeHeader(name));
    if (row) row.set('Value', value);
    else
      table.append({
        Setting: name,
        Value: value,
        Description: SETTINGS.find((s) => s.name === name)?.description ?? '',
      });
    saved.push(name);
  }
  if (!saved.length) return { saved };
  const log = AuditLog.open(env.ctx);
  log.add('Settings saved', '', `Changed in ${TAB.settings}: ${saved.join(', ')}`);
  table.commit();
  log.commit();
  // The trigger is what runs: a nightly run that is on moves to the new hour with the setting.
  if (saved.includes('Nightly Hour') && nightlyTriggerState(env).on) {
    installNightlyTrigger({ ctx: env.ctx, settings: new Settings(table) });
  }
  return { saved };
}
