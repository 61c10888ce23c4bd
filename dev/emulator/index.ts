/**
 * The emulator: every Apps Script service the add-on uses, over one virtual
 * clock, with its whole state saveable as JSON. Tests, the benchmark and the
 * playground run the built bundle against it through the Runner (runner.ts).
 */
import { CacheScope, CacheStore } from './cache';
import { DriveStore } from './drive';
import { Deployment, ScriptEnv, SCOPES } from './env';
import { createHtmlService, HtmlOutputImpl, HtmlTemplateImpl } from './html';
import { DEFAULT_LATENCY, Kernel, LatencyModel } from './kernel';
import { LockKind, LockStore } from './lock';
import { createConsole, createLogger } from './logger';
import { DEFAULT_MAIL_QUOTA, MailStore, SentEmail } from './mail';
import { PropertiesStore, PropertyScope } from './properties';
import { createSession, User } from './session';
import { chartsGlobal, PlatformModel, SpreadsheetStore } from './spreadsheet/index';
import { Trigger, TriggerRecord, TriggerStore } from './triggers';
import { BlobImpl, createUtilities, UtilitiesState } from './utilities';

export type { SentEmail } from './mail';
export type { TriggerRecord } from './triggers';
export type { LockKind } from './lock';
export type { Deployment } from './env';

export interface EmulatorOptions {
  /** Virtual start time (default 2026-03-02T14:00:00Z, a Monday morning in New York). */
  now?: string | Date;
  /** The script's time zone (appsscript.json timeZone); default America/New_York. */
  scriptTimeZone?: string;
  /** The owner of the script and of spreadsheets created without an owner. */
  users?: { owner: string };
  latency?: Partial<LatencyModel>;
  /** Recipients per day (100 for consumer accounts, 1500 for Workspace). */
  mailQuota?: number;
  /**
   * Keep one-off clock triggers (after(), at()) in the project's list after
   * they fire, still counting toward the 20-trigger limit, until the script
   * deletes them. On by default, as the platform behaves (scripts that leave
   * one-off triggers behind hit the limit); false makes fired one-offs vanish.
   */
  keepFiredOneOffTriggers?: boolean;
  scriptId?: string;
  /** Session.getActiveUserLocale(). */
  locale?: string;
  /**
   * 'bound' (default): a script bound to the spreadsheet. 'addon': a published
   * Editor add-on: menus only under Extensions (createAddonMenu), one trigger
   * of each type per user per document, time-driven triggers at most hourly,
   * and no containing document in a time-driven run (no active spreadsheet,
   * document properties, document lock or document cache).
   */
  deployment?: Deployment;
  /** Behaviour the documentation leaves open (spreadsheet/ctx.ts PlatformModel); the stricter by default. */
  platform?: Partial<PlatformModel>;
}

export const DEFAULT_NOW = '2026-03-02T14:00:00.000Z';
export const DEFAULT_OWNER = 'admin@practice.example';
export const DEFAULT_SCRIPT_ID = '1CaseloadHandoffEmulatedScriptIdAbCdEfGhIjKlMnOp';

export interface Emulator {
  kernel: Kernel;
  /** How the project is deployed (EmulatorOptions.deployment). */
  readonly deployment: Deployment;
  sheets: SpreadsheetStore;
  mail: { outbox: SentEmail[]; remaining(): number; setQuota(n: number): void; resetQuota(): void };
  triggers: { list(): TriggerRecord[]; due(): TriggerRecord[] };
  locks: {
    /** Another execution takes the lock: until release(), or for `forMs` of virtual time. */
    holdElsewhere(kind: LockKind, opts?: { forMs?: number; subject?: string }): void;
    release(kind: LockKind, subject?: string): void;
  };
  properties: {
    /** A copy of a store (the user's: the active user's unless named; the document's: the active spreadsheet's). */
    get(scope: PropertyScope, subject?: string): Record<string, string> | null;
    set(scope: PropertyScope, key: string, value: string, subject?: string): void;
  };
  cache: { get(scope: CacheScope, key: string, subject?: string): string | null; clear(): void };
  users: {
    readonly owner: string;
    readonly active: string;
    readonly effective: string;
    setActive(email: string): void;
    setEffective(email: string): void;
  };
  /** The Apps Script globals for a vm context (SpreadsheetApp, MailApp, GmailApp, ScriptApp, LockService, PropertiesService, CacheService, HtmlService, Session, Utilities, DriveApp, Charts, Logger, console, Date). */
  globals(): Record<string, unknown>;
  /** JSON of the whole state (spreadsheets, outbox, triggers, properties, cache, clock, users, quota). */
  save(): string;
  /** For the Runner: the shared environment and the stores behind the services. */
  internal: Internals;
}

