/**
 * Runs the built add-on (dist/) against the emulator the way Apps Script runs
 * it: each execution is a fresh context holding only ECMAScript builtins and
 * the Apps Script globals, every .js file of the project loaded in push order,
 * then one top-level function called. Menus, triggers, sidebar calls and
 * people editing cells are all executions of this kind.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { Emulator } from './index';
import type { AuthModeName, LogEntry } from './env';
import { claspPushOrder, type ClaspConfig } from '../deploy/clasp';
import { Counters, emptyCounters, EXECUTION_LIMIT_MS } from './kernel';
import { Membrane } from './membrane';
import { User } from './session';
import { makeSpreadsheet } from './spreadsheet/facades';
import { HtmlOutputImpl } from './html';
import type { TriggerRecord } from './triggers';
import { accessRefusal, effectiveUserOf, webAppConfig, webAppEvent, type WebAppRequest } from './webapp';

export interface RunResult {
  fn: string;
  ok: boolean;
  result?: unknown;
  /** The message of the error the execution ended with. */
  error?: string;
  /** Why the execution was ended from outside (time limit, injected kill), when it was. */
  killed?: string;
  /** Virtual milliseconds the execution took. */
  elapsedMs: number;
  /** This execution's service calls. */
  counters: Counters;
  /** What it logged (Logger and console), one message per line. */
  logs: string[];
  logEntries: LogEntry[];
  /** Service calls made while loading the files, before the function ran (should be none). */
  topLevelCalls: string[];
  /** Real milliseconds spent making the context and loading the files (the benchmark reports it). */
  loadMs: number;
}

export interface RunOptions {
  user?: string;
  authMode?: 'FULL' | 'LIMITED' | 'NONE';
  trigger?: TriggerRecord;
  /** Arguments as JSON, materialised inside the script's realm (google.script.run). */
  argsJson?: string;
  /** Whose authority the code runs under, when it is not the user's own (a web app run as its deployer). */
  effectiveUser?: string;
  /** An execution with no containing document and no UI (a web-app request). */
  withoutContainer?: boolean;
}

/** What a web-app request shows: the page (an HtmlOutput's content and title), or why there is none. */
export interface WebAppResponse extends RunResult {
  html: string | null;
  title: string | null;
}

/** Simple triggers stop after 30 seconds (developers.google.com/apps-script/guides/triggers#restrictions). */
export const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;
/** The platform's text for the time limit. */
export const TIME_LIMIT = 'Exceeded maximum execution time';

const DEFAULT_DIST = path.resolve(__dirname, '../../dist');
const RUN_BOX = '__caseloadHandoffRun';
/** Calls the function inside the context, so its promise jobs run before the execution ends. */
const INVOKE = new vm.Script(
  `(function (box) {
  var r = globalThis[box.name].apply(globalThis, box.args);
  if (r !== null && typeof r === 'object' && typeof r.then === 'function') {
    box.pending = true;
    r.then(function (v) { box.pending = false; box.value = v; }, function (e) { box.pending = false; box.threw = true; box.error = e; });
  } else box.value = r;
})(globalThis.${RUN_BOX})`,
  { filename: 'runner-invoke.js' },
);

interface Box {
  name: string;
  args: unknown[];
  value?: unknown;
  pending?: boolean;
  threw?: boolean;
  error?: unknown;
}

export class Runner {
  private readonly scripts: { file: string; script: vm.Script }[];
  private readonly html: Record<string, string>;
  /** Real-time guard for a loop that makes no service call (the virtual clock cannot see it). */
  private readonly realTimeoutMs: number;
  /** Real milliseconds spent reading and compiling the project, once per Runner. */
  readonly compileMs: number;
  private readonly distDir: string;

