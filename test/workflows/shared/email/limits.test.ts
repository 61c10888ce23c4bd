/**
 * The daily email quota and the 6-minute execution limit: a batch sends what
 * fits, stops cleanly, reports what is left, and one continuation trigger
 * finishes it (after the quota resets, or a minute later), then removes itself.
 */
import { EXECUTION_LIMIT_MS } from '../../../../dev/emulator/kernel';
import {
  caseRows,
  continuations,
  duplicates,
  fork,
  noticeHub,
  plainClients,
  sendNotices,
} from '../../../support/email';

interface Report {
  sent: number;
  emails: number;
  skipped: number;
  failed: number;
  remaining: number;
  quotaLeft: number;
  continuing: boolean;
  stopped: string | null;
  flagged: unknown[];
  unconfirmed: string[];
  message: string;
}

const DAY = 24 * 60 * 60 * 1000;

describe('the daily quota', () => {
  it('with a quota of 5 for 20 cases: sends 5, reports 15 left cleanly, and finishes after the quota resets', () => {
    const hub = noticeHub(plainClients(20));
    const { emu, runner } = fork(hub.emu.save());
    emu.mail.setQuota(5);
    const first = sendNotices(runner, hub.admin);
    expect(first.ok).toBe(true);
    expect(first.result as Report).toMatchObject({
      sent: 5,
      emails: 5,
      failed: 0,
      skipped: 0,
      remaining: 15,
      quotaLeft: 0,
      continuing: true,
      stopped: 'quota',
      flagged: [],
      unconfirmed: [],
    });
    expect((first.result as Report).message).toMatch(
      /15 left: sending continues automatically after the daily email quota resets/,
    );
    expect(emu.mail.outbox).toHaveLength(5);
    // One continuation, not before the quota resets (midnight in the script's zone).
    const waiting = continuations(emu);
    expect(waiting).toHaveLength(1);
    expect(new Date(waiting[0].nextRunMs as number).toISOString()).toBe('2026-11-27T05:10:00.000Z');
    // Nothing happens while the quota is used up.
    expect(runner.advanceClock(60 * 60 * 1000, { fireTriggers: true })).toEqual([]);

    const perDay: number[] = [];
    for (let day = 0; day < 5 && continuations(emu).length > 0; day++) {
      const before = emu.mail.outbox.length;
      const runs = runner.advanceClock(DAY, { fireTriggers: true });
      expect(runs.every((r) => r.ok)).toBe(true);
      perDay.push(emu.mail.outbox.length - before);
      expect(continuations(emu).length).toBeLessThanOrEqual(1);
    }
    expect(perDay).toEqual([5, 5, 5]);
    expect(emu.mail.outbox).toHaveLength(20);
    expect(duplicates(emu)).toEqual([]);
    expect(continuations(emu)).toHaveLength(0);
    expect(caseRows(emu, hub.hubId).every((c) => c['Notice Sent'] !== '' && c.Status === 'Notice sent')).toBe(true);
  });
});

describe('the execution time limit', () => {
  it('with sends of 20 s each: stops before 6 minutes and finishes through continuation triggers, one at a time', () => {
    const hub = noticeHub(plainClients(40));
    const { emu, runner } = fork(hub.emu.save());
    emu.kernel.latency.overrides['MailApp.sendEmail'] = 20000;

    const first = sendNotices(runner, hub.admin);
    expect(first.ok).toBe(true);
    expect(first.killed).toBeUndefined();
    expect(first.elapsedMs).toBeLessThan(EXECUTION_LIMIT_MS);
    const report = first.result as Report;
    expect(report.stopped).toBe('time');
    expect(report.continuing).toBe(true);
    expect(report.sent).toBeGreaterThan(5);
    expect(report.sent + report.remaining).toBe(40);
    expect(continuations(emu)).toHaveLength(1);

    const elapsed: number[] = [first.elapsedMs];
    for (let step = 0; step < 60 && continuations(emu).length > 0; step++) {
      for (const r of runner.advanceClock(30 * 1000, { fireTriggers: true })) {
        expect(r.ok).toBe(true);
        elapsed.push(r.elapsedMs);
      }
      expect(continuations(emu).length).toBeLessThanOrEqual(1);
      if (emu.mail.outbox.length < 40) expect(continuations(emu)).toHaveLength(1);
    }
    expect(elapsed.length).toBeGreaterThan(2);
    expect(Math.max(...elapsed)).toBeLessThan(EXECUTION_LIMIT_MS);
    expect(emu.mail.outbox).toHaveLength(40);
    expect(duplicates(emu)).toEqual([]);
    expect(continuations(emu)).toHaveLength(0);
    expect(caseRows(emu, hub.hubId).every((c) => c['Notice Sent'] !== '')).toBe(true);
  });

  it('a continuation that finds the workbook busy tries again a minute later instead of failing', () => {
    const hub = noticeHub(plainClients(30));
    const { emu, runner } = fork(hub.emu.save());
    emu.kernel.latency.overrides['MailApp.sendEmail'] = 20000;
    sendNotices(runner, hub.admin);
    const sentFirst = emu.mail.outbox.length;
    emu.locks.holdElsewhere('document', { forMs: 90 * 1000 });
    const runs = runner.advanceClock(61 * 1000, { fireTriggers: true });
    expect(runs).toHaveLength(1);
    expect(runs[0].ok).toBe(true);
    expect(emu.mail.outbox).toHaveLength(sentFirst);
    expect(continuations(emu)).toHaveLength(1);
    for (let step = 0; step < 40 && continuations(emu).length > 0; step++)
      runner.advanceClock(60 * 1000, { fireTriggers: true });
    expect(emu.mail.outbox).toHaveLength(30);
    expect(duplicates(emu)).toEqual([]);
  });

  it("when no continuation trigger can be made (an Editor add-on's one clock trigger per document), reports the rest as left and finishes when sent again", () => {
    const hub = noticeHub(plainClients(30));
    const { emu, runner } = fork(hub.emu.save());
    emu.kernel.latency.overrides['MailApp.sendEmail'] = 20000;
    for (let nth = 1; nth <= 10; nth++) {
      emu.kernel.injectFault({
        method: 'ClockTriggerBuilder.create',
        nth,
        kind: 'throw',
        message: 'This add-on has created too many time-based triggers in this document for this Google user account.',
      });
    }
    const first = sendNotices(runner, hub.admin);
    expect(first.ok).toBe(true);
    const report = first.result as Report;
    expect(report.stopped).toBe('time');
    expect(report.continuing).toBe(false);
    expect(report.remaining).toBeGreaterThan(0);
    expect(report.message).toMatch(/left: send again to finish \(nothing is sent twice\)/);
    expect(continuations(emu)).toHaveLength(0);
    for (let run = 0; run < 5 && emu.mail.outbox.length < 30; run++)
      expect(sendNotices(runner, hub.admin).ok).toBe(true);
    expect(emu.mail.outbox).toHaveLength(30);
    expect(duplicates(emu)).toEqual([]);
  });
});
