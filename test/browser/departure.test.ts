/**
 * The Departures panel in a real browser: the menu item opens the start
 * form, the transition manager starts a departure, shares the therapist's
 * sheet (and opens its local copy from the link), walks the notices view
 * (every case's send state, the HTML preview in a sandboxed frame, dry run,
 * the count in the question, a live progress bar), syncs the sheet back,
 * and closes the departure out with its summary.
 */
import { startHarness, type Harness } from './harness';

describe('the Departures panel in the browser', () => {
  let hx: Harness;
  let therapist: { name: string; email: string };

  beforeAll(async () => {
    // Enough clients that the therapist leaving has a batch the progress bar can be seen moving through.
    hx = await startHarness({ clients: 160 });
    const active = hx.records('Clients').filter((c) => c.Status === 'Active');
    // The therapist with the most Active clients, so every step has cases to work on.
    therapist = [...hx.people.therapists].sort(
      (a, b) =>
        active.filter((c) => c.Clinician === b.name).length - active.filter((c) => c.Clinician === a.name).length,
    )[0];
  }, 120000);
  afterAll(async () => {
    await hx?.close();
  });

  it('opens on the start form from the menu and starts a departure', async () => {
    await hx.clickMenu('Handoff', 'Start therapist departure…');
    const sidebar = await hx.sidebar();
    await sidebar.waitForSelector('#panel h1:text-is("Departures")');
    await sidebar.getByLabel('Departing clinician').selectOption(therapist.email);
    await sidebar.getByLabel('Notice received').fill('2026-11-16');
    await sidebar.getByLabel('Last day').fill('2026-12-18');
    await sidebar.getByRole('button', { name: 'Start departure' }).click();
    await sidebar.waitForSelector('.start-form .result');
    const message = await sidebar.locator('.start-form .result').textContent();
    const listed = hx.records('Reassignments').filter((c) => c['Previous Clinician'] === therapist.name);
    expect(listed.length).toBeGreaterThan(0);
    expect(message).toContain(`D-0001: ${listed.length} client`);
    const card = sidebar.locator('.card[data-departure="D-0001"]');
    await card.waitFor();
    expect(await card.locator('.next-action').textContent()).toContain('Share the list with the therapist');
    expect(await card.locator('[data-count="clients"] strong').textContent()).toBe(String(listed.length));
    await hx.screenshot('departure-started');
  });

  it("shares the therapist's sheet and then asks for the notices", async () => {
    const sidebar = await hx.sidebar();
    await sidebar
      .locator('.card[data-departure="D-0001"]')
      .getByRole('button', { name: 'Share with therapist' })
      .click();
    await sidebar.waitForSelector('.departure-detail .result a');
    const url = hx.records('Departures')[0]['Transition Sheet URL'];
    expect(url).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//);
    expect(await sidebar.locator('.departure-detail .result a').getAttribute('href')).toBe(url);
    await sidebar.waitForFunction(() =>
      /Send notices/.test(document.querySelector('.card[data-departure="D-0001"] .next-action')?.textContent ?? ''),
    );
  });

  it("opens the therapist's sheet from its link as the local copy, not a docs.google.com address", async () => {
    const sidebar = await hx.sidebar();
    await sidebar.locator('.card[data-departure="D-0001"] [data-role="sheet-link"]').click();
    await hx.page.waitForFunction(() =>
      /^Transition – /.test(document.querySelector('#book option:checked')?.textContent ?? ''),
    );
    expect(hx.page.url()).toBe(hx.pg.url);
    await hx.page.waitForSelector('#grid td[data-col="Client Name"]');
    await hx.screenshot('departure-therapist-sheet');
    await hx.page.selectOption('#book', hx.pg.meta.hubId);
  });

  it('lists every case with its send state, and previews the HTML notice in a frame that can run nothing', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.locator('.card[data-departure="D-0001"]').getByRole('button', { name: 'Notices…' }).click();
    await sidebar.waitForSelector('.notices .notice-list');
    const cases = hx.records('Reassignments').filter((c) => c['Departure ID'] === 'D-0001');
    // All the departure's cases, each with its state; filters by state.
    await sidebar.locator('[data-filter="all"]').click();
    const states = await sidebar
      .locator('.notice-list [data-state]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toHaveLength(cases.length);
    for (const s of states) expect(['to send', 'skipped', 'sent', 'flagged', 'unconfirmed']).toContain(s);
    const skipped = await sidebar.locator('.notice-list [data-state="skipped"] .secondary').allTextContents();
    for (const why of skipped) expect(why).toMatch(/\.$/);
    await sidebar.locator('[data-filter="to send"]').click();
    const toSend = await sidebar.locator('.notice-list [data-state]').count();
    expect(toSend).toBe(states.filter((s) => s === 'to send').length);

    const frame = sidebar.locator('.notice-preview iframe.preview-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.evaluate((f) => (f as HTMLIFrameElement).srcdoc)) ?? '';
    expect(srcdoc).toContain('Content-Security-Policy');
    expect(srcdoc).not.toMatch(/<script/i);
    const body = sidebar.frameLocator('.notice-preview iframe.preview-frame').locator('body');
    expect(await body.textContent()).toContain(therapist.name);
    // The client gets HTML: paragraphs, not a plain-text box.
    expect(await sidebar.frameLocator('.notice-preview iframe.preview-frame').locator('p').count()).toBeGreaterThan(1);
    await hx.screenshotSidebar('departure-notices-view');
  });

  it('dry-runs without spending the quota, asks with the count, then sends with a live progress bar', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByRole('button', { name: 'Dry run' }).click();
    await sidebar.waitForSelector('.notice-report .result');
    expect(await sidebar.locator('.notice-report').textContent()).toContain('Dry run');
    expect(await sidebar.locator('.notice-report').textContent()).toMatch(/of the 1,500 left today/);
    expect(hx.pg.emu.mail.outbox).toHaveLength(0);
    await hx.screenshot('departure-dry-run');

    const toSend = await sidebar.locator('.notice-list [data-state="to send"]').count();
    // Record every value the bar shows while the batch runs.
    await sidebar.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __bar: number[] }).__bar = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress.send-progress') as HTMLProgressElement | null;
        if (
          bar &&
          !document.querySelector('.notice-progress')?.hasAttribute('hidden') &&
          seen[seen.length - 1] !== bar.value
        )
          seen.push(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await sidebar.getByRole('button', { name: new RegExp(`^Send ${toSend} notices?…$`) }).click();
    const question = sidebar.locator('[data-role="question"]');
    expect(await question.textContent()).toMatch(
      new RegExp(`^Send ${toSend} notices? now, in \\d+ emails?\\? 1,500 emails are left today\\.`),
    );
    await question.locator('[data-action="confirm"]').click();
    await sidebar.waitForFunction(() => /Notified/.test(document.querySelector('.notice-report')?.textContent ?? ''));
    const seen = await sidebar.evaluate(() => (window as unknown as { __bar: number[] }).__bar);
    // The bar moved more than once before the batch was done, and ended full.

    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[seen.length - 1]).toBe(toSend);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const sent = hx.records('Reassignments').filter((c) => c['Notice Sent'] !== '').length;
    expect(await hx.message(sidebar)).toMatch(new RegExp(`^Notified ${sent} cases? of D-0001`));
    expect(sent).toBeGreaterThan(0);
    expect(hx.pg.emu.mail.outbox.length).toBeGreaterThan(0);
    await sidebar.waitForFunction(
      (n) =>
        document.querySelector('.card[data-departure="D-0001"] [data-count="notices sent"] strong')?.textContent ===
        String(n),
      sent,
    );
    await hx.screenshot('departure-notices-sent');
  });

  it("syncs the therapist's preferences back and says how many changed", async () => {
    const sidebar = await hx.sidebar();
    await sidebar.locator('.card[data-departure="D-0001"]').getByRole('button', { name: 'Sync preferences' }).click();
    await sidebar.waitForFunction(() =>
      /D-0001: 0 updated, 0 flagged/.test(document.querySelector('.departure-detail')?.textContent ?? ''),
    );
  });

  it('marks the close-out moment: every case closed, then Close out and what became of the clients', async () => {
    const cases = hx.records('Reassignments').filter((c) => c['Departure ID'] === 'D-0001');
    const [last, ...rest] = cases;
    rest.forEach((c, i) =>
      hx.pg.runner.callAsClient('closeCase', [c.Ref, { status: i % 2 ? 'Referred out' : 'Discharged' }], {
        user: hx.people.admin,
      }),
    );
    // The last one closed by typing its Status in the sheet: the departure waits for its close-out.
    const header = hx.pg.emu.sheets.peek(hx.pg.meta.hubId, 'Reassignments').values[0].map(String);
    const row = hx.records('Reassignments').findIndex((c) => c.Ref === last.Ref) + 2;
    hx.pg.emu.sheets.userEdit(
      hx.pg.meta.hubId,
      'Reassignments',
      `${String.fromCharCode(65 + header.indexOf('Status'))}${row}`,
      'Discharged',
      hx.people.admin,
    );
    await hx.page.locator('#close-sidebar').click();
    await hx.clickMenu('Handoff', 'Open sidebar');
    const sidebar = await hx.sidebar();
    const ready = sidebar.locator('.card[data-departure="D-0001"] [data-role="ready-to-close"]');
    await ready.waitFor();
    const discharged = 1 + rest.filter((_, i) => i % 2 === 0).length;
    const referred = cases.length - discharged;
    expect(await ready.textContent()).toContain('Every case is closed');
    await ready.getByRole('button', { name: 'Close out' }).click();
    const summary = sidebar.locator('[data-role="close-out-summary"]');
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain(`D-0001 · ${therapist.name}: ${cases.length} cases`);
    expect(text).toContain(`${discharged} Discharged`);
    if (referred) expect(text).toContain(`${referred} Referred out`);
    expect(await hx.message(sidebar)).toBe('Complete: D-0001.');
    expect(hx.records('Departures')[0].Status).toBe('Complete');
    expect(await sidebar.locator('details.completed [data-role="outcomes"]').textContent()).toContain(
      `Complete: ${cases.length} cases`,
    );
    await hx.screenshotSidebar('departure-close-out');
    expect(hx.pageErrors).toEqual([]);
  });
});
