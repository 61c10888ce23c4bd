/**
 * The Case panel in a real browser, as a CSR works: it follows the row
 * selected in the Reassignments grid, logs a call, shows the text message to
 * copy, keeps a half-written note when the selection moves, and shows names
 * as text.
 */
import { startHarness, type Harness } from './harness';

describe('the Case panel in the browser', () => {
  let hx: Harness;
  let refs: string[] = [];
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
    return (await sidebar.locator('[data-role="case"] h3').first().textContent()) ?? '';
  };

  it('opens on the Case panel for a CSR and follows the row selected on the Reassignments tab', async () => {
    await hx.clickMenu('Handoff', 'Open sidebar');
    const sidebar = await hx.sidebar();
    await sidebar.waitForSelector('#panel h2:text-is("Case")');
    await hx.openTab('Reassignments');
    await hx.cell(2, 'Client Name').click();
    await sidebar.waitForFunction(
      (ref) => document.querySelector('[data-role="case"] h3')?.textContent?.startsWith(ref),
      refs[0],
      { timeout: 10000 },
    );
    const first = hx.records('Reassignments')[0];
    expect(await heading()).toBe(`${first.Ref} · ${first['Client Name']}`);
    const attempts = await sidebar.locator('[data-role="attempts"] tbody td:first-child').allTextContents();
    expect(attempts).toEqual(['Notice Sent', 'Call 1', 'Call 2', 'Follow-up Email', 'Follow-up Text', 'Reached']);
    await hx.screenshot('case-panel');
  });

  it('logs a call with one click: the grid gets Call 1 and the panel shows the next action', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel('Note about this contact (optional)').fill('No answer, no voicemail box');
    await sidebar.locator('[data-action="call-no-answer"]').click();
    await sidebar.waitForFunction(() => /Call 1: no answer/.test(document.getElementById('status')?.textContent ?? ''));
    const row = hx.records('Reassignments').find((r) => r.Ref === refs[0])!;
    expect(row['Call 1']).toBe('11/23/2026');
    expect(row.Status).toBe('Contacting');
    expect(row['Updated By']).toBe(hx.people.csr);
    expect(await sidebar.locator('[data-role="next"]').textContent()).toMatch(/^Next: Call 2Due 11\/25\/2026/);
    expect(await sidebar.locator('[data-role="history"] li').first().textContent()).toMatch(
      /Call: Call 1: no answer\. No answer, no voicemail box$/,
    );
    // The note box is empty again, ready for the next contact.
    expect(await sidebar.getByLabel('Note about this contact (optional)').inputValue()).toBe('');
  });

  it('shows the follow-up text message, ready to copy', async () => {
    const sidebar = await hx.sidebar();
    const text = await sidebar.locator('[data-role="text-message"]').inputValue();
    expect(text).toMatch(/^Hi .+, this is .+\. We have been trying to reach you/);
    await sidebar.locator('[data-action="copy-text"]').click();
    await sidebar.waitForFunction(() =>
      /Text message copied/.test(document.getElementById('status')?.textContent ?? ''),
    );
  });

  it('keeps a half-written note when another row is selected, and switches only when asked', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel('Interaction note').fill('Client asked us to call after 5');
    await hx.cell(3, 'Client Name').click();
    await sidebar.waitForSelector('[data-role="pending"] [data-action="switch"]', { timeout: 10000 });
    expect(await heading()).toMatch(new RegExp(`^${refs[0]} `));
    expect(await sidebar.getByLabel('Interaction note').inputValue()).toBe('Client asked us to call after 5');
    await sidebar.locator('[data-role="pending"] [data-action="switch"]').click();
    await sidebar.waitForFunction(
      (ref) => document.querySelector('[data-role="case"] h3')?.textContent?.startsWith(ref),
      refs[1],
    );
  });

  it("adds an interaction note, and closes a case with a CSR's choices only", async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel('Interaction note').fill('<img src=x onerror="(window.top||window).__xss=1">');
    await sidebar.locator('[data-action="add-note"]').click();
    await sidebar.waitForFunction(() => /note added/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await sidebar.locator('[data-role="history"] li').first().textContent()).toContain('<img src=x onerror=');
    await expect(sidebar.locator('#panel img').count()).resolves.toBe(0);

    await sidebar.locator('[data-role="close"] summary').click();
    const options = await sidebar.locator('select[name="close-status"] option').allTextContents();
    expect(options).toEqual(['Choose…', 'Referred out', 'Discharged']);
    await sidebar.locator('select[name="close-status"]').selectOption('Referred out');
    expect(await sidebar.locator('[data-role="close-warning"]').textContent()).toBe('No email is sent.');
    await sidebar.locator('[data-action="close"]').click();
    await sidebar.waitForFunction(() =>
      /closed as Referred out/.test(document.getElementById('status')?.textContent ?? ''),
    );
    expect(hx.records('Reassignments').find((r) => r.Ref === refs[1])?.Status).toBe('Referred out');
    expect(await sidebar.locator('[data-role="hint"]').textContent()).toBe(`${refs[1]} is closed.`);
    await hx.screenshot('case-closed');
  });

  it('hands a case to the request wizard with the client and case already chosen', async () => {
    const sidebar = await hx.sidebar();
    await hx.cell(4, 'Client Name').click();
    await sidebar.waitForSelector('[data-role="pending"] [data-action="switch"], [data-action="complete"]', {
      timeout: 10000,
    });
    if (await sidebar.locator('[data-role="pending"] [data-action="switch"]').count())
      await sidebar.locator('[data-role="pending"] [data-action="switch"]').click();
    await sidebar.waitForFunction(
      (ref) => document.querySelector('[data-role="case"] h3')?.textContent?.startsWith(ref),
      refs[2],
      { timeout: 10000 },
    );
    await sidebar.locator('[data-action="complete"]').click();
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
