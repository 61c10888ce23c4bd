/**
 * The platform check on the emulator: every probe of src/server/platform
 * runs and passes (a probe that fails here fails CI), the check cleans up
 * after itself (the scratch spreadsheet in the trash, no trigger, property or
 * cache entry left, the hub's tabs untouched but one Log row, no email but
 * the one the caller asked for), and a probe made to fail — an emulator
 * switched to strip the apostrophe of a Plain-text cell, a service that
 * throws — is reported with what was expected and what came back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createEmulator } from '../../dev/emulator/index';
import { Runner } from '../../dev/emulator/runner';
import type { CheckReport } from '../../src/server/platform/check';
import { CLEANUP, PROBES } from '../../src/server/platform/probes';
import { DIST, ensureBuilt, Hub, HUB_TIME_ZONE, newHub } from '../support/hub';

const NAMES = [...PROBES.map((p) => p.name), CLEANUP.name];

/** The check as the dialog runs it: the sample fetched, then sent back with the options. */
function runFromDialog(hub: Hub, options: Record<string, unknown> = {}, user = hub.admin): CheckReport {
  const roundTrip = hub.callAs<unknown>(user, 'getPlatformCheckSample');
  return hub.callAs<CheckReport>(user, 'runPlatformCheck', { roundTrip, ...options });
}

const statusOf = (report: CheckReport, name: string): string | undefined =>
  report.results.find((r) => r.probe === name)?.status;
const notPassed = (report: CheckReport): unknown[] => report.results.filter((r) => r.status !== 'passed');

/** Everything the check must leave as it was, the hub's tabs but Log included. */
function leftBehind(hub: Hub): Record<string, string> {
  const { books, ...ui } = hub.emu.sheets.toJSON();
  const hubBook = books.find((b) => b.id === hub.hubId);
  const tabs = (hubBook?.sheets ?? []).map((s) => ({ name: String(s.meta.name), s }));
  const parts: Record<string, unknown> = {
    ...Object.fromEntries(tabs.filter((t) => t.name !== 'Log').map((t) => [`tab ${t.name}`, t.s])),
    ui: ui.ui.menus,
    triggers: hub.emu.triggers.list().map((t) => t.uid),
    document: hub.emu.properties.get('document'),
    user: hub.emu.properties.get('user', hub.admin),
    script: hub.emu.properties.get('script'),
    untrashed: hub.emu.sheets
      .all()
      .filter((b) => b.id !== hub.hubId && !hub.emu.internal.drive.isTrashed(b.id))
      .map((b) => b.name),
  };
  // Compared part by part, so a difference names the part (the tabs are long).
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, JSON.stringify(v)]));
}

