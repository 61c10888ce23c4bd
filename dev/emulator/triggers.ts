/**
 * ScriptApp and installable triggers (developers.google.com/apps-script/reference/script/script-app,
 * developers.google.com/apps-script/guides/triggers/installable), with the
 * further limits on a published Editor add-on's triggers
 * (developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions).
 */
import { ScriptEnv, SCOPES } from './env';
import { addDays, normalizeTimeZone, zonedParts, zonedToUtc } from './tz';

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const TriggerSource = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const WeekDay = {
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
} as const;
export const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' } as const;
/** developers.google.com/apps-script/reference/script/installation-source */
export const InstallationSource = {
  APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  NONE: 'NONE',
  WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
} as const;
/** ISO weekday numbers, Monday = 1. */
const WEEKDAY_NUMBER: Record<string, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

/** Per user per script (developers.google.com/apps-script/guides/services/quotas#current_limitations). */
export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

/*
 * An Editor add-on's installable triggers (editor-triggers#restrictions): one
 * of each type per user per document; only for the file the add-on is used in;
 * time-driven ones no more often than hourly. The platform's error texts are
 * not documented, so these say what was refused. A one-off clock trigger
 * sooner than an hour is refused too: the stricter reading of "cannot run
 * more frequently than once per hour" (on the live probe list).
 */
export const ADDON_ONE_PER_TYPE =
  'An Editor add-on may hold one trigger of each type per user per document, and this user already has one of this type here.';
export const ADDON_OTHER_FILE = 'An Editor add-on can only create triggers for the file in which it is used.';
export const ADDON_HOURLY = "An Editor add-on's time-driven triggers cannot run more frequently than once per hour.";
const HOUR_MS = 3600000;

export type Schedule =
  | { kind: 'once' }
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number }
  | { kind: 'days'; every: number; hour: number; minute: number }
  | { kind: 'weeks'; every: number; weekday: number; hour: number; minute: number }
  | { kind: 'month-day'; day: number; hour: number; minute: number };

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: keyof typeof EventType;
  source: 'CLOCK' | 'SPREADSHEETS';
  /** The spreadsheet of an event trigger; null for a clock trigger. */
  sourceId: string | null;
  /** The user who created it: the trigger runs under their authorization. */
  owner: string;
  /** The document the trigger was created in the context of (an add-on's triggers belong to one); null outside one. */
  documentId?: string | null;
  /** Clock triggers: the zone their hours and days are read in. */
  timeZone: string;
  schedule: Schedule | null;
  /** Clock triggers: virtual epoch ms of the next run. */
  nextRunMs: number | null;
  createdAt: string;
}

export interface TriggerState {
  records: TriggerRecord[];
  nextUid: number;
  keepFiredOneOffs?: boolean;
}

export class TriggerStore {
  state: TriggerState = { records: [], nextUid: 5_000_001 };

  constructor(
    private readonly env: ScriptEnv,
    readonly spreadsheetIdOf: (ssOrId: unknown) => string | null,
  ) {}

  list(): TriggerRecord[] {
    return this.state.records.map((r) => ({ ...r }));
  }

  /** Clock triggers whose time has come, earliest first. */
  due(at = this.env.kernel.now()): TriggerRecord[] {
    return this.state.records
      .filter((r) => r.source === 'CLOCK' && r.nextRunMs !== null && r.nextRunMs <= at)
      .sort((a, b) => (a.nextRunMs as number) - (b.nextRunMs as number) || Number(a.uid) - Number(b.uid))
      .map((r) => ({ ...r }));
  }

  /** The earliest next run of any clock trigger, or null. */
  nextDueMs(): number | null {
    const times = this.state.records.filter((r) => r.nextRunMs !== null).map((r) => r.nextRunMs as number);
    return times.length ? Math.min(...times) : null;
  }

  get(uid: string): TriggerRecord | undefined {
    return this.state.records.find((r) => r.uid === uid);
  }

  forSpreadsheet(id: string, eventType: TriggerRecord['eventType']): TriggerRecord[] {
    return this.state.records.filter((r) => r.sourceId === id && r.eventType === eventType).map((r) => ({ ...r }));
  }

