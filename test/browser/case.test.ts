/**
 * The Case panel in a real browser, as a CSR works: it follows the row
 * selected in the Reassignments grid, shows the next step of the cadence as
 * the one primary action with the rest behind "Other actions", asks before a
 * step out of order or repeated, shows each result beside the action (in
 * view, focused) with times on the hub's clock, keeps a half-written note
 * when the selection moves, and never lets a long name widen the sidebar.
 */
import type { Frame } from 'playwright-core';
import { startHarness, type Harness } from './harness';

describe('the Case panel in the browser', () => {
  let hx: Harness;
  let refs: string[] = [];
  const LONG_NAME = `${'Maximiliana'.repeat(45)}-Long`;

  beforeAll(async () => {
    hx = await startHarness();
    // The departure is started as the admin would; this test is about the CSR's screen.
    const therapist = hx.records('Clinicians')[0];
    hx.pg.runner.callAsClient(
      'startDeparture',
      [{ clinician: therapist.Name, noticeDate: '2026-11-23', lastDay: '2026-12-18' }],
      { user: hx.people.admin },
    );
    refs = hx.records('Reassignments').map((r) => r.Ref);
    // The first case's client can be emailed and texted, so every follow-up step is on offer.
    const clientId = hx.records('Reassignments')[0]['Client ID'];
    const clientRow = hx.records('Clients').findIndex((c) => c['Client ID'] === clientId) + 2;
    const clientHeaders = hx.pg.emu.sheets.peek(hx.pg.meta.hubId, 'Clients').values[0].map(String);
    const set = (header: string, value: string): void => {
      const at = clientHeaders.indexOf(header);
      if (at >= 0)
        hx.pg.emu.sheets.userEdit(
          hx.pg.meta.hubId,
          'Clients',
          `${String.fromCharCode(65 + at)}${clientRow}`,
          value,
          hx.people.admin,
        );
    };
    set('Email', 'first.client@mail.example.com');
    set('Phone', '555-010-0101');
    set('Email OK', 'TRUE');
    set('Text OK', 'TRUE');
    // The transition manager sends the notices: the CSR's work starts with Call 1.
    hx.pg.runner.callAsClient('sendDepartureNotices', ['D-0001', {}], { user: hx.people.admin });
    // A 500-character name on the third case: the sidebar must wrap it, not widen.
    const header = hx.pg.emu.sheets.peek(hx.pg.meta.hubId, 'Reassignments').values[0].map(String);
    const col = String.fromCharCode(65 + header.indexOf('Client Name'));
    hx.pg.emu.sheets.userEdit(hx.pg.meta.hubId, 'Reassignments', `${col}4`, LONG_NAME, hx.people.admin);
    await hx.page.addInitScript(() => {
      (window as unknown as { __xss?: unknown }).__xss = undefined;
    });
    await hx.page.reload();
    await hx.page.waitForSelector('#menubar .menu-button');
    await hx.switchUser(hx.people.csr);
  }, 120000);
  afterAll(async () => {
    await hx?.close();
  });

  const heading = async (): Promise<string> => {
    const sidebar = await hx.sidebar();
    return (await sidebar.locator('[data-role="head"] h2').first().textContent()) ?? '';
  };
  const showing = async (sidebar: Frame, ref: string): Promise<void> => {
    await sidebar.waitForFunction(
      (r) => document.querySelector('[data-role="head"] h2')?.textContent?.startsWith(r),
      ref,
      { timeout: 10000 },
    );
  };
  /** Whether an element of the sidebar is inside the frame's visible 1000-px window. */
  const inView = (sidebar: Frame, selector: string): Promise<boolean> =>
    sidebar.evaluate((sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return !!r && r.bottom > 0 && r.top < window.innerHeight;
    }, selector);

  it('opens on the Case panel for a CSR and follows the row selected on the Reassignments tab', async () => {
    await hx.clickMenu('Handoff', 'Open sidebar');
    const sidebar = await hx.sidebar();
    await sidebar.waitForSelector('#panel h1:text-is("Case")');
    await hx.openTab('Reassignments');
    await hx.cell(2, 'Client Name').click();
    await showing(sidebar, refs[0]);
    const first = hx.records('Reassignments')[0];
    expect(await heading()).toBe(`${first.Ref} · ${first['Client Name']}`);
    const attempts = await sidebar.locator('[data-role="attempts"] tbody td:first-child').allTextContents();
    expect(attempts).toEqual(['Notice Sent', 'Call 1', 'Call 2', 'Follow-up Email', 'Follow-up Text', 'Reached']);
    await hx.screenshotSidebar('case-panel');
  });

  it('offers the next step as the one primary action and keeps everything else behind Other actions', async () => {
    const sidebar = await hx.sidebar();
    expect(await sidebar.locator('[data-role="head"] [data-role="next"]').textContent()).toBe('Call 1');
    expect(await sidebar.locator('[data-role="primary"] h3').textContent()).toMatch(
      /^Log Call 1 \(due \d+\/\d+\/2026\)$/,
    );
    // At Call 1 the follow-up email and the text are not on show: they are other actions, folded away.
    expect(await sidebar.locator('[data-role="others"]').getAttribute('open')).toBeNull();
    expect(await sidebar.locator('[data-action="send-email"]').isVisible()).toBe(false);
    expect(await sidebar.locator('[data-action="text-sent"]').isVisible()).toBe(false);
    // One note box for every action.
    expect(await sidebar.locator('textarea:not([readonly])').count()).toBe(1);
  });

  it('logs a call with one click: the result shows beside the next step, in view and focused, in the sheet format', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel(/^Note \(optional/).fill('No answer, no voicemail box');
    await sidebar.locator('[data-role="primary"] [data-action="call-no-answer"]').click();
    const message = await hx.waitMessage(sidebar, /Call 1: no answer/);
    expect(message).toMatch(/^R-\d+: Call 1: no answer\. Next: Call 2 \(due 11\/25\/2026\)\.$/);
    const row = hx.records('Reassignments').find((r) => r.Ref === refs[0])!;
    expect(row['Call 1']).toBe('11/23/2026');
    expect(row.Status).toBe('Contacting');
    expect(row['Updated By']).toBe(hx.people.csr);
    expect(await inView(sidebar, '[data-role="feedback"] .fb-message')).toBe(true);
    expect(await sidebar.evaluate(() => document.activeElement?.classList.contains('fb-message'))).toBe(true);
    expect(await sidebar.locator('[data-role="head"] [data-role="due"]').textContent()).toBe(' · due 11/25/2026');
    // Logged at 9:00 AM in New York; the browser is in Honolulu (4:00 AM): the note shows the hub's clock.
    expect(await sidebar.locator('[data-role="history"] li').first().textContent()).toMatch(
      /^11\/23\/2026 9:0\d AM · csr@clinic\.example\.com · Call: Call 1: no answer\. No answer, no voicemail box$/,
    );
    expect(await sidebar.getByLabel(/^Note \(optional/).inputValue()).toBe('');
  });

  it('asks before logging Call 2 seconds after Call 1, and logs nothing when told no', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.locator('[data-role="primary"] [data-action="call-voicemail"]').click();
    const question = sidebar.locator('[data-role="question"]');
    await question.waitFor();
    expect(await question.textContent()).toContain(
      'Call 1 was logged on 11/23/2026; Call 2 is due 11/25/2026. Log Call 2 now?',
    );
    expect(await sidebar.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('confirm');
    await hx.screenshotSidebar('case-ask-call-2');
    await hx.page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    expect(hx.records('Reassignments').find((r) => r.Ref === refs[0])!['Call 2']).toBe('');

    await sidebar.locator('[data-role="primary"] [data-action="call-voicemail"]').click();
    await sidebar.locator('[data-role="question"] [data-action="confirm"]').click();
    await hx.waitMessage(sidebar, /Call 2: left a voicemail/);
    expect(hx.records('Reassignments').find((r) => r.Ref === refs[0])!['Call 2']).toBe('11/23/2026');
  });

  it('after two calls offers the follow-ups as the next step, and asks before a third call or a second text', async () => {
    const sidebar = await hx.sidebar();
    expect(await sidebar.locator('[data-role="head"] [data-role="next"]').textContent()).toBe(
      'Send follow-up email and text',
    );
    await sidebar.locator('[data-role="others"] summary').click();
    await sidebar.locator('[data-role="others"] [data-action="call-no-answer"]').click();
    expect(await sidebar.locator('[data-role="question"]').textContent()).toMatch(
      /are already logged\. Log another call\?/,
    );
    await sidebar.locator('[data-role="question"] [data-action="cancel"]').click();

    const text = sidebar.locator('[data-role="primary"] [data-role="text-message"]');
    expect(await text.count()).toBe(1);
    expect(await text.inputValue()).toMatch(/^Hi .+, this is .+\. We have been trying to reach you/);
    await sidebar.locator('[data-role="primary"] [data-action="copy-text"]').click();
    await hx.waitMessage(sidebar, /Text message copied/);
    await sidebar.locator('[data-role="primary"] [data-action="text-sent"]').click();
    await hx.waitMessage(sidebar, /Follow-up text message sent/);
    await sidebar.locator('[data-role="others"] summary').click();
    await sidebar.locator('[data-role="others"] [data-action="text-sent"]').click();
    expect(await sidebar.locator('[data-role="question"]').textContent()).toMatch(
      /A follow-up text was already logged on 11\/23\/2026/,
    );
    await sidebar.locator('[data-role="question"] [data-action="cancel"]').click();
  });

  it('says an empty note is empty beside the note box, and puts the cursor there', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.locator('[data-action="add-note"]').click();
    expect(await hx.waitMessage(sidebar, /Write the note first/)).toBe('Write the note first: it is empty.');
    const note = sidebar.getByLabel(/^Note \(optional/);
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await sidebar.evaluate(() => document.activeElement?.getAttribute('data-role'))).toBe('note-box');
    // The message sits right after the note field, not at the top of the panel.
    const gap = await sidebar.evaluate(() => {
      const box = document.querySelector('[data-role="note-box"]')!.getBoundingClientRect();
      const msg = document.querySelector('[data-role="feedback"]')!.getBoundingClientRect();
      return msg.top - box.bottom;
    });
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(30);
  });

  it('keeps the compact header in view while the panel scrolls', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const top = await sidebar.evaluate(() => document.querySelector('[data-role="head"]')!.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(5);
    await sidebar.evaluate(() => window.scrollTo(0, 0));
  });

  it('keeps a half-written note when another row is selected, and switches only when asked', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel(/^Note \(optional/).fill('Client asked us to call after 5');
    await hx.cell(3, 'Client Name').click();
    await sidebar.waitForSelector('[data-role="pending"] [data-action="switch"]', { timeout: 10000 });
    expect(await heading()).toMatch(new RegExp(`^${refs[0]} `));
    expect(await sidebar.getByLabel(/^Note \(optional/).inputValue()).toBe('Client asked us to call after 5');
    await sidebar.locator('[data-role="pending"] [data-action="switch"]').click();
    await showing(sidebar, refs[1]);
  });

  it("adds a note as text, and closes a case with a CSR's choices only, after asking", async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel(/^Note \(optional/).fill('<img src=x onerror="(window.top||window).__xss=1">');
    await sidebar.locator('[data-action="add-note"]').click();
    await hx.waitMessage(sidebar, /note added/);
    expect(await sidebar.locator('[data-role="history"] li').first().textContent()).toContain('<img src=x onerror=');
    await expect(sidebar.locator('#panel img').count()).resolves.toBe(0);

    await sidebar.locator('[data-role="others"] summary').click();
    const options = await sidebar.locator('select[name="close-status"] option').allTextContents();
    expect(options).toEqual(['Choose…', 'Referred out', 'Discharged']);
    await sidebar.locator('select[name="close-status"]').selectOption('Referred out');
    expect(await sidebar.locator('[data-role="close-warning"]').textContent()).toBe('No email is sent.');
    await sidebar.locator('[data-action="close"]').click();
    expect(await sidebar.locator('[data-role="question"]').textContent()).toContain(
      `Close ${refs[1]} as Referred out?`,
    );
    await sidebar.locator('[data-role="question"] [data-action="confirm"]').click();
    await hx.waitMessage(sidebar, /closed as Referred out/);
    expect(hx.records('Reassignments').find((r) => r.Ref === refs[1])?.Status).toBe('Referred out');
    expect(await sidebar.locator('[data-role="hint"]').textContent()).toBe(`${refs[1]} is closed.`);
  });

  it('wraps a 500-character name instead of widening the 300-pixel sidebar', async () => {
    const sidebar = await hx.sidebar();
    await hx.cell(4, 'Client Name').click();
    await showing(sidebar, refs[2]);
    const width = await sidebar.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(300);
    expect(await heading()).toContain(LONG_NAME);
    await hx.screenshotSidebar('case-long-name');
  });

  it('hands a case to the request wizard with the client and case already chosen', async () => {
    const sidebar = await hx.sidebar();
    await hx.cell(4, 'Client Name').click();
    await showing(sidebar, refs[2]);
    await sidebar.locator('[data-role="others"] summary').click();
    await sidebar.locator('[data-action="complete"]').first().click();
    const progress = sidebar.locator('.wizard-progress');
    await progress.waitFor({ timeout: 10000 });
    expect(await progress.textContent()).toMatch(new RegExp(`^Step 2 of 6 · .* · ${refs[2]}$`));
  });

  it('ran clean: no script error, and no markup from the workbook ran', async () => {
    const flags = await Promise.all(
      hx.page
        .frames()
        .map((f) => f.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => 'frame gone')),
    );
    expect(flags.filter((f) => f !== undefined && f !== 'frame gone')).toEqual([]);
    expect(hx.pageErrors).toEqual([]);
  });
});