describe('the platform check on the emulator', () => {
  let hub: Hub;
  beforeAll(() => {
    hub = newHub({ clients: 6 });
  });

  it('runs every probe of the list, and every one passes', () => {
    const report = runFromDialog(hub, { shareWith: hub.csr, emailMe: true });
    expect(report.results.map((r) => r.probe)).toEqual(NAMES);
    expect(notPassed(report)).toEqual([]);
    expect(report).toMatchObject({ passed: NAMES.length, failed: 0, cannotRun: 0 });
    expect(report.message).toBe(`All ${NAMES.length} probes that could run passed.`);
  });

  it('cleans up after itself: only a Log row and the one email asked for remain', () => {
    const before = leftBehind(hub);
    const logRows = hub.rows('Log').length;
    const outbox = hub.emu.mail.outbox.length;
    const report = runFromDialog(hub, { shareWith: hub.csr, emailMe: true });
    expect(report.failed).toBe(0);
    expect(leftBehind(hub)).toEqual(before);
    const scratch = hub.emu.sheets.all().filter((b) => b.id !== hub.hubId);
    expect(scratch.length).toBeGreaterThan(0);
    expect(scratch.every((b) => hub.emu.internal.drive.isTrashed(b.id))).toBe(true);
    expect(scratch.every((b) => !b.editors.includes(hub.csr))).toBe(true);
    const log = hub.rows('Log').slice(logRows);
    expect(log).toEqual([expect.objectContaining({ Action: 'Check this installation', User: hub.admin })]);
    expect(log[0].Details).toBe(`${NAMES.length} passed, 0 failed, 0 could not run`);
    const sent = hub.emu.mail.outbox.slice(outbox);
    expect(sent.map((m) => m.to)).toEqual([hub.admin]);
    expect(sent[0].body).toContain('PASSED  text stays text in a Plain-text column');
  });

  it('sends no email at all unless asked, and says what could not run without counting it as failed', () => {
    const outbox = hub.emu.mail.outbox.length;
    const report = hub.call<CheckReport>('runPlatformCheck');
    expect(hub.emu.mail.outbox.length).toBe(outbox);
    expect(report.failed).toBe(0);
    expect(report.results.filter((r) => r.status === 'cannot run').map((r) => [r.probe, r.got])).toEqual([
      ['sharing and unsharing a spreadsheet', 'no second address to share with was given'],
      ['google.script.run round trip', expect.stringContaining('needs the dialog')],
      ['one email to you', expect.stringContaining('not asked for')],
    ]);
    expect(report.message).toBe(
      `All ${NAMES.length - 3} probes that could run passed. 3 could not run here (not counted as failed).`,
    );
  });

  it('with the day’s email quota spent, the email cannot run and the quota probe still passes', () => {
    hub.emu.mail.setQuota(0);
    try {
      const report = runFromDialog(hub, { emailMe: true });
      expect(statusOf(report, 'one email to you')).toBe('cannot run');
      expect(statusOf(report, 'the daily email quota')).toBe('passed');
      expect(report.failed).toBe(0);
    } finally {
      hub.emu.mail.resetQuota();
    }
  });

  it('reports a probe made to fail, with what was expected and what came back, and still cleans up', () => {
    const before = leftBehind(hub);
    hub.emu.sheets.platform.plainTextApostrophe = 'dropped';
    let report: CheckReport;
    try {
      report = runFromDialog(hub);
    } finally {
      hub.emu.sheets.platform.plainTextApostrophe = 'kept';
    }
    const failed = report.results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.probe)).toEqual(['text stays text in a Plain-text column']);
    expect(failed[0].expected).toContain(`"'quoted"`);
    expect(failed[0].got).toContain(`"quoted"`);
    expect(failed[0].got).not.toContain(`"'quoted"`);
    expect(report.failed).toBe(1);
    expect(report.message).toMatch(/^1 of \d+ probes failed: text stays text in a Plain-text column\. Send this table/);
    expect(statusOf(report, CLEANUP.name)).toBe('passed');
    expect(leftBehind(hub)).toEqual(before);
    expect(hub.rows('Log').at(-1)?.Details).toMatch(/, 1 failed, .*; failed: text stays text in a Plain-text column$/);
  });

  it('reports a service that throws as a failure of its probe, and undoes what that probe made', () => {
    const before = leftBehind(hub);
    const roundTrip = hub.call<unknown>('getPlatformCheckSample');
    // A fault lasts one execution: the check's own.
    hub.emu.kernel.injectFault({ method: 'ScriptApp.deleteTrigger', nth: 1, kind: 'throw', message: 'Service error' });
    const report = hub.call<CheckReport>('runPlatformCheck', { roundTrip });
    const line = report.results.find((r) => r.probe === 'a one-off time-driven trigger');
    expect(line).toMatchObject({ status: 'failed', got: 'error: Service error' });
    expect(report.failed).toBe(1);
    expect(leftBehind(hub)).toEqual(before);
  });

  it('is for the transition manager once the hub has one', () => {
    expect(() => hub.callAs(hub.csr, 'runPlatformCheck')).toThrow(/needs a transition manager \(Admin Emails\)/);
  });

  it('is on the Handoff menu for the admin, and opens its dialog', () => {
    hub.runner.open({ user: hub.admin });
    const r = hub.runner.clickMenu('Handoff', 'Check this installation');
    expect(r.ok).toBe(true);
    const dialog = hub.emu.sheets.ui.dialogs.at(-1);
    expect(dialog).toMatchObject({ kind: 'modal', title: 'Caseload Handoff: Check this installation' });
    expect(dialog?.html).toContain('Run the check');
  });
});

describe('the platform check in a published Editor add-on', () => {
  it('says the one-off trigger cannot run beside the nightly run (one time-driven trigger per user per document), and passes the rest', () => {
    const hub = newHub({ clients: 4, deployment: 'addon' });
    hub.call('installNightlyTrigger');
    const triggers = hub.emu.triggers.list().map((t) => t.uid);
    const report = runFromDialog(hub, { shareWith: hub.csr });
    const line = report.results.find((r) => r.probe === 'a one-off time-driven trigger');
    expect(line).toMatchObject({ status: 'cannot run', got: expect.stringContaining('nightly run') });
    expect(report.failed).toBe(0);
    expect(hub.emu.triggers.list().map((t) => t.uid)).toEqual(triggers);
  });
});

describe('runPlatformCheck without the hub (clasp run)', () => {
  it('is a top-level function of dist/Code.js', () => {
    ensureBuilt();
    expect(fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8')).toMatch(/^function runPlatformCheck\(/m);
  });

  it("runs with no spreadsheet open: the hub's properties and lock cannot run, the rest passes", () => {
    ensureBuilt();
    const owner = 'developer@practice.example';
    const emu = createEmulator({ users: { owner }, scriptTimeZone: HUB_TIME_ZONE });
    const r = new Runner(emu, { distDir: DIST }).run('runPlatformCheck');
    expect(r.error).toBeUndefined();
    const report = r.result as CheckReport;
    expect(report.failed).toBe(0);
    expect(report.results.filter((x) => x.status === 'cannot run').map((x) => x.probe)).toEqual([
      'sharing and unsharing a spreadsheet',
      'document properties',
      'the document lock',
      'google.script.run round trip',
      'one email to you',
    ]);
    expect(emu.sheets.all().every((b) => emu.internal.drive.isTrashed(b.id))).toBe(true);
    expect(r.logs.join('\n')).toContain('PASSED  a one-off time-driven trigger');
  });
});