  remove(uid: string): void {
    this.state.records = this.state.records.filter((r) => r.uid !== uid);
  }

  /**
   * After a clock trigger has fired: a one-off trigger is gone; a recurring
   * one is armed for its first occurrence after `afterMs`.
   */
  afterFiring(uid: string, afterMs: number): void {
    const r = this.get(uid);
    if (!r || !r.schedule) return;
    if (r.schedule.kind === 'once') {
      if (this.state.keepFiredOneOffs) r.nextRunMs = null;
      else this.remove(uid);
      return;
    }
    r.nextRunMs = nextOccurrence(r.schedule, r.timeZone, r.nextRunMs ?? afterMs, afterMs);
  }

  add(record: Omit<TriggerRecord, 'uid' | 'createdAt' | 'owner' | 'documentId'>): TriggerRecord {
    const owner = this.env.effectiveUser();
    const documentId = this.env.containerId();
    const mine = this.state.records.filter((r) => r.owner === owner).length;
    if (mine >= MAX_TRIGGERS_PER_USER) throw new Error(TOO_MANY_TRIGGERS);
    if (this.env.isAddOn) this.checkAddOnLimits(record, owner, documentId);
    const full: TriggerRecord = {
      ...record,
      owner,
      documentId,
      uid: String(this.state.nextUid++),
      createdAt: new Date(this.env.kernel.now()).toISOString(),
    };
    this.state.records.push(full);
    return full;
  }

  private checkAddOnLimits(
    record: Omit<TriggerRecord, 'uid' | 'createdAt' | 'owner' | 'documentId'>,
    owner: string,
    documentId: string | null,
  ): void {
    if (record.source === 'SPREADSHEETS' && record.sourceId !== documentId) throw new Error(ADDON_OTHER_FILE);
    if (record.source === 'CLOCK') {
      const s = record.schedule;
      const soonest = s?.kind === 'once' ? (record.nextRunMs ?? 0) - this.env.kernel.now() : null;
      if (s?.kind === 'minutes' || (soonest !== null && soonest < HOUR_MS)) throw new Error(ADDON_HOURLY);
    }
    const sameType = this.state.records.some(
      (r) => r.owner === owner && (r.documentId ?? null) === documentId && r.eventType === record.eventType,
    );
    if (sameType) throw new Error(ADDON_ONE_PER_TYPE);
  }

  /** ScriptApp as the script sees it. */
  scriptApp(): object {
    const env = this.env;
    const guarded = <T>(method: string, impl: () => T): T =>
      env.call(`ScriptApp.${method}`, () => {
        env.requireAuthorization(`ScriptApp.${method}`, SCOPES.scriptApp);
        return impl();
      });
    return {
      AuthMode,
      TriggerSource,
      EventType,
      WeekDay,
      AuthorizationStatus,
      InstallationSource,
      /** NONE for a bound script; an add-on installed for the domain from the Marketplace says so. */
      getInstallationSource: () =>
        env.call('ScriptApp.getInstallationSource', () =>
          env.isAddOn ? InstallationSource.APPS_MARKETPLACE_DOMAIN_ADD_ON : InstallationSource.NONE,
        ),
      getScriptId: () => env.call('ScriptApp.getScriptId', () => env.scriptId),
      getOAuthToken: () => env.call('ScriptApp.getOAuthToken', () => `emulated-token-${env.effectiveUser()}`),
      getAuthorizationInfo: (_mode: unknown) =>
        env.call('ScriptApp.getAuthorizationInfo', () => new AuthorizationInfo(env)),
      newTrigger: (functionName: unknown) =>
        guarded('newTrigger', () => {
          if (typeof functionName !== 'string' || functionName === '')
            throw new Error('Invalid argument: functionName');
          return new TriggerBuilder(env, this, functionName);
        }),
      getProjectTriggers: () =>
        guarded('getProjectTriggers', () =>
          this.state.records.filter((r) => r.owner === env.effectiveUser()).map((r) => new Trigger(env, this, r.uid)),
        ),
      getUserTriggers: (ss: unknown) =>
        guarded('getUserTriggers', () => {
          const id = this.spreadsheetIdOf(ss);
          return this.state.records
            .filter((r) => r.owner === env.effectiveUser() && r.sourceId === id)
            .map((r) => new Trigger(env, this, r.uid));
        }),
      deleteTrigger: (trigger: unknown) =>
        guarded('deleteTrigger', () => {
          if (!(trigger instanceof Trigger)) throw new Error('Invalid argument: trigger');
          this.remove(trigger.uid);
        }),
    };
  }
}

