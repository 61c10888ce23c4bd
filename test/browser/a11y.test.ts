/**
 * Accessibility in a real browser: axe-core (its default rules: WCAG 2 A and
 * AA, and best practices) on every sidebar panel in the states a person
 * meets them in — a departure, the notices view with its preview and
 * question, a case with its other actions, each step of the request wizard
 * with an error, an import preview, Settings with an error — and on the
 * playground page (menu open, Outbox, Dashboard charts, the therapist's
 * view). Every run must report no violation. After each action focus is on
 * the result or the next field, never dropped to the page.
 */
import type { Frame } from 'playwright-core';
import { axe, startHarness, type AxeViolation, type Harness } from './harness';

describe('accessibility of every panel and the playground (axe-core)', () => {
  let hx: Harness;

  beforeAll(async () => {
    hx = await startHarness();
  }, 120000);
  afterAll(async () => {
    await hx?.close();
  });

  const check = async (target: Frame | typeof hx.page, state: string): Promise<void> => {
    const found: AxeViolation[] = await axe(target);
    expect({ state, violations: found }).toEqual({ state, violations: [] });
  };
  const focusKept = (sidebar: Frame): Promise<boolean> =>
    sidebar.evaluate(() => document.activeElement !== document.body && document.activeElement !== null);
  const idle = (sidebar: Frame): Promise<unknown> =>
    sidebar.waitForFunction(() => !document.getElementById('app')?.classList.contains('busy'));

  it('the playground page, with the Handoff menu open and an email shown', async () => {
    const therapist = hx.records('Clinicians')[0];
    hx.pg.runner.callAsClient(
      'startDeparture',
      [{ clinician: therapist.Name, noticeDate: '2026-11-23', lastDay: '2026-12-18' }],
      { user: hx.people.admin },
    );
    hx.pg.runner.callAsClient('sendTestEmail', ['DEPARTURE_NOTICE', hx.records('Reassignments')[0].Ref], {
      user: hx.people.admin,
    });
    hx.pg.runner.callAsClient('installNightlyTrigger', [], { user: hx.people.admin });
    await hx.reload();
    await hx.page.locator('#outbox tr.mail').first().click();
    await hx.page.locator('#menubar .menu-button', { hasText: 'Handoff' }).click();
    await check(hx.page, 'playground');
    await hx.page.keyboard.press('Escape');
  });

  it('Departures: the list, the start form, and the notices view with its preview, question and report', async () => {
    const sidebar = await hx.sidebarPanel('Departures');
    await sidebar.locator('.card[data-departure="D-0001"]').waitFor();
    await check(sidebar, 'departures');
    await sidebar.locator('[data-action="start"]').click();
    await sidebar.waitForSelector('.start-form select[name="clinician"]');
    await check(sidebar, 'departures: start form');
    await sidebar.getByRole('button', { name: 'Start departure' }).click();
    await hx.waitMessage(sidebar, /Choose the departing clinician/);
    expect(await focusKept(sidebar)).toBe(true);
    await check(sidebar, 'departures: start form error');

    await sidebar.locator('.card[data-departure="D-0001"]').getByRole('button', { name: 'Notices…' }).click();
    await sidebar.waitForSelector('.notices .preview-frame');
    await idle(sidebar);
    expect(await focusKept(sidebar)).toBe(true);
    await check(sidebar, 'notices');
    await sidebar.locator('[data-action="send"]').click();
    await sidebar.locator('[data-role="question"]').waitFor();
    await check(sidebar, 'notices: send question');
    await sidebar.locator('[data-role="question"] [data-action="confirm"]').click();
    await sidebar.waitForSelector('.notice-report .result');
    await idle(sidebar);
    expect(await focusKept(sidebar)).toBe(true);
    await check(sidebar, 'notices: sent');
  });

  it('Case: a case with its other actions open and a question asked', async () => {
    const ref = hx.records('Reassignments')[0].Ref;
    const sidebar = await hx.sidebarPanel('Case');
    await sidebar.getByLabel('Case Ref').fill(ref);
    await sidebar.getByLabel('Case Ref').press('Enter');
    await sidebar.waitForSelector('[data-role="head"]');
    await idle(sidebar);
    await sidebar.locator('[data-role="others"] summary').click();
    await check(sidebar, 'case');
    await sidebar.locator('[data-role="primary"] [data-action="call-no-answer"]').click();
    await hx.waitMessage(sidebar, /Call 1/);
    await idle(sidebar);
    expect(await focusKept(sidebar)).toBe(true);
    await sidebar.locator('[data-role="primary"] [data-action="call-no-answer"]').click();
    await sidebar.locator('[data-role="question"]').waitFor();
    await check(sidebar, 'case: question');
    await sidebar.locator('[data-role="question"] [data-action="cancel"]').click();
  });

  it('New request: every step, with an error shown', async () => {
    const sidebar = await hx.sidebarPanel('New request');
    const open = new Set(hx.records('Reassignments').map((c) => c['Client ID']));
    const client = hx
      .records('Clients')
      .find((c) => c.Status === 'Active' && c.Clinician && !open.has(c['Client ID']) && c.Medicaid === 'FALSE')!;
    const stepIs = (name: string): Promise<unknown> =>
      sidebar.waitForSelector(`.wizard-progress:has-text("· ${name}")`).then(() => idle(sidebar));
    const next = (label = 'Next'): Promise<void> => sidebar.getByRole('button', { name: label, exact: true }).click();

    await stepIs('Client');
    await next();
    await hx.waitMessage(sidebar, /Choose the client first/);
    await sidebar.getByLabel('Find the client').fill(client['Client ID']);
    await sidebar.locator(`.client-option[data-client="${client['Client ID']}"]`).waitFor();
    await check(sidebar, 'request: client');
    await sidebar.locator(`.client-option[data-client="${client['Client ID']}"]`).click();
    await sidebar.waitForSelector('.client-chosen .card');
    await next();
    await stepIs('Reason');
    expect(await focusKept(sidebar)).toBe(true);
    await next('Open the case');
    await hx.waitMessage(sidebar, /Choose the reason/);
    await check(sidebar, 'request: reason with an error');
    await sidebar.getByLabel('Reason').selectOption('Schedule conflict');
    await next('Open the case');
    await stepIs('Checklist');
    await check(sidebar, 'request: checklist');
    await sidebar.getByLabel('Phone and email confirmed with the client').check();
    await sidebar.getByLabel('Insurance is active and billing settings are updated').check();
    const docs = sidebar.getByLabel(/Portal access and pending documents/);
    if (!(await docs.isChecked())) await docs.check();
    await next();
    await stepIs('Clinician');
    await check(sidebar, 'request: clinician');
    const first = sidebar.locator('.clinician-option input').first();
    if (await first.count()) await first.check();
    else {
      await sidebar.getByRole('button', { name: 'Someone else…' }).click();
      await sidebar.getByLabel('Clinician', { exact: true }).selectOption({ index: 1 });
      await sidebar.getByLabel('Why this clinician?').fill('Asked for by the client.');
    }
    await next();
    await stepIs('Schedule');
    const date = sidebar.getByLabel('Next session date');
    await date.fill('2026-01-05');
    await date.dispatchEvent('change');
    await hx.waitMessage(sidebar, /before today/);
    await check(sidebar, 'request: schedule with a refused date');
    await date.fill('2026-12-08');
    await date.dispatchEvent('change');
    await sidebar.waitForSelector('.schedule-facts p');
    await next();
    await stepIs('Review');
    await check(sidebar, 'request: review');
    await next('Complete reassignment');
    await sidebar.waitForSelector('.complete-result .success');
    await idle(sidebar);
    expect(await focusKept(sidebar)).toBe(true);
    await check(sidebar, 'request: completed');
  });

  it('Import: a preview with a missing column and rows with problems', async () => {
    const sidebar = await hx.sidebarPanel('Import');
    await check(sidebar, 'import');
    await sidebar
      .getByLabel('Paste the CSV export')
      .fill(
        'Patient ID,First Name,Last Name,Email\r\n90001,Ana,Able,not-an-address\r\n90002,Bo,Brown,bo@mail.example.com\r\n',
      );
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await sidebar.waitForSelector('.preview [data-count="added"]');
    await idle(sidebar);
    expect(await focusKept(sidebar)).toBe(true);
    await check(sidebar, 'import: preview');
    await sidebar.getByLabel('Paste the CSV export').fill('First Name,Last Name\r\nAna,Able\r\n');
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await sidebar.waitForSelector('[data-role="header-problems"]');
    await check(sidebar, 'import: missing column');
  });

  it('Settings: the form with an error beside the field', async () => {
    const sidebar = await hx.sidebarPanel('Settings');
    await check(sidebar, 'settings');
    await sidebar.getByLabel('CSR Emails').fill('front desk');
    await sidebar.getByLabel('CSR Emails').press('Enter');
    await hx.waitMessage(sidebar, /is not an email address/);
    expect(await focusKept(sidebar)).toBe(true);
    await check(sidebar, 'settings: error');
  });

  it("the Dashboard's charts, a CSR's sidebar and a therapist's view", async () => {
    hx.pg.runner.callAsClient('refreshDashboard', [], { user: hx.people.admin });
    await hx.reload();
    await hx.openTab('Dashboard');
    await hx.page.waitForSelector('#charts svg.chart');
    await check(hx.page, 'playground: dashboard charts');

    await hx.switchUser(hx.people.csr);
    await hx.clickMenu('Handoff', 'Open sidebar');
    const sidebar = await hx.sidebar();
    await sidebar.waitForSelector('#panel h1:text-is("Case")');
    await idle(sidebar);
    await check(sidebar, 'case (CSR, nothing selected)');

    hx.pg.runner.callAsClient('shareDepartureSheet', ['D-0001'], { user: hx.people.admin });
    await hx.switchUser(hx.people.therapists[0].email);
    await hx.page.waitForSelector('#grid');
    await check(hx.page, 'playground: therapist');
    await hx.switchUser(hx.people.admin);
    expect(hx.pageErrors).toEqual([]);
  });
});