export interface Internals {
  env: ScriptEnv;
  mail: MailStore;
  triggers: TriggerStore;
  locks: LockStore;
  properties: PropertiesStore;
  cache: CacheStore;
  drive: DriveStore;
  utilities: UtilitiesState;
  locale: string;
}

/** Methods of objects that live in the script's memory (builders, outputs, blobs): counted, but they take no time. */
const LOCAL_OBJECTS: [string, { prototype: object }][] = [
  ['HtmlOutput', HtmlOutputImpl],
  ['HtmlTemplate', HtmlTemplateImpl],
  ['Blob', BlobImpl],
  ['Trigger', Trigger],
  ['User', User],
];

function latencyFrom(partial?: Partial<LatencyModel>): LatencyModel {
  const local: Record<string, number> = {};
  for (const [name, cls] of LOCAL_OBJECTS) {
    for (const m of Object.getOwnPropertyNames(cls.prototype)) if (m !== 'constructor') local[`${name}.${m}`] = 0;
  }
  for (const m of ['log', 'info', 'warn', 'error']) local[`console.${m}`] = 0;
  local['Logger.log'] = 0;
  return {
    ...DEFAULT_LATENCY,
    ...partial,
    overrides: { ...DEFAULT_LATENCY.overrides, ...local, ...(partial?.overrides ?? {}) },
  };
}

const SPREADSHEET_SCOPED = new Set(['openById', 'openByUrl', 'create']);

interface Saved {
  version: 1;
  clockMs: number;
  /** Absent in states saved before deployments were modelled: bound. */
  deployment?: Deployment;
  /** The documents an add-on has been used in. */
  addOnEnabledIn?: string[];
  scriptId: string;
  scriptTimeZone: string;
  locale: string;
  users: { owner: string; active: string; effective: string };
  latency: LatencyModel;
  sheets: unknown;
  mail: MailStore['state'];
  triggers: TriggerStore['state'];
  locks: LockStore['state'];
  properties: PropertiesStore['state'];
  cache: CacheStore['state'];
  drive: DriveStore['state'];
  utilities: UtilitiesState;
}

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const nowMs = opts.now === undefined ? Date.parse(DEFAULT_NOW) : new Date(opts.now).getTime();
  if (Number.isNaN(nowMs)) throw new Error(`The emulator's start time is not a date: ${String(opts.now)}`);
  const owner = opts.users?.owner ?? DEFAULT_OWNER;
  const kernel = new Kernel(nowMs, latencyFrom(opts.latency));
  const env = new ScriptEnv(
    kernel,
    opts.scriptId ?? DEFAULT_SCRIPT_ID,
    opts.scriptTimeZone ?? 'America/New_York',
    { owner, active: owner, effective: owner },
    opts.deployment ?? 'bound',
  );
  const emu = assemble(env, opts.locale ?? 'en', opts.mailQuota ?? DEFAULT_MAIL_QUOTA, null);
  emu.internal.triggers.state.keepFiredOneOffs = opts.keepFiredOneOffTriggers !== false;
  Object.assign(emu.sheets.platform, opts.platform ?? {});
  return emu;
}

export function loadEmulator(json: string): Emulator {
  const saved = JSON.parse(json) as Saved;
  if (saved.version !== 1)
    throw new Error(`Saved emulator state has version ${String(saved.version)}; this emulator reads version 1.`);
  const kernel = new Kernel(saved.clockMs, saved.latency);
  const env = new ScriptEnv(
    kernel,
    saved.scriptId,
    saved.scriptTimeZone,
    { ...saved.users },
    saved.deployment ?? 'bound',
  );
  for (const id of saved.addOnEnabledIn ?? []) env.enabledIn.add(id);
  return assemble(env, saved.locale, saved.mail.dailyQuota, saved);
}