class AuthorizationInfo {
  constructor(private readonly env: ScriptEnv) {}
  getAuthorizationStatus(): string {
    return this.env.call('AuthorizationInfo.getAuthorizationStatus', () => AuthorizationStatus.NOT_REQUIRED);
  }
  getAuthorizationUrl(): string | null {
    return this.env.call('AuthorizationInfo.getAuthorizationUrl', () => null);
  }
  getAuthorizedScopes(): string[] {
    return this.env.call('AuthorizationInfo.getAuthorizedScopes', () => Object.values(SCOPES));
  }
}

/** A trigger as the script sees it; reads its record, so a deleted trigger still answers with what it was. */
export class Trigger {
  private readonly snapshot: TriggerRecord;
  constructor(
    private readonly env: ScriptEnv,
    store: TriggerStore,
    readonly uid: string,
  ) {
    this.snapshot = { ...(store.get(uid) as TriggerRecord) };
  }
  getUniqueId(): string {
    return this.env.call('Trigger.getUniqueId', () => this.uid);
  }
  getHandlerFunction(): string {
    return this.env.call('Trigger.getHandlerFunction', () => this.snapshot.handler);
  }
  getEventType(): string {
    return this.env.call('Trigger.getEventType', () => this.snapshot.eventType);
  }
  getTriggerSource(): string {
    return this.env.call('Trigger.getTriggerSource', () => this.snapshot.source);
  }
  getTriggerSourceId(): string | null {
    return this.env.call('Trigger.getTriggerSourceId', () => this.snapshot.sourceId);
  }
}

class TriggerBuilder {
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: TriggerStore,
    private readonly handler: string,
  ) {}
  timeBased(): ClockTriggerBuilder {
    return this.env.call('TriggerBuilder.timeBased', () => new ClockTriggerBuilder(this.env, this.store, this.handler));
  }
  forSpreadsheet(ssOrId: unknown): SpreadsheetTriggerBuilder {
    return this.env.call('TriggerBuilder.forSpreadsheet', () => {
      const id = this.store.spreadsheetIdOf(ssOrId);
      if (!id) throw new Error('Invalid argument: key');
      return new SpreadsheetTriggerBuilder(this.env, this.store, this.handler, id);
    });
  }
}

class SpreadsheetTriggerBuilder {
  private eventType: TriggerRecord['eventType'] | null = null;
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: TriggerStore,
    private readonly handler: string,
    private readonly id: string,
  ) {}
  private on(method: string, type: TriggerRecord['eventType']): this {
    return this.env.call(`SpreadsheetTriggerBuilder.${method}`, () => {
      this.eventType = type;
      return this;
    });
  }
  onEdit(): this {
    return this.on('onEdit', 'ON_EDIT');
  }
  onOpen(): this {
    return this.on('onOpen', 'ON_OPEN');
  }
  onChange(): this {
    return this.on('onChange', 'ON_CHANGE');
  }
  onFormSubmit(): this {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }
  create(): Trigger {
    return this.env.call('SpreadsheetTriggerBuilder.create', () => {
      if (!this.eventType)
        throw new Error(
          'The trigger needs an event: call onEdit(), onOpen(), onChange() or onFormSubmit() before create().',
        );
      const r = this.store.add({
        handler: this.handler,
        eventType: this.eventType,
        source: 'SPREADSHEETS',
        sourceId: this.id,
        timeZone: this.env.scriptTimeZone,
        schedule: null,
        nextRunMs: null,
      });
      return new Trigger(this.env, this.store, r.uid);
    });
  }
}

interface ClockSpec {
  afterMs?: number;
  atMs?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  timeZone?: string;
}

