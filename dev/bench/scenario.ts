/**
 * One practice taken through the whole process on the built bundle, every
 * operation measured as the one execution it is on the platform: set-up, the
 * roster import, a departure (start, share, the therapist's answers synced,
 * notices), the next night's run, the dashboard, a CSR at the Case panel, a
 * new request, and completing a case. The benchmark prints it at three sizes;
 * the flatness test compares its data calls at two.
 */
import type { CallCost, Counters } from '../emulator/kernel';
import { timeDrivenEvent, type RunResult } from '../emulator/runner';
import { exportCsv } from '../sample/practice';
import { isTerminal } from '../../src/server/core/schema';
import { byHandOn, newHub, setSetting, type Hub } from '../../test/support/hub';
import { OPERATIONS, type OperationName } from './floors';
import { concentrateCaseload, departingTherapist, seedHistory } from './practice';

export interface Measurement {
  op: OperationName;
  /** Service calls that read or write cells, formats, validation, protections or charts. */
  data: number;
  /** Every service call. */
  total: number;
  /** Cells brought back by reads. */
  cellsRead: number;
  /** Cells written. */
  cellsWritten: number;
  /** Cells TextFinders searched on the server (none of them brought back). */
  cellsSearched: number;
  /** The data calls by method. */
  dataByMethod: Record<string, number>;
  /** Every call by method. */
  byMethod: Record<string, number>;
  /** Sheet.insertRowsAfter: a tab's grid grown to take appended rows. */
  gridGrowth: number;
  /** MailApp.sendEmail calls. */
  emails: number;
  /** Virtual seconds, from the emulator's latency model. */
  virtualS: number;
  /** Real CPU milliseconds of the execution (user + system), loading Code.js included. */
  cpuMs: number;
  /** Real milliseconds spent loading Code.js into the execution's fresh context. */
  loadMs: number;
}

export interface SizeResult {
  clients: number;
  /** Rows on the Reassignments tab at the end. */
  cases: number;
  /** Cases of the departure. */
  departureCases: number;
  measurements: Measurement[];
  /** Real milliseconds the Runner spent reading and compiling dist/ (once). */
  compileMs: number;
}

export interface ScenarioOptions {
  clients: number;
  /** Clients of the departing therapist: every third one without a limit (default), or at most this many. */
  departingClients?: number;
  /** Recipients the notice run may email (the daily quota left for it); default 100, a consumer account's day. */
  noticeBatch?: number;
}

/** A Thursday afternoon in New York: the therapist gave notice today. */
const NOW = '2026-11-26T19:00:00.000Z';
/** The next morning, 2 a.m. in New York: the nightly run. */
const NIGHT = '2026-11-27T07:00:00.000Z';
const NOTICE_DATE = '2026-11-26';
const LAST_DAY = '2026-12-18';

