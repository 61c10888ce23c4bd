/**
 * A run can be killed at any point. For every one of the 40 sends of a batch,
 * killed just before MailApp sends it and just after, then resumed by the
 * continuation trigger and settled by the admin: no email is ever sent twice,
 * and every case ends either sent or marked unconfirmed (never lost).
 */
import {
  NOTICE,
  caseRows,
  continuations,
  duplicates,
  fork,
  noticeHub,
  plainClients,
  records,
  ref,
  sendNotices,
} from '../../../support/email';

const N = 40;
const base = noticeHub(plainClients(N));
const saved = base.emu.save();
const admin = base.admin;

type Kind = 'kill-before' | 'kill-after';
const scenarios: [Kind, number][] = [];
for (const kind of ['kill-before', 'kill-after'] as Kind[]) for (let k = 1; k <= N; k++) scenarios.push([kind, k]);

describe('a batch of 40 killed at one send and resumed', () => {
  it.each(scenarios)('%s send %i: never emails twice, loses no case', (kind, k) => {
    const { emu, runner } = fork(saved);
    emu.kernel.injectFault({ method: 'MailApp.sendEmail', nth: k, kind });

    const killed = sendNotices(runner, admin);
    expect(killed.killed).toBeTruthy();
    const sentBeforeKill = kind === 'kill-after' ? k : k - 1;
    expect(emu.mail.outbox).toHaveLength(sentBeforeKill);
    // The batch was armed before its first send: one continuation is waiting.
    expect(continuations(emu)).toHaveLength(1);

    const resumed = runner.advanceClock(10 * 60 * 1000, { fireTriggers: true });
    expect(resumed.map((r) => r.ok)).toEqual([true]);
    expect(continuations(emu)).toHaveLength(0);
    expect(duplicates(emu)).toEqual([]);
    expect(emu.mail.outbox).toHaveLength(N - 1 + (kind === 'kill-after' ? 1 : 0));

    // Every case is either sent (stamped) or unconfirmed (flagged); exactly the killed one is unconfirmed.
    const cases = caseRows(emu, emu.sheets.activeId() as string);
    const unconfirmed = cases.filter((c) => /unconfirmed/.test(c.Flag));
    expect(unconfirmed.map((c) => c.Ref)).toEqual([ref(k - 1)]);
    for (const c of cases) expect(c['Notice Sent'] !== '' || /unconfirmed/.test(c.Flag)).toBe(true);
    expect(unconfirmed[0]['Notice Sent']).toBe('');
    const log = records(emu, emu.sheets.activeId() as string, 'Log').filter((l) => l.Action === 'Email unconfirmed');
    expect(log.map((l) => l.Ref)).toEqual([ref(k - 1)]);

    // A rerun never resends it either.
    sendNotices(runner, admin);
    expect(emu.mail.outbox).toHaveLength(N - 1 + (kind === 'kill-after' ? 1 : 0));

    // The admin checks the Sent mail and settles it; a not-sent one goes out once on the next run.
    const wasSent = emu.mail.outbox.some((m) => m.to === `client${k}@mail.example.org`);
    expect(wasSent).toBe(kind === 'kill-after');
    const settle = runner.run('resolveUnconfirmed', [ref(k - 1), NOTICE, { sent: wasSent }], { user: admin });
    expect(settle.ok).toBe(true);
    sendNotices(runner, admin);
    expect(emu.mail.outbox).toHaveLength(N);
    expect(duplicates(emu)).toEqual([]);
    const final = caseRows(emu, emu.sheets.activeId() as string);
    expect(final.every((c) => c['Notice Sent'] !== '' && !/unconfirmed/.test(c.Flag))).toBe(true);
    expect(records(emu, emu.sheets.activeId() as string, 'Departures')[0]['Notices Sent']).toBe(String(N));
    expect(continuations(emu)).toHaveLength(0);
  });
});