class ClockTriggerBuilder {
  private spec: ClockSpec = {};
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: TriggerStore,
    private readonly handler: string,
  ) {}

  private set(method: string, apply: () => void): this {
    return this.env.call(`ClockTriggerBuilder.${method}`, () => {
      apply();
      return this;
    });
  }
  after(ms: number): this {
    return this.set('after', () => {
      this.spec.afterMs = requireInt(ms, 'durationMilliseconds', 0);
    });
  }
  at(date: Date): this {
    return this.set('at', () => {
      if (Object.prototype.toString.call(date) !== '[object Date]') throw new Error('Invalid argument: date');
      this.spec.atMs = date.getTime();
    });
  }
  atDate(year: number, month: number, day: number): this {
    return this.set('atDate', () => {
      this.spec.atMs = zonedToUtc(this.zone(), year, month, day, this.spec.atHour ?? 0, this.spec.nearMinute ?? 0);
    });
  }
  everyMinutes(n: number): this {
    return this.set('everyMinutes', () => {
      // developers.google.com/apps-script/reference/script/clock-trigger-builder#everyMinutes(Integer)
      if (![1, 5, 10, 15, 30].includes(n))
        throw new Error('Invalid argument: minutes. Clock triggers run every 1, 5, 10, 15 or 30 minutes.');
      this.spec.everyMinutes = n;
    });
  }
  everyHours(n: number): this {
    return this.set('everyHours', () => {
      if (![1, 2, 4, 6, 8, 12].includes(n))
        throw new Error('Invalid argument: hours. Clock triggers run every 1, 2, 4, 6, 8 or 12 hours.');
      this.spec.everyHours = n;
    });
  }
  everyDays(n: number): this {
    return this.set('everyDays', () => {
      this.spec.everyDays = requireInt(n, 'days', 1);
    });
  }
  everyWeeks(n: number): this {
    return this.set('everyWeeks', () => {
      this.spec.everyWeeks = requireInt(n, 'weeks', 1);
    });
  }
  atHour(h: number): this {
    return this.set('atHour', () => {
      this.spec.atHour = requireInt(h, 'hour', 0, 23);
    });
  }
  nearMinute(m: number): this {
    return this.set('nearMinute', () => {
      this.spec.nearMinute = requireInt(m, 'minute', 0, 59);
    });
  }
  onWeekDay(day: string): this {
    return this.set('onWeekDay', () => {
      if (!(String(day) in WEEKDAY_NUMBER)) throw new Error('Invalid argument: day');
      this.spec.onWeekDay = String(day);
    });
  }
  onMonthDay(day: number): this {
    return this.set('onMonthDay', () => {
      this.spec.onMonthDay = requireInt(day, 'day', 1, 31);
    });
  }
  inTimezone(tz: string): this {
    return this.set('inTimezone', () => {
      if (typeof tz !== 'string' || normalizeTimeZone(tz) !== tz) throw new Error(`Invalid argument: timezone`);
      this.spec.timeZone = tz;
    });
  }

  private zone(): string {
    return this.spec.timeZone ?? this.env.scriptTimeZone;
  }

  create(): Trigger {
    return this.env.call('ClockTriggerBuilder.create', () => {
      const now = this.env.kernel.now();
      const tz = this.zone();
      const { schedule, first } = resolve(this.spec, tz, now);
      const r = this.store.add({
        handler: this.handler,
        eventType: 'CLOCK',
        source: 'CLOCK',
        sourceId: null,
        timeZone: tz,
        schedule,
        nextRunMs: first,
      });
      return new Trigger(this.env, this.store, r.uid);
    });
  }
}

function requireInt(v: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`Invalid argument: ${name}`);
  return n;
}