export function runScenario(opts: ScenarioOptions): SizeResult {
  const hub = newHub({ clients: opts.clients, clinicians: 12, seed: 7, messy: true, now: NOW, setUp: false });
  concentrateCaseload(hub.practice, opts.departingClients);
  const b = new Bench(hub);
  const practiceSize = opts.clients;

  b.measure('setUpWorkbook', 'setUpWorkbook', []);
  setSetting(hub, 'CSR Emails', hub.csr);
  setSetting(hub, 'Management Email', 'management@clinic.example.com');
  setSetting(hub, 'Practice Name', 'Lakeside Wellness');
  setSetting(hub, 'Front Desk Phone', '(555) 010-0100');
  setSetting(hub, 'Reply-To', 'frontdesk@clinic.example.com');
  hub.seed('Clinicians', hub.practice.clinicians as unknown as Record<string, unknown>[]);
  const imported = b.measure<{ added: number }>('importRoster', 'importRoster', [exportCsv(hub.practice.clients)]);
  expect(imported.added > practiceSize * 0.9, `importRoster added ${imported.added} of ${practiceSize} clients`);
  seedHistory(hub);
  b.measure('setUpWorkbook (again)', 'setUpWorkbook', []);

  const therapist = departingTherapist(hub.practice);
  const started = b.measure<{ departureId: string; added: number }>('startDeparture', 'startDeparture', [
    { clinician: therapist.Name, noticeDate: NOTICE_DATE, lastDay: LAST_DAY },
  ]);
  expect(started.added > 0, 'startDeparture listed no case');
  const departureId = started.departureId;
  const shared = b.measure<{ added: number }>('shareDepartureSheet', 'shareDepartureSheet', [departureId]);
  expect(
    shared.added === started.added,
    `shareDepartureSheet put ${shared.added} of ${started.added} cases on the sheet`,
  );
  const answered = therapistAnswers(hub);
  const synced = b.measure<{ updated: number }>('syncDepartureSheet', 'syncDepartureSheet', [departureId]);
  expect(synced.updated === answered, `syncDepartureSheet copied ${synced.updated} of ${answered} answers`);

  const batch = opts.noticeBatch ?? 100;
  hub.emu.mail.setQuota(batch);
  hub.emu.mail.resetQuota();
  const notices = b.measure<{ emails: number; remaining: number }>('sendDepartureNotices', 'sendDepartureNotices', [
    departureId,
    {},
  ]);
  expect(
    notices.emails > 0 && (notices.emails === batch || notices.remaining === 0),
    `sendDepartureNotices sent ${notices.emails} emails of a batch of ${batch}`,
  );
  hub.emu.mail.setQuota(1500);

  // The nightly run as its trigger starts it: the handler checks the event names one of the project's triggers.
  hub.call('installNightlyTrigger');
  const nightly = hub.emu.triggers.list().find((t) => t.handler === 'runNightly');
  hub.runner.advanceClock(NIGHT);
  const night = b.measure<{ complete: boolean; openCases: number; failures: unknown[] }>(
    'runNightly',
    'runNightly',
    [timeDrivenEvent(hub.emu.kernel.now(), nightly?.uid ?? 'none')],
    { trigger: true },
  );
  expect(night.complete && night.openCases > 0, `runNightly was incomplete: ${JSON.stringify(night.failures)}`);
  hub.runner.advanceClock('2026-11-27T14:00:00.000Z');
  b.measure('refreshDashboard', 'refreshDashboard', []);

  const cases = hub.rows('Reassignments');
  const departureCases = cases.filter((c) => c['Departure ID'] === departureId);
  const target = completable(hub, departureCases);
  hub.emu.sheets.setSelection(hub.hubId, 'Reassignments', `A${cases.findIndex((c) => c.Ref === target.ref) + 2}`);
  const selected = b.measure<{ ref: string | null }>('getSelectedCase', 'getSelectedCase', [], { user: hub.csr });
  expect(selected.ref === target.ref, `getSelectedCase found ${String(selected.ref)}, not ${target.ref}`);
  b.measure('getCaseView', 'getCaseView', [target.ref], { user: hub.csr });
  b.measure(
    'logContact',
    'logContact',
    [target.ref, { channel: 'call', outcome: 'reached', note: 'Prefers Tuesday evenings.' }],
    { user: hub.csr },
  );
  const request = b.measure<{ ref: string }>(
    'requestReassignment',
    'requestReassignment',
    [{ clientId: clientWithoutOpenCase(hub, cases), reason: 'Schedule conflict', details: 'Needs evenings.' }],
    { user: hub.csr },
  );
  expect(/^R-\d+$/.test(request.ref), 'requestReassignment opened no case');
  const done = b.measure<{ emails: { outcome: string }[] }>(
    'completeReassignment',
    'completeReassignment',
    [
      target.ref,
      {
        newClinician: target.clinician,
        nextSession: '2026-12-08T17:30',
        contactVerified: true,
        insuranceVerified: true,
        portalDocsComplete: true,
        ...(target.medicaid ? { omhcDate: '2026-11-20' } : {}),
      },
    ],
    { user: hub.csr },
  );
  expect(
    done.emails.filter((e) => e.outcome === 'sent').length === 3,
    `completeReassignment sent ${JSON.stringify(done.emails)}`,
  );

  const missing = OPERATIONS.filter((op) => !b.measurements.some((m) => m.op === op));
  expect(missing.length === 0, `not measured: ${missing.join(', ')}`);
  return {
    clients: practiceSize,
    cases: hub.rows('Reassignments').length,
    departureCases: departureCases.length,
    measurements: b.measurements,
    compileMs: hub.runner.compileMs,
  };
}

/** A benchmark that measured a refusal or a no-op would mislead: stop with what went wrong. */
function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`Benchmark scenario: ${what}`);
}

class Bench {
  readonly measurements: Measurement[] = [];
  /** Methods the emulator counts as data calls (the counters only total them). */
  private readonly dataMethods = new Set<string>();

  constructor(private readonly hub: Hub) {
    const kernel = hub.emu.kernel;
    const invoke = kernel.invoke.bind(kernel);
    kernel.invoke = <T>(method: string, cost: CallCost, impl: () => T): T => {
      if (cost.data) this.dataMethods.add(method);
      return invoke(method, cost, impl);
    };
  }

