/**
 * The playground in a real browser: the menu built by onOpen, the grid
 * (edits fire onEdit), the Settings panel (errors, busy state, keyboard),
 * the outbox, the triggers panel and the clock, and the therapist's view.
 */
import { startHarness, type Harness } from './harness';

describe('the playground in the browser', () => {
  let hx: Harness;
  let departureId = '';
  beforeAll(async () => {
    hx = await startHarness();
  }, 120000);
  afterAll(async () => {
    await hx?.close();
  });

  /** A departure with cases, started as the admin would (the Departures panel has its own browser test). */
  const ensureDeparture = (): string => {
    if (departureId) return departureId;
    const therapist = hx.records('Clinicians')[0];
    const r = hx.pg.runner.callAsClient<{ departureId: string }>(
      'startDeparture',
      [{ clinician: therapist.Name, noticeDate: '2026-11-23', lastDay: '2026-12-18' }],
      { user: hx.people.admin },
    );
    departureId = r.departureId;
    return departureId;
  };

  it('shows the Handoff menu onOpen built, with admin-only items hidden from a CSR', async () => {
    await hx.page.locator('#menubar .menu-button', { hasText: 'Handoff' }).click();
    const adminItems = await hx.page.locator('#menubar [role="menuitem"]').allTextContents();
    expect(adminItems).toEqual(expect.arrayContaining(['Open sidebar', 'Import client roster…', 'Set up workbook']));
    await hx.screenshot('menu-admin');
    await hx.page.keyboard.press('Escape');

    await hx.switchUser(hx.people.csr);
    await hx.page.locator('#menubar .menu-button', { hasText: 'Handoff' }).click();
    const csrItems = await hx.page.locator('#menubar [role="menuitem"]').allTextContents();
    expect(csrItems).toContain('Open sidebar');
    expect(csrItems).not.toContain('Set up workbook');
    await hx.page.locator('#menubar .menu-button', { hasText: 'Handoff' }).click();
    await hx.switchUser(hx.people.admin);
  });

  it('opens the sidebar on Departures for a transition manager and on Case for a CSR, with only the panels their role allows', async () => {
    await hx.clickMenu('Handoff', 'Open sidebar');
    let sidebar = await hx.sidebar();
    expect(await sidebar.locator('#nav button[aria-current="page"]').textContent()).toBe('Departures');
    expect(await sidebar.locator('#nav button').allTextContents()).toEqual([
      'Departures',
      'Case',
      'New request',
      'Import',
      'Settings',
    ]);
    await hx.screenshotSidebar('sidebar-admin-start');

    await hx.switchUser(hx.people.csr);
    await hx.clickMenu('Handoff', 'Open sidebar');
    sidebar = await hx.sidebar();
    expect(await sidebar.locator('#nav button[aria-current="page"]').textContent()).toBe('Case');
    expect(await sidebar.locator('#nav button').allTextContents()).not.toContain('Settings');
    await hx.switchUser(hx.people.admin);
  });

  it('runs a menu item and shows what it reported (Set up workbook on a set-up hub)', async () => {
    const toasts = hx.pg.emu.sheets.ui.toasts.length;
    await hx.clickMenu('Handoff', 'Set up workbook');
    await hx.page.waitForSelector('#notices .notice');
    const shown = hx.pg.emu.sheets.ui.toasts.slice(toasts);
    expect(shown).toHaveLength(1);
    expect(await hx.page.locator('#notices .notice').last().textContent()).toContain(
      `${shown[0].title}: ${shown[0].message}`,
    );
    await hx.screenshot('menu-set-up');
  });

  it('stamps Last Updated and Updated By when a case row is edited in the grid (onEdit)', async () => {
    ensureDeparture();
    await hx.reload();
    await hx.openTab('Reassignments');
    const notes = hx.cell(2, 'Notes');
    await notes.dblclick();
    await notes.locator('input').fill('Prefers evening sessions');
    await notes.locator('input').press('Enter');
    await hx.page.waitForFunction(
      () =>
        document.querySelector('#grid tr[data-row="2"] td[data-col="Notes"]')?.textContent ===
        'Prefers evening sessions',
    );
    const row = hx.records('Reassignments')[0];
    expect(row.Notes).toBe('Prefers evening sessions');
    expect(row['Updated By']).toBe(hx.people.admin);
    expect(row['Last Updated']).not.toBe('');
    expect(await hx.cell(2, 'Updated By').textContent()).toBe(hx.people.admin);
    await hx.screenshot('grid-edit-on-edit');
  });

  it('offers a dropdown where the column has a list rule and a checkbox where it has a checkbox rule', async () => {
    await hx.openTab('Reassignments');
    const status = hx.cell(2, 'Status').locator('select');
    await expect(status.count()).resolves.toBe(1);
    expect(await status.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['New', 'Reassigned', 'Unresponsive']),
    );
    await status.selectOption('Contacting');
    await hx.page.waitForFunction(
      () =>
        (document.querySelector('#grid tr[data-row="2"] td[data-col="Status"] select') as HTMLSelectElement | null)
          ?.value === 'Contacting',
    );
    expect(hx.records('Reassignments')[0].Status).toBe('Contacting');
    await expect(hx.cell(2, 'Contact Verified').locator('input[type="checkbox"]').count()).resolves.toBe(1);
  });

  it('selects the clicked row in the spreadsheet, so panels that follow the selection see it', async () => {
    await hx.openTab('Reassignments');
    await hx.cell(2, 'Client Name').click();
    await hx.page.waitForSelector('#grid tr[data-row="2"].selected');
    const hub = hx.pg.emu.sheets.get(hx.pg.meta.hubId) as unknown as { selection: { box: { r: number } } | null };
    await hx.page.waitForFunction(() => true);
    expect(hub.selection?.box.r).toBe(2);
  });

  it("saves settings from the Settings panel, showing the server's message for a wrong value and a busy state while saving", async () => {
    await hx.clickMenu('Handoff', 'Open sidebar');
    const sidebar = await hx.sidebarPanel('Settings');
    const hour = sidebar.getByLabel('Nightly Hour');
    await hour.fill('25');
    await hour.press('Enter');
    await sidebar.waitForSelector('#error:not([hidden])');
    expect(await sidebar.locator('#error').textContent()).toMatch(/Nightly Hour must be an hour of the day.*"25"/);
    expect(await sidebar.locator('#error').getAttribute('role')).toBe('alert');
    await hx.screenshot('settings-error');
    await hx.screenshotSidebar('sidebar-settings-error');

    // Slow the server down to see the busy state: buttons disabled and a spinner text.
    await hx.page.route('**/api/run', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await hour.fill('3');
    await hour.press('Enter');
    await sidebar.waitForSelector('#app.busy');
    expect(await sidebar.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect(await sidebar.locator('#status').textContent()).toBe('Saving settings…');
    await sidebar.waitForSelector('#app:not(.busy)');
    await hx.page.unroute('**/api/run');
    expect(await sidebar.locator('#status').textContent()).toBe('Saved: Nightly Hour.');
    expect(await sidebar.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(false);
    expect(await sidebar.locator('#error').isHidden()).toBe(true);
    const setting = hx.records('Settings').find((r) => r.Setting === 'Nightly Hour');
    expect(setting?.Value).toBe('3');
    const log = hx.records('Log');
    expect(log[log.length - 1].Action).toBe('Settings saved');
    await hx.screenshot('settings-saved');
    await hx.screenshotSidebar('sidebar-settings-saved');
  });

  it('labels every control of the sidebar and shows focus for keyboard users', async () => {
    const sidebar = await hx.sidebarPanel('Settings');
    const unlabelled = await sidebar.$$eval(
      'input, select, textarea',
      (els) =>
        els.filter((el) => {
          const id = el.id;
          const label = id ? document.querySelector(`label[for="${id}"]`) : null;
          return !label && !el.getAttribute('aria-label') && !el.closest('label');
        }).length,
    );
    expect(unlabelled).toBe(0);
    await sidebar.locator('#nav button').first().focus();
    const outline = await sidebar.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    expect(await sidebar.locator('#status').getAttribute('aria-live')).toBe('polite');
  });

  it('lists every email sent in the outbox and shows its body in a sandboxed frame', async () => {
    const id = ensureDeparture();
    hx.pg.runner.callAsClient('sendDepartureNotices', [id, {}], { user: hx.people.admin });
    await hx.reload();
    await hx.page.waitForSelector('#outbox tr.mail');
    const sent = hx.pg.emu.mail.outbox;
    expect(await hx.page.locator('#outbox tr.mail').count()).toBe(sent.length);
    const first = hx.page.locator('#outbox tr.mail').first();
    await first.click();
    const frame = hx.page.locator('#mail-frame');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const shownId = Number(await first.getAttribute('data-mail'));
    const body = hx.page.frameLocator('#mail-frame').locator('body');
    await body.waitFor();
    expect((await body.textContent())?.length).toBeGreaterThan(0);
    expect(await first.textContent()).toContain(sent[shownId].subject);
    await hx.screenshot('outbox');
  });

  it('runs a trigger now from the triggers panel and jumps the clock to the next night, firing the nightly run', async () => {
    hx.pg.runner.callAsClient('installNightlyTrigger', [], { user: hx.people.admin });
    await hx.reload();
    await hx.page.waitForSelector('#triggers tr[data-trigger="runNightly"]');
    const logBefore = hx.records('Log').length;
    await hx.page.locator('#triggers tr[data-trigger="runNightly"] button.run-now').click();
    await hx.page.waitForSelector('#notices .notice:has-text("Ran runNightly: ok")');
    expect(hx.records('Log').length).toBeGreaterThan(logBefore);

    const before = hx.pg.emu.kernel.now();
    await hx.page.locator('#next-night').click();
    await hx.page.waitForSelector('#notices .notice:has-text("Triggers fired: runNightly")');
    const now = new Date(hx.pg.emu.kernel.now());
    expect(now.getTime()).toBeGreaterThan(before);
    const hour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(now),
    );
    expect(hour).toBe(3); // the Nightly Hour saved in the Settings test
    await hx.screenshot('triggers-next-night');
  });

  it('shows a therapist only the transition spreadsheet shared with them', async () => {
    const id = ensureDeparture();
    hx.pg.runner.callAsClient('shareDepartureSheet', [id], { user: hx.people.admin });
    const therapist = hx.people.therapists[0];
    await hx.switchUser(therapist.email);
    const books = await hx.page.locator('#book option').allTextContents();
    expect(books.some((b) => /\(hub\)/.test(b))).toBe(false);
    expect(books.length).toBe(1);
    await hx.page.waitForSelector('#grid');
    const headers = await hx.page.locator('#grid tr.header-row th[data-col]').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Ref', 'Client Name', 'Preference']));
    expect(headers).not.toContain('Insurance');
    await hx.screenshot('therapist-view');
    await hx.switchUser(hx.people.admin);
  });
  it('runs Handoff ▸ Check this installation in its dialog: a table where every probe passed, the google.script.run round trip included', async () => {
    await hx.clickMenu('Handoff', 'Check this installation');
    const handle = await hx.page.waitForSelector('#dialog:not([hidden]) #dialog-frame', { timeout: 15000 });
    const dialog = await handle.contentFrame();
    if (!dialog) throw new Error('The check dialog has no document.');
    await dialog.getByLabel(/a colleague's address/).fill(hx.people.csr);
    await dialog.getByRole('button', { name: 'Run the check' }).click();
    await dialog.waitForSelector('#results table', { timeout: 30000 });
    const rows = dialog.locator('#results tbody tr');
    const results = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.children[0]?.textContent ?? '', tr.children[1]?.textContent ?? '']),
    );
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter(([, status]) => status !== 'passed' && status !== 'cannot run')).toEqual([]);
    expect(results).toContainEqual(['google.script.run round trip', 'passed']);
    expect(results).toContainEqual(['one email to you', 'cannot run']);
    expect(await dialog.locator('.summary').textContent()).toMatch(/probes that could run passed/);
    await hx.screenshot('platform-check');
    await hx.page.locator('#close-dialog').click();
    expect(hx.pageErrors).toEqual([]);
  });
});