/** Turns the builder's calls into a schedule and its first run. */
function resolve(s: ClockSpec, tz: string, now: number): { schedule: Schedule; first: number } {
  const kinds = [
    s.afterMs !== undefined,
    s.atMs !== undefined,
    s.everyMinutes !== undefined,
    s.everyHours !== undefined,
    s.everyDays !== undefined,
    s.everyWeeks !== undefined || s.onWeekDay !== undefined,
    s.onMonthDay !== undefined,
  ].filter(Boolean).length;
  if (kinds === 0)
    throw new Error(
      'The clock trigger has no schedule: call after(), at(), everyMinutes(), everyHours(), everyDays(), everyWeeks() or onMonthDay() before create().',
    );
  if (kinds > 1)
    throw new Error(
      'The clock trigger has more than one schedule: use one of after(), at(), everyMinutes(), everyHours(), everyDays(), everyWeeks()/onWeekDay(), onMonthDay().',
    );
  const wall = zonedParts(now, tz);
  const hour = s.atHour ?? wall.hour;
  const minute = s.nearMinute ?? (s.atHour !== undefined ? 0 : wall.minute);
  if (s.afterMs !== undefined) return { schedule: { kind: 'once' }, first: now + s.afterMs };
  if (s.atMs !== undefined) return { schedule: { kind: 'once' }, first: s.atMs };
  if (s.atHour !== undefined && (s.everyMinutes !== undefined || s.everyHours !== undefined)) {
    throw new Error('atHour() applies to daily, weekly and monthly clock triggers only.');
  }
  if (s.everyMinutes !== undefined)
    return { schedule: { kind: 'minutes', every: s.everyMinutes }, first: now + s.everyMinutes * 60000 };
  if (s.everyHours !== undefined)
    return { schedule: { kind: 'hours', every: s.everyHours }, first: now + s.everyHours * 3600000 };
  let schedule: Schedule;
  if (s.everyDays !== undefined) schedule = { kind: 'days', every: s.everyDays, hour, minute };
  else if (s.onMonthDay !== undefined) schedule = { kind: 'month-day', day: s.onMonthDay, hour, minute };
  else {
    if (!s.onWeekDay) throw new Error('A weekly clock trigger needs onWeekDay().');
    schedule = { kind: 'weeks', every: s.everyWeeks ?? 1, weekday: WEEKDAY_NUMBER[s.onWeekDay], hour, minute };
  }
  return { schedule, first: firstOccurrence(schedule, tz, now) };
}

/** The first wall-clock occurrence of a daily/weekly/monthly schedule strictly after `now`. */
function firstOccurrence(s: Schedule, tz: string, now: number): number {
  const w = zonedParts(now, tz);
  for (let d = 0; d < 400; d++) {
    const day = addDays(w.year, w.month, w.day, d);
    if (s.kind === 'weeks' && isoWeekday(day) !== s.weekday) continue;
    if (s.kind === 'month-day' && day.day !== s.day) continue;
    if (s.kind !== 'days' && s.kind !== 'weeks' && s.kind !== 'month-day') break;
    const t = zonedToUtc(tz, day.year, day.month, day.day, s.hour, s.minute);
    if (t > now) return t;
  }
  throw new Error('The clock trigger never runs: check onMonthDay().');
}

function isoWeekday(d: { year: number; month: number; day: number }): number {
  const wd = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/**
 * The next run of a recurring schedule after its run at `lastMs`, skipping any
 * runs missed while the clock was beyond them (the platform does not catch up).
 * Daily and weekly runs keep their wall-clock hour across daylight-saving changes.
 */
export function nextOccurrence(s: Schedule, tz: string, lastMs: number, afterMs: number): number | null {
  if (s.kind === 'once') return null;
  if (s.kind === 'minutes' || s.kind === 'hours') {
    const step = s.every * (s.kind === 'minutes' ? 60000 : 3600000);
    const k = Math.max(1, Math.floor((afterMs - lastMs) / step) + 1);
    return lastMs + k * step;
  }
  if (s.kind === 'month-day') return firstOccurrence(s, tz, Math.max(lastMs, afterMs));
  const stepDays = s.kind === 'days' ? s.every : s.every * 7;
  const last = zonedParts(lastMs, tz);
  let k = 1;
  for (;;) {
    const day = addDays(last.year, last.month, last.day, k * stepDays);
    const t = zonedToUtc(tz, day.year, day.month, day.day, s.hour, s.minute);
    if (t > afterMs) return t;
    k++;
  }
}