  /** One execution: a sidebar call (JSON arguments, as google.script.run sends them) or a trigger firing. */
  measure<T = unknown>(
    op: OperationName,
    fn: string,
    args: unknown[],
    opts: { user?: string; trigger?: boolean } = {},
  ): T {
    const user = opts.user ?? this.hub.admin;
    const cpu = process.cpuUsage();
    const r: RunResult = opts.trigger
      ? this.hub.runner.run(fn, args, { user })
      : this.hub.runner.run(fn, [], { user, argsJson: JSON.stringify(args) });
    const used = process.cpuUsage(cpu);
    if (!r.ok)
      throw new Error(`Benchmark scenario: ${op} failed at ${this.hub.practice.clients.length} clients: ${r.error}`);
    this.measurements.push(measurementOf(op, r, (used.user + used.system) / 1000, this.dataMethods));
    return r.result as T;
  }
}

function measurementOf(op: OperationName, r: RunResult, cpuMs: number, dataMethods: Set<string>): Measurement {
  const c: Counters = r.counters;
  return {
    op,
    data: c.data,
    total: c.total,
    cellsRead: c.cellsRead,
    cellsWritten: c.cellsWritten,
    cellsSearched: c.cellsSearched,
    dataByMethod: Object.fromEntries(Object.entries(c.byMethod).filter(([m]) => dataMethods.has(m))),
    byMethod: { ...c.byMethod },
    gridGrowth: c.byMethod['Sheet.insertRowsAfter'] ?? 0,
    emails: c.byMethod['MailApp.sendEmail'] ?? 0,
    virtualS: r.elapsedMs / 1000,
    cpuMs,
    loadMs: r.loadMs,
  };
}

/**
 * The departing therapist fills her sheet in, as one paste: a preference on
 * every row, her recommended clinician on every other row, a note on every
 * fifth. Returns the rows she answered.
 */
function therapistAnswers(hub: Hub): number {
  const file = hub.emu.sheets.all().find((s) => s.id !== hub.hubId);
  if (!file) throw new Error('Benchmark scenario: shareDepartureSheet made no transition sheet');
  const { values } = hub.emu.sheets.peek(file.id, 'Clients');
  const header = values.findIndex((row) => row.some((v) => String(v).trim() === 'Ref'));
  const col = (h: string): number => values[header].findIndex((v) => String(v).trim() === h);
  const pref = col('Preference');
  if (pref < 0 || col('Recommended Clinician') !== pref + 1 || col('Notes') !== pref + 2) {
    throw new Error(
      'Benchmark scenario: the transition sheet no longer has Preference, Recommended Clinician and Notes side by side',
    );
  }
  const recommended = hub.practice.clinicians[1].Name;
  const rows = values
    .slice(header + 1)
    .map((_, i) =>
      i % 2 === 0
        ? ['Reassign to recommended clinician', recommended, i % 5 === 0 ? 'Prefers mornings.' : '']
        : ['Client will choose', '', i % 5 === 0 ? 'Asked about telehealth.' : ''],
    );
  if (rows.length) {
    byHandOn(hub.emu, file.id, (ss) =>
      ss
        .getSheetByName('Clients')!
        .getRange(header + 2, pref + 1, rows.length, 3)
        .setValues(rows),
    );
  }
  return rows.length;
}

interface Target {
  ref: string;
  clinician: string;
  medicaid: boolean;
}

/** The first departure case whose client the wizard can match with a clinician. */
function completable(hub: Hub, departureCases: Record<string, unknown>[]): Target {
  for (const c of departureCases.slice(0, 20)) {
    const client = hub.runner.callAsClient<{ medicaid: boolean; matches: { name: string }[] }>(
      'getRequestClient',
      [c['Client ID']],
      { user: hub.csr },
    );
    if (client.matches.length)
      return { ref: String(c.Ref), clinician: client.matches[0].name, medicaid: client.medicaid };
  }
  throw new Error('Benchmark scenario: none of the first twenty departure cases has a matching clinician');
}

/** An Active client with no open case, for a new request. */
function clientWithoutOpenCase(hub: Hub, cases: Record<string, unknown>[]): string {
  const open = new Set(cases.filter((c) => !isTerminal(String(c.Status))).map((c) => String(c['Client ID'])));
  const client = hub.practice.clients.find((c) => c.Status === 'Active' && !open.has(c['Client ID']));
  if (!client) throw new Error('Benchmark scenario: every Active client already has an open case');
  return client['Client ID'];
}
