/**
 * The playground in a real browser: the menu built by onOpen, the grid
 * (edits fire onEdit), the Settings panel (errors, busy state, keyboard),
 * the outbox, the triggers panel and the clock, and the therapist's view.
 */
import { colLetters } from '../../dev/emulator/spreadsheet/a1';
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

  it("shows only the hub's own tabs (no leftover Sheet1), and keeps the top bar on one line at 1,400 px", async () => {
    const tabs = await hx.page.locator('#tabs button').allTextContents();
    expect(tabs).not.toContain('Sheet1');
    expect(tabs).toEqual(expect.arrayContaining(['Reassignments', 'Clients', 'Settings']));
    await hx.page.setViewportSize({ width: 1400, height: 900 });
    const bar = await hx.page.locator('header.top').evaluate((el) => {
      const tops = [...el.children].map((c) => c.getBoundingClientRect().top);
      return { height: el.getBoundingClientRect().height, spread: Math.max(...tops) - Math.min(...tops) };
    });
    // Controls of one line differ by a few pixels of centring; a wrapped bar puts some 30 px lower.
    expect(bar.spread).toBeLessThan(20);
    expect(bar.height).toBeLessThan(56);
    await hx.page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('works the Handoff menu from the keyboard: arrows move, Escape closes and returns to the button', async () => {
    const button = hx.page.locator('#menubar .menu-button', { hasText: 'Handoff' });
    await button.focus();
    await hx.page.keyboard.press('ArrowDown');
    const items = hx.page.locator('#menubar [role="menuitem"]');
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    const focused = (): Promise<string | null> => hx.page.evaluate(() => document.activeElement?.textContent ?? null);
    expect(await focused()).toBe(await items.first().textContent());
    await hx.page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(await items.nth(1).textContent());
    await hx.page.keyboard.press('End');
    expect(await focused()).toBe(await items.last().textContent());
    await hx.page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(await items.first().textContent());
    await hx.page.keyboard.press('Escape');
    await expect(hx.page.locator('#menubar .menu-items').first().isHidden()).resolves.toBe(true);
    expect(await hx.page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);
    // Enter on an item runs it.
    await hx.page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(await items.last().textContent());
    await hx.page.keyboard.press('Escape');
  });

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
    // The error shows beside the field typed in (not at the top of a 1,900-px form), is announced, and the field is marked.
    const message = await hx.waitMessage(sidebar, /Nightly Hour must be an hour of the day/);
    expect(message).toMatch(/Nightly Hour must be an hour of the day.*"25"/);
    expect(await sidebar.locator('#alert').getAttribute('role')).toBe('alert');
    expect(await sidebar.locator('#alert').textContent()).toBe(message);
    expect(await hour.getAttribute('aria-invalid')).toBe('true');
    const near = await sidebar.evaluate(() => {
      const field = document.querySelector('input[name="Nightly Hour"]')!.getBoundingClientRect();
      const msg = document.querySelector('[data-role="feedback"]')!.getBoundingClientRect();
      return { gap: msg.top - field.bottom, inView: msg.bottom <= window.innerHeight && msg.top >= 0 };
    });
    expect(near.inView).toBe(true);
    expect(near.gap).toBeLessThan(80);
    await hx.screenshot('settings-error');
    await hx.screenshotSidebar('sidebar-settings-error');

    // Save at the bottom of the long form: the answer shows there, in view.
    await hour.fill('26');
    await sidebar.locator('[data-action="save"]').click();
    await hx.waitMessage(sidebar, /"26"/);
    const bottom = await sidebar.evaluate(() => {
      const save = document.querySelector('[data-action="save"]')!.getBoundingClientRect();
      const msg = document.querySelector('[data-role="feedback"]')!.getBoundingClientRect();
      return { gap: msg.top - save.bottom, inView: msg.bottom <= window.innerHeight + 1 && msg.top >= 0 };
    });
    expect(bottom.inView).toBe(true);
    expect(bottom.gap).toBeLessThan(40);

    // Slow the server down to see the busy state: buttons disabled and a spinner text.
    await hx.page.route('**/api/run', async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await hour.fill('3');
    await hour.press('Enter');
    await sidebar.waitForSelector('#app.busy');
    expect(await sidebar.locator('[data-action="save"]').isDisabled()).toBe(true);
    expect(await sidebar.locator('#status').textContent()).toBe('Saving settings…');
    // The spinner and its words are beside the field, where the eye is.
    expect(await sidebar.locator('[data-role="feedback"] .fb-progress').textContent()).toBe('Saving settings…');
    await sidebar.waitForSelector('#app:not(.busy)');
    await hx.page.unroute('**/api/run');
    expect(await hx.waitMessage(sidebar, /Saved/)).toBe('Saved: Nightly Hour.');
    expect(await sidebar.locator('#status').textContent()).toBe('Saved: Nightly Hour.');
    expect(await sidebar.locator('[data-action="save"]').isDisabled()).toBe(false);
    expect(await hour.getAttribute('aria-invalid')).toBeNull();
    // Focus stays where the work is, not on the page.
    expect(await sidebar.evaluate(() => document.activeElement !== document.body)).toBe(true);
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

  it('colours the rows a conditional format rule marks, as Sheets draws them (Flag starting "Overdue")', async () => {
    ensureDeparture();
    hx.pg.runner.callAsClient('runNightlyFromMenu', [], { user: hx.people.admin });
    const cases = hx.records('Reassignments');
    const header = hx.pg.emu.sheets.peek(hx.pg.meta.hubId, 'Reassignments').values[0].map(String);
    const flag = colLetters(header.indexOf('Flag') + 1);
    hx.pg.emu.sheets.userEdit(hx.pg.meta.hubId, 'Reassignments', `${flag}3`, 'Overdue 3 days', hx.people.admin);
    hx.pg.emu.sheets.userEdit(hx.pg.meta.hubId, 'Reassignments', `${flag}4`, 'Phone only', hx.people.admin);
    expect(cases.length).toBeGreaterThan(2);
    await hx.reload();
    await hx.openTab('Reassignments');
    const backgrounds = (row: number): Promise<(string | null)[]> =>
      hx.page.$$eval(`#grid tr[data-row="${row}"] td`, (tds) => tds.map((td) => td.getAttribute('data-background')));
    expect(new Set(await backgrounds(3))).toEqual(new Set(['#fce8e6']));
    expect((await backgrounds(4)).every((b) => b === null)).toBe(true);
    const painted = await hx.cell(3, 'Client Name').evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(painted).toBe('rgb(252, 232, 230)');
    await hx.screenshot('grid-conditional-colours');
  });

  it("draws the Dashboard's embedded charts from the data their ranges hold", async () => {
    ensureDeparture();
    hx.pg.runner.callAsClient('refreshDashboard', [], { user: hx.people.admin });
    await hx.reload();
    await hx.openTab('Dashboard');
    const book = hx.pg.emu.sheets.get(hx.pg.meta.hubId) as unknown as {
      sheetByName(n: string): { charts: { options: { title?: string } }[] };
    };
    const charts = book.sheetByName('Dashboard').charts;
    expect(charts.length).toBeGreaterThan(0);
    const drawn = hx.page.locator('#charts svg.chart');
    await expect(drawn.count()).resolves.toBe(charts.length);
    expect(await drawn.first().getAttribute('data-chart')).toBe(charts[0].options.title);
    expect(await drawn.first().locator('rect').count()).toBeGreaterThan(2);
    expect(await drawn.first().getAttribute('role')).toBe('img');
    await hx.screenshot('dashboard-charts');
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
    // She has no add-on menu or sidebar there: the page does not tell her to use one.
    expect(await hx.page.locator('#menubar .menu-button').count()).toBe(0);
    expect(await hx.page.locator('#open-sidebar').isHidden()).toBe(true);
    expect(await hx.page.locator('#sidebar-empty').textContent()).toMatch(/^Your transition sheet has no add-on menu/);
    expect(await hx.page.locator('#sidebar-empty').textContent()).not.toMatch(/Handoff menu/);
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

  it('draws only the rows in view of a 5,000-row Clients tab, and the last row when scrolled there', async () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `V${String(i + 1).padStart(5, '0')},Vera${i},Volume,vera${i}@mail.example.com,Active`,
    );
    hx.pg.runner.callAsClient(
      'importRoster',
      [`Client ID,First Name,Last Name,Email,Status\r\n${rows.join('\r\n')}\r\n`],
      {
        user: hx.people.admin,
      },
    );
    await hx.reload();
    await hx.openTab('Clients');
    const total = Number(await hx.page.locator('#grid').getAttribute('data-rows'));
    expect(total).toBeGreaterThan(5000);
    expect(await hx.page.locator('#grid tbody tr.data').count()).toBeLessThan(120);
    await hx.page.locator('#grid-wrap').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await hx.page.waitForSelector(`#grid tr[data-row="${total}"]:not(.loading)`);
    expect(await hx.cell(total, 'Client ID').textContent()).toBe('V05000');
    expect(await hx.page.locator('#grid tbody tr.data').count()).toBeLessThan(120);
    // An edit at the bottom refreshes the window in view, not the whole tab.
    const responses: number[] = [];
    hx.page.on('response', (r) => {
      if (r.url().includes('/api/tab')) void r.text().then((t) => responses.push(t.length));
    });
    await hx.cell(total, 'Last Name').dblclick();
    await hx.cell(total, 'Last Name').locator('input').fill('Edited');
    await hx.cell(total, 'Last Name').locator('input').press('Enter');
    await hx.page.waitForFunction(
      (n) => document.querySelector(`#grid tr[data-row="${n}"] td[data-col="Last Name"]`)?.textContent === 'Edited',
      total,
    );
    expect(hx.records('Clients')[total - 2]['Last Name']).toBe('Edited');
    // A window of 200 rows of text is tens of kilobytes; 5,000 rows would be over a megabyte.
    expect(Math.max(...responses)).toBeLessThan(300_000);
    await hx.screenshot('grid-5000-clients');
  });
});