  constructor(
    readonly emu: Emulator,
    opts: { distDir?: string; realTimeoutMs?: number } = {},
  ) {
    const compileStart = performance.now();
    const dist = path.resolve(opts.distDir ?? DEFAULT_DIST);
    if (!fs.existsSync(dist)) throw new Error(`No built project at ${dist}: run \`npm run build\` first.`);
    this.distDir = dist;
    this.realTimeoutMs = opts.realTimeoutMs ?? 20000;
    const names = fs.readdirSync(dist);
    this.scripts = pushOrder(
      dist,
      names.filter((f) => f.endsWith('.js') || f.endsWith('.gs')),
    ).map((file) => ({
      file,
      script: new vm.Script(fs.readFileSync(path.join(dist, file), 'utf8'), { filename: path.join(dist, file) }),
    }));
    if (this.scripts.length === 0) throw new Error(`${dist} holds no .js file to run.`);
    this.html = {};
    for (const f of names.filter((n) => n.endsWith('.html')))
      this.html[f.replace(/\.html$/, '')] = fs.readFileSync(path.join(dist, f), 'utf8');
    this.compileMs = performance.now() - compileStart;
  }

  htmlFiles(): Record<string, string> {
    return { ...this.html };
  }

  run(fn: string, args: unknown[] = [], opts: RunOptions = {}): RunResult {
    const { env, locks } = this.emu.internal;
    const kernel = this.emu.kernel;
    if (kernel.inExecution())
      throw new Error(`Cannot run ${fn} while another execution is in progress: executions do not nest.`);
    const trigger = opts.trigger;
    const authMode: AuthModeName = opts.authMode ?? 'FULL';
    const activeUser = opts.user ?? (trigger ? trigger.owner : env.users.active);
    const effectiveUser = trigger ? trigger.owner : (opts.effectiveUser ?? opts.user ?? env.users.effective);
    const before = snapshot(kernel.counters);
    const startMs = kernel.now();
    env.files = this.html;
    const sheets = this.emu.sheets;
    const openWas = sheets.activeId();
    // An add-on's time-driven run has no containing document
    // (developers.google.com/workspace/add-ons/concepts/editor-triggers): no active
    // spreadsheet, document properties, document lock or document cache. A bound
    // script's runs always have the spreadsheet it is bound to.
    // A web-app request has none either (webapp.ts), in both deployments.
    const detached = (env.isAddOn && trigger?.source === 'CLOCK') || opts.withoutContainer === true;
    const containerId = detached ? null : (trigger?.sourceId ?? openWas);
    const execution = env.begin({ activeUser, effectiveUser, authMode, containerId });
    if (detached) sheets.setActive(null);
    // An add-on is enabled in a document once someone uses it there with full authorization.
    if (env.isAddOn && containerId && authMode === 'FULL') env.enabledIn.add(containerId);
    // A time-driven trigger runs with nobody at the screen: no UI.
    const ui = sheets.ui;
    const uiWas = ui.available;
    ui.available = trigger?.source !== 'CLOCK' && !opts.withoutContainer;
    kernel.executionLimitMs = authMode === 'LIMITED' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
    kernel.beginExecution();
    let topLevelCalls: string[] = [];
    let loadMs = 0;
    let result: unknown;
    let error: string | undefined;
    try {
      const loadStart = performance.now();
      const ctx = this.newContext(execution.id);
      for (const { script } of this.scripts) script.runInContext(ctx, { timeout: this.realTimeoutMs });
      loadMs = performance.now() - loadStart;
      topLevelCalls = Object.keys(subtract(kernel.counters, before).byMethod);
      const callArgs =
        opts.argsJson === undefined ? args : ((vm.runInContext('JSON', ctx) as JSON).parse(opts.argsJson) as unknown[]);
      result = this.invoke(ctx, fn, callArgs);
    } catch (e) {
      if ((e as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        kernel.killed = kernel.killed ?? TIME_LIMIT;
      error = messageOf(e);
    } finally {
      locks.releaseAllOf(env.holderId());
      kernel.endExecution();
      kernel.executionLimitMs = EXECUTION_LIMIT_MS;
      ui.available = uiWas;
      // What the person has open is theirs: a script's setActiveSpreadsheet does not outlive the execution.
      sheets.setActive(openWas);
      env.end();
    }
    const killed = kernel.killed ?? undefined;
    const out: RunResult = {
      fn,
      ok: error === undefined && !killed,
      elapsedMs: kernel.now() - startMs,
      counters: subtract(kernel.counters, before),
      logs: execution.logs.map((l) => l.message),
      logEntries: execution.logs,
      topLevelCalls,
      loadMs,
    };
    if (out.ok) out.result = result;
    // The platform reports a killed execution by why it was ended, whatever the script caught.
    if (killed) {
      out.killed = killed;
      out.error = killed === TIME_LIMIT ? TIME_LIMIT : killed;
    } else out.error = error;
    if (out.error === undefined) delete out.error;
    return out;
  }

  /** A fresh context: ECMAScript builtins, the Apps Script globals, nothing of node. */
  private newContext(id: number): vm.Context {
    const ctx = vm.createContext({}, { name: `execution ${id}`, microtaskMode: 'afterEvaluate' });
    this.emu.internal.env.context = ctx;
    const membrane = new Membrane(vm.runInContext('Error', ctx) as ErrorConstructor);
    this.membrane = membrane;
    for (const [name, value] of Object.entries(this.emu.globals())) {
      (ctx as Record<string, unknown>)[name] = name === 'Date' ? value : membrane.wrap(value);
    }
    return ctx;
  }

  private membrane: Membrane | null = null;

  private invoke(ctx: vm.Context, fn: string, args: unknown[]): unknown {
    const g = ctx as Record<string, unknown>;
    if (typeof g[fn] !== 'function') throw new Error(`Script function not found: ${fn}`);
    const membrane = this.membrane as Membrane;
    const box: Box = { name: fn, args: args.map((a) => wrapArg(membrane, a)) };
    g[RUN_BOX] = box;
    try {
      INVOKE.runInContext(ctx, { timeout: this.realTimeoutMs });
    } finally {
      delete g[RUN_BOX];
    }
    if (box.threw) throw box.error;
    if (box.pending) throw new Error(`${fn} returned a promise that never settled.`);
    return box.value;
  }

  /** run() that throws an Error with the script's message on failure and returns the result otherwise. */
  call<T = unknown>(fn: string, ...args: unknown[]): T {
    const r = this.run(fn, args);
    if (!r.ok) throw new Error(r.error);
    return r.result as T;
  }

  /**
   * google.script.run (developers.google.com/apps-script/guides/html/reference/run):
   * arguments cross as JSON-like values only — a Date, function or other object
   * refuses to go ("Failed due to illegal value in property: <key>"), undefined
   * object fields are dropped; private functions (name ending in _) are not
   * callable; a result holding a Date (or anything not JSON-like) arrives as null.
   */
  callAsClient<T = unknown>(fn: string, args: unknown[], opts: { user?: string; effectiveUser?: string } = {}): T {
    return this.scriptRun<T>(fn, args, { user: opts.user, effectiveUser: opts.effectiveUser });
  }

  private scriptRun<T>(fn: string, args: unknown[], opts: RunOptions): T {
    if (fn.endsWith('_') || !this.topLevelFunctions().has(fn)) {
      throw new TypeError(`google.script.run.${fn} is not a function`);
    }
    args.forEach((a, i) => assertTransferable(a, String(i), new Set()));
    const r = this.run(fn, [], { ...opts, argsJson: JSON.stringify(args.map((a) => (a === undefined ? null : a))) });
    if (!r.ok) throw new Error(r.error);
    return toClient(r.result) as T;
  }

  /**
   * Someone opens the deployed web app's URL (webapp.ts): doGet(e) or
   * doPost(e) with the documented event object, run as the manifest says
   * (executeAs) after its access check, with no containing document. The
   * HtmlOutput it returns is the page; anything else leaves none.
   */
  webApp(req: WebAppRequest = {}, opts: { deployer?: string } = {}): WebAppResponse {
    const config = webAppConfig(this.distDir);
    const visitor = req.visitor ?? '';
    const deployer = opts.deployer ?? this.emu.users.owner;
    const fn = (req.method ?? 'GET') === 'POST' ? 'doPost' : 'doGet';
    const refused = accessRefusal(config, visitor, deployer);
    if (refused) throw new Error(refused);
    const r = this.run(fn, [webAppEvent(req)], {
      user: visitor,
      effectiveUser: effectiveUserOf(config, visitor, deployer),
      withoutContainer: true,
    });
    const out = r.ok ? this.membrane?.unwrap(r.result) : null;
    const page = out instanceof HtmlOutputImpl ? out : null;
    const response: WebAppResponse = { ...r, html: page ? page.content : null, title: page ? page.title : null };
    if (r.ok && !page) response.error = 'The script completed but did not return anything.';
    return response;
  }

  /**
   * google.script.run from a page the web app served: the same rules as a
   * sidebar's calls (JSON-like values, top-level functions, none ending in
   * _), but the execution is the web app's: the visitor (often anonymous) at
   * the keyboard, the manifest's executeAs identity, no containing document.
   */
  callFromWebApp<T = unknown>(fn: string, args: unknown[], opts: { visitor?: string; deployer?: string } = {}): T {
    const config = webAppConfig(this.distDir);
    const visitor = opts.visitor ?? '';
    const deployer = opts.deployer ?? this.emu.users.owner;
    return this.scriptRun<T>(fn, args, {
      user: visitor,
      effectiveUser: effectiveUserOf(config, visitor, deployer),
      withoutContainer: true,
    });
  }

  private functionNames: Set<string> | null = null;

  /** The project's top-level functions: what menus, triggers and google.script.run can name. */
  topLevelFunctions(): Set<string> {
    if (!this.functionNames) {
      // Declarations are hoisted, so a bare context shows them even if top-level code throws there.
      const ctx = vm.createContext({});
      for (const { script } of this.scripts) {
        try {
          script.runInContext(ctx, { timeout: 1000 });
        } catch {
          /* only the declarations matter here */
        }
      }
      const g = ctx as Record<string, unknown>;
      this.functionNames = new Set(Object.keys(g).filter((k) => typeof g[k] === 'function'));
    }
    return this.functionNames;
  }

  /**
   * Fires every clock trigger due at the virtual now, earliest first, each as
   * its owner with a time-driven event object
   * (developers.google.com/apps-script/guides/triggers/events#time-driven_events).
   */
  fireDueTriggers(): RunResult[] {
    const store = this.emu.internal.triggers;
    const results: RunResult[] = [];
    const now = this.emu.kernel.now();
    for (const due of store.due(now)) {
      const record = store.get(due.uid);
      if (!record || record.nextRunMs === null || record.nextRunMs > now) continue;
      results.push(this.fire(record));
    }
    return results;
  }

  private fire(record: TriggerRecord): RunResult {
    const firedAt = this.emu.kernel.now();
    const snapshotRecord = { ...record };
    const r = this.run(record.handler, [timeDrivenEvent(firedAt, record.uid)], { trigger: snapshotRecord });
    this.emu.internal.triggers.afterFiring(record.uid, firedAt);
    return r;
  }

  /**
   * Moves the virtual clock forward by `to` ms, or to an instant; with
   * fireTriggers, clock triggers fire as they come due, in order.
   */
  advanceClock(to: number | string | Date, opts: { fireTriggers?: boolean } = {}): RunResult[] {
    const kernel = this.emu.kernel;
    const target = typeof to === 'number' ? kernel.now() + to : new Date(to).getTime();
    if (Number.isNaN(target)) throw new Error(`advanceClock: not a time: ${String(to)}`);
    if (target < kernel.now())
      throw new Error(
        `advanceClock: the clock only moves forward (now ${new Date(kernel.now()).toISOString()}, asked for ${new Date(target).toISOString()}).`,
      );
    const results: RunResult[] = [];
    if (opts.fireTriggers) {
      const store = this.emu.internal.triggers;
      for (;;) {
        const next = store.nextDueMs();
        if (next === null || next > target) break;
        kernel.setNow(Math.max(kernel.now(), next));
        const record = store.due(kernel.now())[0];
        if (!record) break;
        results.push(this.fire(store.get(record.uid) as TriggerRecord));
      }
    }
    kernel.setNow(Math.max(kernel.now(), target));
    return results;
  }

  /**
   * A person types into a cell: the edit, then the simple onEdit(e) in
   * AuthMode.LIMITED, then each installable onEdit trigger of that spreadsheet
   * as its owner (developers.google.com/apps-script/guides/triggers/events#edit).
   */
  edit(
    sheetName: string,
    a1: string,
    value: unknown,
    opts: { user?: string; spreadsheetId?: string } = {},
  ): RunResult[] & { rejected?: string } {
    const sheets = this.emu.sheets;
    const id = opts.spreadsheetId ?? sheets.activeId();
    if (!id) throw new Error('edit: no spreadsheet is active; pass spreadsheetId.');
    const user = opts.user ?? this.emu.users.active;
    const edit = sheets.userEdit(id, sheetName, a1, value, user);
    const results: RunResult[] & { rejected?: string } = [];
    if (edit.rejected) {
      results.rejected = edit.rejected;
      return results;
    }
    const { env } = this.emu.internal;
    const base = { range: edit.range, source: this.spreadsheetObject(id) } as Record<string, unknown>;
    if (edit.value !== undefined) base.value = edit.value;
    if (edit.oldValue !== undefined) base.oldValue = edit.oldValue;
    if (this.topLevelFunctions().has('onEdit')) {
      results.push(
        this.run('onEdit', [{ authMode: 'LIMITED', ...base, user: new User(env, user) }], {
          user,
          authMode: 'LIMITED',
        }),
      );
    }
    for (const t of this.emu.internal.triggers.forSpreadsheet(id, 'ON_EDIT')) {
      results.push(
        this.run(t.handler, [{ authMode: 'FULL', ...base, user: new User(env, user), triggerUid: t.uid }], {
          user,
          trigger: t,
        }),
      );
    }
    return results;
  }

  /** The Spreadsheet object a script would get for a file, for event objects (no service call). */
  private spreadsheetObject(id: string): unknown {
    const book = this.emu.sheets.get(id);
    if (!book) throw new Error(`No spreadsheet with id ${id}`);
    return makeSpreadsheet(this.emu.sheets.app._x, book);
  }

  /**
   * A person opens the spreadsheet: the simple onOpen(e) in AuthMode.LIMITED,
   * or, for an add-on not yet used in that document, AuthMode.NONE
   * (developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle).
   */
  open(opts: { user?: string; spreadsheetId?: string } = {}): RunResult {
    const sheets = this.emu.sheets;
    const id = opts.spreadsheetId ?? sheets.activeId();
    if (!id) throw new Error('open: no spreadsheet is active.');
    const env = this.emu.internal.env;
    const user = opts.user ?? this.emu.users.active;
    const authMode = env.isAddOn && !env.enabledIn.has(id) ? 'NONE' : 'LIMITED';
    const e = { authMode, source: this.spreadsheetObject(id), user: new User(env, user) };
    return this.withOpen(id, () => this.run('onOpen', [e], { user, authMode }));
  }

  /**
   * A person installs the add-on from the Marketplace while the document is
   * open: onInstall(e) in AuthMode.FULL (editor-auth-lifecycle#installation).
   */
  install(opts: { user?: string; spreadsheetId?: string } = {}): RunResult {
    const id = opts.spreadsheetId ?? this.emu.sheets.activeId();
    if (!id) throw new Error('install: no spreadsheet is active.');
    const user = opts.user ?? this.emu.users.active;
    return this.withOpen(id, () => this.run('onInstall', [{ authMode: 'FULL' }], { user }));
  }

  /** Runs `fn` with spreadsheet `id` open, then puts back what was open. */
  private withOpen<T>(id: string, fn: () => T): T {
    const sheets = this.emu.sheets;
    const was = sheets.activeId();
    sheets.setActive(id);
    try {
      return fn();
    } finally {
      sheets.setActive(was);
    }
  }

  /** Clicks a menu item that onOpen built, by its captions: clickMenu('Handoff', 'Set up workbook'). */
  clickMenu(...captions: string[]): RunResult {
    const fn = findMenuFunction(this.emu.sheets.ui.menus as MenuLike[], captions);
    if (!fn) {
      const shown =
        (this.emu.sheets.ui.menus as MenuLike[]).map((m) => describeMenu(m)).join('; ') || 'no menus (was onOpen run?)';
      throw new Error(`No menu item ${captions.join(' ▸ ')}. Menus: ${shown}`);
    }
    return this.run(fn, [], { user: this.emu.users.active });
  }
}

interface MenuEntryLike {
  kind: string;
  caption?: string;
  functionName?: string;
  items?: MenuEntryLike[];
}
interface MenuLike {
  caption: string | null;
  items: MenuEntryLike[];
}

function findMenuFunction(menus: MenuLike[], captions: string[]): string | null {
  const walk = (items: MenuEntryLike[], path: string[]): string | null => {
    const [head, ...rest] = path;
    const hit = items.find((i) => i.caption === head && i.kind !== 'separator');
    if (!hit) return null;
    if (rest.length === 0) return hit.kind === 'item' ? (hit.functionName ?? null) : null;
    return hit.items ? walk(hit.items, rest) : null;
  };
  for (const m of menus) {
    if (m.caption === captions[0]) {
      const fn = walk(m.items, captions.slice(1));
      if (fn) return fn;
    }
    // An add-on menu has no caption of its own: its items are reached by their captions.
    if (m.caption === null) {
      const fn = walk(m.items, captions) ?? walk(m.items, captions.slice(1));
      if (fn) return fn;
    }
  }
  return null;
}

function describeMenu(m: MenuLike): string {
  const items = (list: MenuEntryLike[]): string =>
    list
      .filter((i) => i.kind !== 'separator')
      .map((i) => (i.items ? `${i.caption} ▸ [${items(i.items)}]` : String(i.caption)))
      .join(', ');
  return `${m.caption ?? '(add-on)'} ▸ [${items(m.items)}]`;
}

/** The event of a time-driven trigger, read in UTC as the platform reports it. */
export function timeDrivenEvent(ms: number, triggerUid: string): Record<string, unknown> {
  const d = new Date(ms);
  const dow = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return {
    authMode: 'FULL',
    triggerUid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': dow,
    'week-of-year': isoWeek(d),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
}

function isPlainRecord(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Throws the client's error for a value google.script.run cannot carry. */
function assertTransferable(v: unknown, key: string, seen: Set<object>): void {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return;
  if (typeof v !== 'object' || (!Array.isArray(v) && !isPlainRecord(v)))
    throw new Error(`Failed due to illegal value in property: ${key}`);
  if (seen.has(v)) throw new Error('Failed due to circular reference.');
  seen.add(v);
  if (Array.isArray(v)) v.forEach((x, i) => assertTransferable(x, String(i), seen));
  else for (const [k, x] of Object.entries(v)) assertTransferable(x, k, seen);
  seen.delete(v);
}

/** What the client receives: JSON-like values as they are, anything else makes the whole result null. */
function toClient(v: unknown): unknown {
  const legal = (x: unknown): boolean => {
    if (x === null || x === undefined || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
      return true;
    if (typeof x !== 'object') return false;
    if (Array.isArray(x)) return x.every(legal);
    return isPlainRecord(x) && Object.values(x).every(legal);
  };
  if (v === undefined || !legal(v)) return null;
  return JSON.parse(JSON.stringify(v));
}

/**
 * The order clasp pushes the files in, so the order Apps Script loads them:
 * a `.clasp.json` in dist/ or beside it whose rootDir is dist/ may list some
 * in filePushOrder; without one (a fresh clone) clasp's plain order applies.
 */
export function pushOrder(dist: string, files: string[]): string[] {
  for (const claspFile of [path.join(dist, '.clasp.json'), path.join(path.dirname(dist), '.clasp.json')]) {
    if (!fs.existsSync(claspFile)) continue;
    const clasp = JSON.parse(fs.readFileSync(claspFile, 'utf8')) as ClaspConfig;
    const projectRoot = path.dirname(claspFile);
    if (path.resolve(projectRoot, clasp.srcDir || clasp.rootDir || '.') !== dist) continue;
    const local = files.map((f) => path.relative(projectRoot, path.join(dist, f)));
    return claspPushOrder(local, clasp.filePushOrder).map((l) => path.relative(dist, path.join(projectRoot, l)));
  }
  return claspPushOrder(files);
}

function messageOf(e: unknown): string {
  if (e !== null && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

function snapshot(c: Counters): Counters {
  return { ...c, byMethod: { ...c.byMethod } };
}

function subtract(now: Counters, before: Counters): Counters {
  const out = emptyCounters();
  for (const [k, v] of Object.entries(now.byMethod)) {
    const d = v - (before.byMethod[k] ?? 0);
    if (d > 0) out.byMethod[k] = d;
  }
  for (const k of ['data', 'total', 'cellsRead', 'cellsWritten', 'cellsSearched'] as const) out[k] = now[k] - before[k];
  return out;
}

/** Event objects carry service objects (range, source, user) one level down. */
function wrapArg(membrane: Membrane, a: unknown): unknown {
  if (a === null || typeof a !== 'object' || Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype)
    return membrane.wrap(a);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) out[k] = membrane.wrap(v);
  return out;
}
