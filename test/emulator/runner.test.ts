/**
 * The Runner executes a project as Apps Script does: a fresh context per
 * execution with only ECMAScript builtins and the Apps Script globals, files
 * in push order, the 6-minute limit, kills that lose unflushed writes,
 * google.script.run's value rules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Runner, pushOrder } from '../../dev/emulator/runner';
import { FIXTURES, fixtureRunner, thrown } from './helpers';
import { expectProbePasses } from './probes';

function withHub(f: ReturnType<typeof fixtureRunner>) {
  const ss = f.emu.sheets.create('Hub');
  f.emu.sheets.setActive(ss.id);
  f.emu.sheets.seed(ss.id, 'Data', [
    ['Ref', 'Status'],
    ['R-000001', 'New'],
  ]);
  return ss.id;
}

describe('the sandbox', () => {
  it('holds none of node or the browser: no require, process, setTimeout, URL, TextEncoder, fetch, structuredClone, window, Buffer, global', () => {
    const { runner } = fixtureRunner();
    const kinds = runner.call<Record<string, string>>('sandboxGlobals');
    expect(Object.entries(kinds).filter(([, t]) => t !== 'undefined')).toEqual([]);
    expect(Object.keys(kinds)).toEqual(
      expect.arrayContaining([
        'require',
        'process',
        'setTimeout',
        'URL',
        'TextEncoder',
        'fetch',
        'structuredClone',
        'window',
        'Buffer',
        'global',
      ]),
    );
  });

  it('starts every execution from a fresh context: globals set by one run are gone in the next', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('bump')).toBe(1);
    expect(runner.call('bump')).toBe(1);
  });

  it('hands service errors to the script as its own Error, named Exception', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('errorShape')).toEqual({
      isError: true,
      name: 'Exception',
      message: 'Invalid email: not-an-address',
      text: 'Exception: Invalid email: not-an-address',
    });
  });

  it("hands out Dates of the script's own Date class, reading the virtual clock", () => {
    const { emu, runner } = fixtureRunner({ now: '2026-03-02T14:00:00Z' });
    expect(runner.call('serviceDateIsADate')).toEqual({ isDate: true, iso: '2026-03-02T14:30:00.000Z' });
    expect(runner.call('nowIso')).toBe(new Date(emu.kernel.now()).toISOString());
  });

  it('reports the error of a function that throws, with its message', () => {
    const { runner } = fixtureRunner();
    const r = runner.run('failWith', ['No departure D-9 on the Departures tab.']);
    expect(r).toMatchObject({ ok: false, error: 'No departure D-9 on the Departures tab.' });
    expect(r.killed).toBeUndefined();
    expect(thrown(() => runner.call('failWith', 'boom'))).toBe('boom');
  });

  it('names a function the project lacks as the platform does', () => {
    const { runner } = fixtureRunner();
    expect(runner.run('noSuchFunction').error).toBe('Script function not found: noSuchFunction');
  });

  it('finishes an async function before the execution ends', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('asyncAnswer')).toBe(21);
  });

  it('returns what the execution logged', () => {
    const { runner } = fixtureRunner();
    const r = runner.run('logSomething');
    expect(r.result).toBe('count is 3\n');
    expect(r.logs).toEqual(['count is 3', 'plain words', 'careful']);
    expect(r.logEntries.map((l) => l.level)).toEqual(['info', 'log', 'warn']);
  });
});

describe('the virtual clock', () => {
  it('advances by each service call’s latency, and the run reports its calls', () => {
    const { emu, runner } = fixtureRunner();
    const r = runner.run('sendOne', ['client@example.org', 'Hello']);
    expect(r.elapsedMs).toBe(emu.kernel.latency.sendEmailMs + emu.kernel.latency.otherCallMs);
    expect(r.counters.byMethod).toEqual({ 'MailApp.sendEmail': 1, 'MailApp.getRemainingDailyQuota': 1 });
    expect(r.counters.total).toBe(2);
  });

  it('advances by the time Utilities.sleep sleeps, as the script sees it', () => {
    const { emu, runner } = fixtureRunner();
    expect(runner.call('sleepFor', 5000)).toBe(5000 + emu.kernel.latency.otherCallMs);
  });
});

describe('the execution time limit and kills', () => {
  it('kills a script looping on service calls at 6 minutes with "Exceeded maximum execution time", losing its unflushed writes', () => {
    const f = fixtureRunner();
    const id = withHub(f);
    const r = f.runner.run('writeThenSleepForever', ['Data', 'B2', 'Reached']);
    expect(r).toMatchObject({
      ok: false,
      killed: 'Exceeded maximum execution time',
      error: 'Exceeded maximum execution time',
    });
    expect(r.elapsedMs).toBeGreaterThan(6 * 60 * 1000);
    expect(r.elapsedMs).toBeLessThan(6 * 60 * 1000 + 10000);
    expect(f.emu.sheets.peek(id, 'Data').values[1][1]).toBe('New');
  });

  it('keeps the writes of an execution that ends normally', () => {
    const f = fixtureRunner();
    const id = withHub(f);
    expect(f.runner.call('writeCell', 'Data', 'B2', 'Reached')).toBe('written');
    expect(f.emu.sheets.peek(id, 'Data').values[1][1]).toBe('Reached');
  });

  it('does not let the script catch its way past the kill', () => {
    const { runner } = fixtureRunner();
    const r = runner.run('sleepAndSwallowTheKill');
    expect(r.ok).toBe(false);
    expect(r.result).toBeUndefined();
    expect(r.killed).toBe('Exceeded maximum execution time');
  });

  it('stops a loop that makes no service call by a real-time guard, reported as the time limit', () => {
    const { runner } = fixtureRunner();
    expect(runner.run('spinForever').killed).toBe('Exceeded maximum execution time');
  });

  it('stops a simple trigger at 30 seconds', () => {
    const { runner } = fixtureRunner();
    const r = runner.run('sleepForever', [], { authMode: 'LIMITED' });
    expect(r.killed).toBe('Exceeded maximum execution time');
    expect(r.elapsedMs).toBeGreaterThan(30000);
    expect(r.elapsedMs).toBeLessThan(32000);
  });
});

describe('fault injection', () => {
  it('throws at the k-th call of a method, and the script goes on', () => {
    const { emu, runner } = fixtureRunner();
    emu.kernel.injectFault({
      method: 'MailApp.sendEmail',
      nth: 2,
      kind: 'throw',
      message: 'Service unavailable: Gmail',
    });
    expect(runner.call('sendEach', ['a@example.org', 'b@example.org', 'c@example.org'])).toEqual({
      sent: 2,
      failures: ['Service unavailable: Gmail'],
    });
    expect(emu.mail.outbox.map((m) => m.to)).toEqual(['a@example.org', 'c@example.org']);
  });

  it('applies faults to the next execution only', () => {
    const { emu, runner } = fixtureRunner();
    emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'throw' });
    runner.run('sendEach', [['a@example.org']]);
    expect(runner.call('sendEach', ['b@example.org'])).toEqual({ sent: 1, failures: [] });
  });

  it('a kill before the k-th send leaves no email and none of the execution’s writes', () => {
    const f = fixtureRunner();
    const id = withHub(f);
    f.emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'kill-before' });
    const r = f.runner.run('writeThenSend', ['Data', 'B2', 'Notice sent', 'client@example.org']);
    expect(r.killed).toBe('killed before call 1 of MailApp.sendEmail');
    expect(f.emu.mail.outbox).toEqual([]);
    expect(f.emu.sheets.peek(id, 'Data').values[1][1]).toBe('New');
  });

  it('a kill after the k-th send leaves the email sent but the unflushed write lost', () => {
    const f = fixtureRunner();
    const id = withHub(f);
    f.emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: 1, kind: 'kill-after' });
    const r = f.runner.run('writeThenSend', ['Data', 'B2', 'Notice sent', 'client@example.org']);
    expect(r.killed).toBe('killed after call 1 of MailApp.sendEmail');
    expect(f.emu.mail.outbox.map((m) => m.to)).toEqual(['client@example.org']);
    expect(f.emu.sheets.peek(id, 'Data').values[1][1]).toBe('New');
  });
});

describe('google.script.run (callAsClient)', () => {
  it("carries the API's JSON shapes from the server to the page and back unchanged, as the live probe asserts", () => {
    expectProbePasses('google.script.run round trip');
  });

  it('refuses a Date argument, at any depth, with the client text', () => {
    const { runner } = fixtureRunner();
    expect(thrown(() => runner.callAsClient('describeArgument', [new Date()]))).toBe(
      'Failed due to illegal value in property: 0',
    );
    expect(thrown(() => runner.callAsClient('describeArgument', [{ lastDay: new Date() }]))).toBe(
      'Failed due to illegal value in property: lastDay',
    );
    expect(thrown(() => runner.callAsClient('describeArgument', [{ f: () => 1 }]))).toBe(
      'Failed due to illegal value in property: f',
    );
  });

  it('refuses a circular argument', () => {
    const { runner } = fixtureRunner();
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(thrown(() => runner.callAsClient('describeArgument', [a]))).toBe('Failed due to circular reference.');
  });

  it('drops undefined object fields, turns undefined array items into null, and hands the server objects of its own realm', () => {
    const { runner } = fixtureRunner();
    expect(runner.callAsClient('describeArgument', [{ a: 1, b: undefined, list: [1, undefined] }])).toEqual({
      isArray: false,
      isPlainObject: true,
      keys: ['a', 'list'],
      json: '{"a":1,"list":[1,null]}',
    });
  });

  it('turns a result holding a Date into null', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('returnsADate')).toMatchObject({ label: 'now' });
    expect(runner.callAsClient('returnsADate', [])).toBeNull();
  });

  it('cannot call a private function (name ending in _) or one the project lacks', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('helper_')).toBe('private');
    expect(thrown(() => runner.callAsClient('helper_', []))).toBe('google.script.run.helper_ is not a function');
    expect(thrown(() => runner.callAsClient('nope', []))).toBe('google.script.run.nope is not a function');
  });

  it('throws the server error message to the caller', () => {
    const { runner } = fixtureRunner();
    expect(thrown(() => runner.callAsClient('failWith', ['Only admins can start a departure.']))).toBe(
      'Only admins can start a departure.',
    );
  });

  it('runs as the user given', () => {
    const { runner } = fixtureRunner();
    expect(runner.callAsClient('whoAmI', [], { user: 'csr@practice.example' })).toEqual({
      active: 'csr@practice.example',
      effective: 'csr@practice.example',
    });
  });
});

describe('loading the project', () => {
  it('loads files in clasp push order: filePushOrder first, then the rest alphabetically', () => {
    const { runner } = fixtureRunner({}, 'dist-order');
    expect(runner.call('loadOrder')).toEqual(['C', 'B', 'A']);
  });

  // clasp 3.4.1 (build/src/core/files.js, push): files outside filePushOrder go by localeCompare of their path.
  it('loads in clasp order without a .clasp.json (a fresh clone): by localeCompare, so case does not come first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'push-order-'));
    expect(pushOrder(dir, ['b.js', 'Code.js', 'a.js'])).toEqual(['a.js', 'b.js', 'Code.js']);
  });

  it('reports service calls made at the top level of the bundle', () => {
    const { runner } = fixtureRunner({}, 'dist-toplevel');
    const r = runner.run('zone');
    expect(r.result).toBe('America/New_York');
    expect(r.topLevelCalls).toEqual(['Session.getScriptTimeZone']);
    const clean = fixtureRunner().runner.run('hello', ['x']);
    expect(clean.topLevelCalls).toEqual([]);
    expect(clean.loadMs).toBeGreaterThan(0);
  });

  it('lists the HTML files of the project by name', () => {
    const { runner } = fixtureRunner();
    expect(Object.keys(runner.htmlFiles()).sort()).toEqual(['Part', 'Sidebar']);
    expect(runner.htmlFiles().Part).toBe('<footer>part</footer>\n');
  });

  it('refuses a folder with no built project', () => {
    const { emu } = fixtureRunner();
    expect(() => new Runner(emu, { distDir: path.join(FIXTURES, 'no-such-dist') })).toThrow(/npm run build/);
  });
});
