/**
 * The playground: the built add-on (dist/) running in the emulator on a
 * synthetic practice, served to a browser on 127.0.0.1. The page shows the
 * workbook as a grid, the Handoff menu, the real sidebar, the outbox, the
 * triggers and a clock; everything the page does is an execution of the
 * add-on in the emulator, as the acting user. The workbook persists in a
 * local state file between runs.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadEmulator, type Emulator } from '../emulator/index';
import { escapeHtml } from '../emulator/html';
import { Runner, timeDrivenEvent, type RunResult } from '../emulator/runner';
import { civilToDate, toCivil } from '../../src/server/core/dates';
import { buildPage } from './page';
import { a1, newPractice, type PracticeMeta } from './practice';
import { booksFor, tabView } from './sheetView';
import { withShim } from './shim';

export interface PlaygroundOptions {
  /** 0 picks a free port (tests). Default: PORT or 8787. */
  port?: number;
  /** Where the workbook persists; default .playground/state.json in the repository. */
  stateFile?: string;
  /** Ignore any saved state and set the practice up afresh. */
  fresh?: boolean;
  /** Clients in a fresh practice (default 300). */
  clients?: number;
  distDir?: string;
  /** Print nothing (tests). */
  quiet?: boolean;
}

export interface Playground {
  readonly url: string;
  readonly emu: Emulator;
  readonly runner: Runner;
  readonly meta: PracticeMeta;
  /** Starts over with a freshly set-up practice. */
  reset(): void;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const MAX_BODY = 20 * 1024 * 1024;

interface Saved {
  version: 1;
  meta: PracticeMeta;
  emulator: string;
}

/** Sidebars and dialogs the add-on opened, served to iframes by token with the shim for their user. */
interface Shown {
  html: string;
  user: string;
  title: string | null;
}

/** A run as the page reports it. */
function summary(r: RunResult): { fn: string; ok: boolean; error?: string; logs: string[]; result?: unknown } {
  return { fn: r.fn, ok: r.ok, error: r.error, logs: r.logs.slice(-20), result: r.ok ? jsonSafe(r.result) : undefined };
}

function jsonSafe(v: unknown): unknown {
  try {
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  } catch {
    return String(v);
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startPlayground(opts: PlaygroundOptions = {}): Promise<Playground> {
  const stateFile = path.resolve(opts.stateFile ?? path.join(ROOT, '.playground/state.json'));
  const distDir = opts.distDir ?? path.join(ROOT, 'dist');
  const log = (msg: string): void => {
    if (!opts.quiet) console.log(msg);
  };

  let emu: Emulator;
  let runner: Runner;
  let meta: PracticeMeta;
  const shown = new Map<string, Shown>();
  let nextToken = 1;
  let lastRun: ReturnType<typeof summary> | null = null;

  const fresh = (): void => {
    const p = newPractice({ clients: opts.clients, distDir });
    ({ emu, runner, meta } = p);
    for (const problem of meta.problems) log(`  set-up: ${problem}`);
  };
  const load = (): boolean => {
    if (opts.fresh || !fs.existsSync(stateFile)) return false;
    try {
      const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as Saved;
      emu = loadEmulator(saved.emulator);
      runner = new Runner(emu, { distDir });
      meta = saved.meta;
      return true;
    } catch (e) {
      log(`  The saved workbook in ${stateFile} could not be read (${(e as Error).message}); starting afresh.`);
      return false;
    }
  };
  const save = (): void => {
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    const saved: Saved = { version: 1, meta, emulator: emu.save() };
    const tmp = `${stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(saved));
    fs.renameSync(tmp, stateFile);
  };
  if (!load()) {
    fresh();
    save();
  }

  const page = await buildPage();

  // ---- what the page asks for --------------------------------------------------

  const userOf = (v: unknown): string => {
    const email = String(v ?? '');
    if (!meta.people.some((p) => p.email === email))
      throw new HttpError(400, `Unknown user "${email}": choose one of the practice's people.`);
    return email;
  };

  const remember = (html: string, user: string, title: string | null): string => {
    const token = String(nextToken++);
    shown.set(token, { html, user, title });
    return token;
  };

  /** Runs something that may open UI, and reports the sidebar, dialogs, alerts and toasts it opened. */
  const withUi = (user: string, run: () => RunResult | RunResult[]): Record<string, unknown> => {
    const ui = emu.sheets.ui;
    const before = {
      sidebar: ui.sidebar,
      dialogs: ui.dialogs.length,
      alerts: ui.alerts.length,
      prompts: ui.prompts.length,
      toasts: ui.toasts.length,
    };
    const results = ([] as RunResult[]).concat(run());
    const sidebar =
      ui.sidebar && ui.sidebar !== before.sidebar
        ? { title: ui.sidebar.title, token: remember(ui.sidebar.html, user, ui.sidebar.title) }
        : null;
    const dialogs = ui.dialogs.slice(before.dialogs).map((d) => ({
      title: d.title,
      kind: d.kind,
      width: d.width,
      height: d.height,
      token: remember(d.html, user, d.title),
    }));
    const alerts = [...ui.alerts.slice(before.alerts), ...ui.prompts.slice(before.prompts)].map((a) => ({
      title: a.title,
      prompt: a.prompt,
    }));
    const toasts = ui.toasts.slice(before.toasts).map((t) => ({ title: t.title, message: t.message }));
    lastRun = results.length ? summary(results[results.length - 1]) : lastRun;
    return { runs: results.map(summary), sidebar, dialogs, alerts, toasts };
  };

  const nightlyHour = (): number => {
    try {
      const { values } = emu.sheets.peek(meta.hubId, 'Settings');
      const header = (values[0] ?? []).map((h) => String(h).trim().toLowerCase());
      const name = header.indexOf('setting');
      const value = header.indexOf('value');
      const row = values.find((r) => String(r[name]).trim().toLowerCase() === 'nightly hour');
      const n = Number(row?.[value]);
      return row && String(row[value]).trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 23 ? n : 2;
    } catch {
      return 2;
    }
  };

  const timeZone = (): string => emu.sheets.get(meta.hubId)?.timeZone ?? emu.internal.env.scriptTimeZone;

  /** The next start of the Nightly Hour after now, in the hub's time zone; a nightly trigger due within that hour is waited for. */
  const nextNight = (): number => {
    const tz = timeZone();
    const now = emu.kernel.now();
    const today = toCivil(new Date(now), tz);
    const hour = nightlyHour();
    let at = civilToDate(today, tz, hour).getTime();
    if (at <= now) at = civilToDate(toCivil(new Date(now + 24 * 3600 * 1000), tz), tz, hour).getTime();
    const nightly = emu.triggers
      .list()
      .filter(
        (t) => t.source === 'CLOCK' && t.nextRunMs !== null && t.nextRunMs >= at && t.nextRunMs < at + 3600 * 1000,
      );
    return Math.max(at, ...nightly.map((t) => t.nextRunMs as number));
  };

  const state = (user: string): Record<string, unknown> => ({
    now: new Date(emu.kernel.now()).toISOString(),
    timeZone: timeZone(),
    user,
    hubId: meta.hubId,
    people: meta.people,
    problems: meta.problems,
    books: booksFor(emu, meta.hubId, user),
    nightlyHour: nightlyHour(),
    nextNight: new Date(nextNight()).toISOString(),
    triggers: emu.triggers.list().map((t) => ({
      uid: t.uid,
      handler: t.handler,
      eventType: t.eventType,
      source: t.source,
      owner: t.owner,
      nextRun: t.nextRunMs === null ? null : new Date(t.nextRunMs).toISOString(),
    })),
    outbox: emu.mail.outbox.map((m, i) => ({ id: i, to: m.to, cc: m.cc, subject: m.subject, at: m.at, from: m.from })),
    quotaLeft: emu.mail.remaining(),
    lastRun,
  });

  const routes: Record<string, (body: Record<string, unknown>, query: URLSearchParams) => unknown> = {
    'GET /api/people': () => ({ people: meta.people }),
    'GET /api/state': (_b, q) => state(userOf(q.get('user'))),
    'GET /api/tab': (_b, q) =>
      tabView(
        emu,
        String(q.get('book')),
        String(q.get('tab')),
        Number(q.get('from') ?? 0) || 0,
        Number(q.get('count') ?? 200) || 200,
      ),
    'POST /api/open': (b) => {
      const user = userOf(b.user);
      emu.sheets.ui.menus.length = 0;
      // A therapist opens only their own transition sheet, which carries no add-on menu.
      if (!emu.sheets.get(meta.hubId)?.canOpen(user)) return { runs: [], menus: [] };
      const out = withUi(user, () => runner.open({ user }));
      return { ...out, menus: emu.sheets.ui.menus };
    },
    'POST /api/menu': (b) => {
      const user = userOf(b.user);
      const captions = (Array.isArray(b.captions) ? b.captions : []).map(String);
      emu.users.setActive(user);
      return withUi(user, () => runner.clickMenu(...captions));
    },
    'POST /api/run': (b) => {
      const user = userOf(b.user);
      const fn = String(b.fn ?? '');
      const args = Array.isArray(b.args) ? b.args : [];
      try {
        let result: unknown;
        const ui = withUi(user, () => {
          result = runner.callAsClient(fn, args, { user });
          return [];
        });
        lastRun = { fn, ok: true, logs: [] };
        return { ok: true, result: jsonSafe(result), ...ui };
      } catch (e) {
        lastRun = { fn, ok: false, error: (e as Error).message, logs: [] };
        return { ok: false, error: (e as Error).message };
      }
    },
    'POST /api/edit': (b) => {
      const user = userOf(b.user);
      const book = String(b.book ?? meta.hubId);
      const tab = String(b.tab ?? '');
      const cell = a1(Number(b.row), Number(b.col));
      let rejected: string | undefined;
      const out = withUi(user, () => {
        const results = runner.edit(tab, cell, b.value, { user, spreadsheetId: book });
        rejected = results.rejected;
        return results;
      });
      return { ...out, cell, rejected: rejected ?? null };
    },
    'POST /api/select': (b) => {
      const book = String(b.book ?? meta.hubId);
      emu.sheets.setSelection(book, String(b.tab ?? ''), a1(Number(b.row), Number(b.col)));
      return { ok: true };
    },
    'POST /api/trigger': (b) => {
      const trigger = emu.triggers.list().find((t) => t.uid === String(b.uid));
      if (!trigger) throw new HttpError(404, `There is no trigger ${String(b.uid)} any more.`);
      return withUi(trigger.owner, () =>
        runner.run(trigger.handler, [timeDrivenEvent(emu.kernel.now(), trigger.uid)], { trigger }),
      );
    },
    'POST /api/clock': (b) => {
      const to =
        b.to === 'next-night'
          ? nextNight()
          : b.to === 'hour'
            ? emu.kernel.now() + 3600 * 1000
            : b.to === 'day'
              ? emu.kernel.now() + 24 * 3600 * 1000
              : NaN;
      if (Number.isNaN(to)) throw new HttpError(400, 'The clock moves to "next-night", or by an "hour" or a "day".');
      // A Date: advanceClock reads a bare number as a duration, not an instant.
      return withUi(meta.people[0].email, () => runner.advanceClock(new Date(to), { fireTriggers: true }));
    },
    'POST /api/reset': () => {
      fresh();
      shown.clear();
      lastRun = null;
      return { ok: true, problems: meta.problems };
    },
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      send(
        res,
        status,
        'application/json',
        JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', page);
    if (method === 'GET' && url.pathname === '/sidebar') {
      // The sidebar as HtmlService serves it (dist/Sidebar.html), opened directly for a user.
      const html = runner.htmlFiles().Sidebar;
      if (!html) throw new HttpError(404, 'dist/Sidebar.html is missing: run npm run build.');
      return send(res, 200, 'text/html; charset=utf-8', withShim(html, userOf(url.searchParams.get('user'))));
    }
    const frame = /^\/frame\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && frame) {
      const s = shown.get(frame[1]);
      if (!s) throw new HttpError(404, 'That sidebar or dialog is gone (the playground restarted): open it again.');
      return send(res, 200, 'text/html; charset=utf-8', withShim(s.html, s.user));
    }
    const mail = /^\/mail\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && mail) {
      const m = emu.mail.outbox[Number(mail[1])];
      if (!m) throw new HttpError(404, 'No such email.');
      const html = m.htmlBody || `<pre style="white-space:pre-wrap;font:13px Arial">${escapeHtml(m.body)}</pre>`;
      // Shown in a sandboxed iframe; the header sandboxes it even when opened on its own.
      res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      return send(res, 200, 'text/html; charset=utf-8', html);
    }
    const route = routes[`${method} ${url.pathname}`];
    if (!route) throw new HttpError(404, `Nothing at ${method} ${url.pathname}.`);
    const body = method === 'POST' ? await readJson(req) : {};
    const out = route(body, url.searchParams);
    if (method === 'POST') save();
    send(res, 200, 'application/json', JSON.stringify(out));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : opts.port}/`;
  log(`Caseload Handoff playground: ${url}`);
  log(`  workbook: ${stateFile}${meta!.problems.length ? ` (set-up problems: ${meta!.problems.length})` : ''}`);

  return {
    url,
    get emu() {
      return emu;
    },
    get runner() {
      return runner;
    },
    get meta() {
      return meta;
    },
    reset: () => {
      fresh();
      shown.clear();
      save();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'The request is larger than 20 MB.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        const v = text ? (JSON.parse(text) as unknown) : {};
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
        resolve(v as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'The request body must be a JSON object.'));
      }
    });
    req.on('error', reject);
  });
}