function assemble(env: ScriptEnv, locale: string, mailQuota: number, saved: Saved | null): Emulator {
  const kernel = env.kernel;
  const sheetEnv = {
    kernel,
    activeUser: () => env.activeUser(),
    effectiveUser: () => env.effectiveUser(),
    get scriptTimeZone() {
      return env.scriptTimeZone;
    },
    isAddOn: () => env.isAddOn,
  };
  const sheets = saved ? SpreadsheetStore.fromJSON(sheetEnv, saved.sheets) : new SpreadsheetStore(sheetEnv);
  env.openDocument = () => sheets.activeId();
  // Document properties, the document lock and the document cache belong to the containing document.
  const activeDocumentId = () => env.containerId();
  const spreadsheetIdOf = (ssOrId: unknown): string | null => {
    if (typeof ssOrId === 'string') return sheets.get(ssOrId) ? ssOrId : null;
    const id = idOfSpreadsheetObject(ssOrId);
    return id && sheets.get(id) ? id : null;
  };

  const mail = new MailStore(env, mailQuota);
  const triggers = new TriggerStore(env, spreadsheetIdOf);
  const locks = new LockStore(env, activeDocumentId);
  const properties = new PropertiesStore(env, activeDocumentId);
  const cache = new CacheStore(env, activeDocumentId);
  const drive = new DriveStore(env, (id) => sheets.get(id) as never);
  const utilities: UtilitiesState = { uuidCounter: 1 };
  if (saved) {
    mail.state = saved.mail;
    triggers.state = saved.triggers;
    locks.state = saved.locks;
    properties.state = saved.properties;
    cache.state = saved.cache;
    drive.state = saved.drive;
    Object.assign(utilities, saved.utilities);
  }

  const { MailApp, GmailApp } = mail.services();
  const services: Record<string, unknown> = {
    SpreadsheetApp: guardSpreadsheetApp(env, sheets.app),
    MailApp,
    GmailApp,
    ScriptApp: triggers.scriptApp(),
    LockService: locks.service(),
    PropertiesService: properties.service(),
    CacheService: cache.service(),
    HtmlService: createHtmlService(env),
    Session: createSession(env, () => locale),
    Utilities: createUtilities(env, utilities),
    DriveApp: drive.service(),
    Charts: chartsGlobal,
    Logger: createLogger(env),
    console: createConsole(env),
  };

  const internal: Internals = { env, mail, triggers, locks, properties, cache, drive, utilities, locale };
  const emulator: Emulator = {
    kernel,
    deployment: env.deployment,
    sheets,
    internal,
    mail: {
      get outbox() {
        return mail.state.outbox;
      },
      remaining: () => mail.remaining(),
      setQuota: (n) => mail.setQuota(n),
      resetQuota: () => mail.resetQuota(),
    },
    triggers: { list: () => triggers.list(), due: () => triggers.due() },
    locks: {
      holdElsewhere: (kind, o) => locks.holdElsewhere(kind, o),
      release: (kind, subject) => locks.release(kind, subject),
    },
    properties: {
      get: (scope, subject) => {
        const b = properties.bucket(scope, subject);
        return b ? { ...b } : null;
      },
      set: (scope, key, value, subject) => {
        const b = properties.bucket(scope, subject);
        if (!b) throw new Error(`There are no ${scope} properties here: no spreadsheet is active.`);
        b[key] = String(value);
      },
    },
    cache: { get: (scope, key, subject) => cache.peek(scope, key, subject), clear: () => cache.clear() },
    users: {
      get owner() {
        return env.users.owner;
      },
      get active() {
        return env.users.active;
      },
      get effective() {
        return env.users.effective;
      },
      setActive: (email) => {
        env.users.active = email;
      },
      setEffective: (email) => {
        env.users.effective = email;
      },
    },
    globals: () => ({ ...services, Date: kernel.Date }),
    save: () => {
      const state: Saved = {
        version: 1,
        clockMs: kernel.now(),
        deployment: env.deployment,
        addOnEnabledIn: [...env.enabledIn],
        scriptId: env.scriptId,
        scriptTimeZone: env.scriptTimeZone,
        locale,
        users: { ...env.users },
        latency: kernel.latency,
        sheets: sheets.toJSON(),
        mail: mail.state,
        triggers: triggers.state,
        locks: locks.heldElsewhere(),
        properties: properties.state,
        cache: cache.state,
        drive: drive.state,
        utilities,
      };
      return JSON.stringify(state);
    },
  };
  return emulator;
}

/** The id of a spreadsheet object as the spreadsheet emulator hands it to scripts. */
function idOfSpreadsheetObject(ss: unknown): string | null {
  if (ss === null || typeof ss !== 'object') return null;
  const o = ss as { id?: unknown; _b?: { id?: unknown }; getId?: () => unknown };
  if (typeof o.id === 'string') return o.id;
  if (typeof o._b?.id === 'string') return o._b.id;
  if (typeof o.getId === 'function') return String(o.getId());
  return null;
}

/**
 * Simple triggers may not open other files: openById, openByUrl and create
 * refuse in AuthMode.LIMITED (developers.google.com/apps-script/guides/triggers#restrictions).
 */
function guardSpreadsheetApp(env: ScriptEnv, app: object): object {
  return new Proxy(app, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !SPREADSHEET_SCOPED.has(prop) || typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        env.requireAuthorization(`SpreadsheetApp.${prop}`, SCOPES.spreadsheets);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
