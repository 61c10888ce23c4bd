/**
 * MailApp / GmailApp contract (developers.google.com/apps-script/reference/mail/mail-app,
 * quotas: developers.google.com/apps-script/guides/services/quotas).
 */
import { emulator, thrown } from './helpers';
import { expectProbePasses } from './probes';

describe('MailApp.sendEmail', () => {
  it('tells the recipients left today as a whole number, and sends one email to the caller, as the live probes assert', () => {
    expectProbePasses('the daily email quota');
    expectProbePasses('one email to you');
  });

  it('sends the (recipient, subject, body) form and records it in the outbox', () => {
    const { emu, g } = emulator();
    g.MailApp.sendEmail('client@example.org', 'Your therapist is leaving', 'Plain body');
    expect(emu.mail.outbox).toHaveLength(1);
    expect(emu.mail.outbox[0]).toMatchObject({
      to: 'client@example.org',
      cc: '',
      bcc: '',
      subject: 'Your therapist is leaving',
      body: 'Plain body',
      htmlBody: '',
      from: emu.users.effective,
      at: '2026-03-02T14:00:00.700Z',
      via: 'MailApp',
    });
  });

  it('sends the options form with cc, bcc, htmlBody, name, replyTo and noReply', () => {
    const { emu, g } = emulator();
    g.MailApp.sendEmail('a@example.org', 'S', 'text', {
      cc: 'b@example.org',
      bcc: 'c@example.org',
      htmlBody: '<p>html</p>',
      name: 'Front Desk',
      replyTo: 'desk@practice.example',
      noReply: true,
    });
    expect(emu.mail.outbox[0]).toMatchObject({
      to: 'a@example.org',
      cc: 'b@example.org',
      bcc: 'c@example.org',
      htmlBody: '<p>html</p>',
      name: 'Front Desk',
      replyTo: 'desk@practice.example',
      noReply: true,
    });
  });

  it('sends the message-object form with attachments', () => {
    const { emu, g } = emulator();
    const blob = g.Utilities.newBlob('a,b\n1,2', 'text/csv', 'list.csv');
    g.MailApp.sendEmail({
      to: 'a@example.org, b@example.org',
      subject: 'S',
      body: 'B',
      htmlBody: '<b>B</b>',
      attachments: [blob],
    });
    expect(emu.mail.outbox[0]).toMatchObject({
      to: 'a@example.org,b@example.org',
      htmlBody: '<b>B</b>',
      attachments: [{ name: 'list.csv', contentType: 'text/csv', size: 7 }],
    });
  });

  it('reads "Name <address>" entries of a recipient list as their addresses', () => {
    const { emu, g } = emulator();
    g.MailApp.sendEmail('Pat Doe <pat@example.org>, "Lee, Sam" <sam@example.org>', 'S', 'B');
    expect(emu.mail.outbox[0].to).toBe('pat@example.org,sam@example.org');
  });

  it('takes one quota unit per recipient across to, cc and bcc', () => {
    const { emu, g } = emulator();
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    g.MailApp.sendEmail({
      to: 'a@example.org,b@example.org',
      cc: 'c@example.org',
      bcc: 'd@example.org',
      subject: 'S',
      body: 'B',
    });
    expect(g.MailApp.getRemainingDailyQuota()).toBe(96);
    expect(emu.mail.remaining()).toBe(96);
  });

  it('refuses a message the remaining quota cannot cover, with the platform text, and sends none of it', () => {
    const { emu, g } = emulator({ mailQuota: 3 });
    g.MailApp.sendEmail('a@example.org', 'S', 'B');
    expect(thrown(() => g.MailApp.sendEmail('b@example.org,c@example.org,d@example.org', 'S', 'B'))).toBe(
      'Service invoked too many times for one day: email.',
    );
    expect(emu.mail.outbox).toHaveLength(1);
    expect(emu.mail.remaining()).toBe(2);
    g.MailApp.sendEmail('b@example.org,c@example.org', 'S', 'B');
    expect(emu.mail.remaining()).toBe(0);
  });

  it('starts the quota afresh on the next day of the script time zone, not before', () => {
    const { emu, g } = emulator({ mailQuota: 1, now: '2026-03-02T14:00:00Z' });
    g.MailApp.sendEmail('a@example.org', 'S', 'B');
    emu.kernel.setNow(Date.parse('2026-03-03T04:59:00Z')); // 23:59 in New York, still March 2nd
    expect(thrown(() => g.MailApp.sendEmail('a@example.org', 'S', 'B'))).toBe(
      'Service invoked too many times for one day: email.',
    );
    emu.kernel.setNow(Date.parse('2026-03-03T05:00:00Z')); // midnight in New York
    expect(g.MailApp.getRemainingDailyQuota()).toBe(1);
    g.MailApp.sendEmail('a@example.org', 'S', 'B');
    expect(emu.mail.outbox).toHaveLength(2);
  });

  it('uses a Workspace-sized quota when configured, and setQuota/resetQuota for tests', () => {
    const { emu } = emulator({ mailQuota: 1500 });
    expect(emu.mail.remaining()).toBe(1500);
    emu.mail.setQuota(2);
    expect(emu.mail.remaining()).toBe(2);
    emu.mail.resetQuota();
    expect(emu.mail.remaining()).toBe(2);
  });

  it('refuses an invalid address with "Invalid email: <address>" and sends nothing to the others', () => {
    const { emu, g } = emulator();
    expect(thrown(() => g.MailApp.sendEmail('good@example.org, not-an-address', 'S', 'B'))).toBe(
      'Invalid email: not-an-address',
    );
    expect(
      thrown(() => g.MailApp.sendEmail({ to: 'good@example.org', cc: 'x@@example.org', subject: 'S', body: 'B' })),
    ).toBe('Invalid email: x@@example.org');
    expect(thrown(() => g.MailApp.sendEmail('pat @example.org', 'S', 'B'))).toBe('Invalid email: pat @example.org');
    expect(emu.mail.outbox).toHaveLength(0);
    expect(emu.mail.remaining()).toBe(100);
  });

  it('refuses a message without any recipient', () => {
    const { g } = emulator();
    expect(thrown(() => g.MailApp.sendEmail({ subject: 'S', body: 'B' }))).toBe('Failed to send email: no recipient');
    expect(thrown(() => g.MailApp.sendEmail('', 'S', 'B'))).toBe('Failed to send email: no recipient');
  });

  it('refuses a call that fits no overload with the platform signature text', () => {
    const { g } = emulator();
    expect(thrown(() => g.MailApp.sendEmail('a@example.org', 'S'))).toBe(
      "The parameters (String,String) don't match the method signature for MailApp.sendEmail.",
    );
  });

  it('sends from the effective user, the account the script runs as', () => {
    const { emu, g } = emulator();
    emu.users.setEffective('nightly@practice.example');
    g.MailApp.sendEmail('a@example.org', 'S', 'B');
    expect(emu.mail.outbox[0].from).toBe('nightly@practice.example');
  });

  it('GmailApp.sendEmail shares the outbox and the daily quota', () => {
    const { emu, g } = emulator({ mailQuota: 2 });
    g.GmailApp.sendEmail('a@example.org', 'S', 'B', { cc: 'b@example.org' });
    expect(emu.mail.outbox[0]).toMatchObject({ via: 'GmailApp', cc: 'b@example.org' });
    expect(thrown(() => g.MailApp.sendEmail('c@example.org', 'S', 'B'))).toBe(
      'Service invoked too many times for one day: email.',
    );
  });

  it('costs the latency of a send on the virtual clock', () => {
    const { emu, g } = emulator();
    const t0 = emu.kernel.now();
    g.MailApp.sendEmail('a@example.org', 'S', 'B');
    expect(emu.kernel.now() - t0).toBe(emu.kernel.latency.sendEmailMs);
  });
});
