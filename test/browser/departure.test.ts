/**
 * The Departures panel in a real browser: the menu item opens the start
 * form, the transition manager starts a departure, shares the therapist's
 * sheet, walks the notices flow (preview, dry run, send) and syncs the
 * sheet back, reading every result in the sidebar.
 */
import { startHarness, type Harness } from './harness';

describe('the Departures panel in the browser', () => {
  let hx: Harness;
  let therapist: { name: string; email: string };

  beforeAll(async () => {
    hx = await startHarness();
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
    await sidebar.waitForSelector('#panel h2:text-is("Departures")');
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

  it("previews a client's notice, dry-runs, then sends after confirming", async () => {
    const sidebar = await hx.sidebar();
    await sidebar.locator('.card[data-departure="D-0001"]').getByRole('button', { name: 'Notices…' }).click();
    await sidebar.waitForSelector('.notices');
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await sidebar.waitForSelector('.notice-preview .card');
    expect(await sidebar.locator('.notice-preview').textContent()).toContain(therapist.name);

    await sidebar.getByRole('button', { name: 'Dry run' }).click();
    await sidebar.waitForSelector('.notice-report .result');
    expect(await sidebar.locator('.notice-report').textContent()).toContain('Dry run');
    expect(hx.pg.emu.mail.outbox).toHaveLength(0);
    await hx.screenshot('departure-dry-run');

    const send = sidebar.getByRole('button', { name: /^Send \d+ notices? now$/ });
    await send.click();
    await sidebar.waitForFunction(() => /Notified/.test(document.querySelector('.notice-report')?.textContent ?? ''));
    const sent = hx.records('Reassignments').filter((c) => c['Notice Sent'] !== '').length;
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
    expect(hx.pageErrors).toEqual([]);
  });
});
