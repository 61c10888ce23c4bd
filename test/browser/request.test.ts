/**
 * The New request wizard end to end in a real browser on the playground: a
 * CSR opens it from the menu, finds the client, gives the reason, works the
 * checklist (correcting the phone), closes the sidebar and resumes the draft,
 * picks the best match, schedules the session and completes; then a Medicaid
 * client with a clinician chosen outside the list and the OMHC date.
 */
import type { Frame } from 'playwright-core';
import { startHarness, type Harness } from './harness';

type Client = Record<string, string>;
type Details = { matches: { name: string }[]; excluded: { name: string; why: string }[]; clinician: string };

describe('the New request wizard in the browser', () => {
  let hx: Harness;
  beforeAll(async () => {
    hx = await startHarness();
    await hx.switchUser(hx.people.csr);
  }, 120000);
  afterAll(async () => {
    await hx?.close();
  });

  /** An Active client with a clinician, a plain name, no open case and (for Medicaid) no OMHC date yet; with matches, or with an Active clinician outside them. */
  const pickClient = (medicaid: boolean, wantMatches: boolean): Client => {
    const open = new Set(hx.records('Reassignments').map((c) => c['Client ID']));
    const found = hx.records('Clients').find((c) => {
      if (
        c.Status !== 'Active' ||
        !c.Clinician ||
        open.has(c['Client ID']) ||
        c.Medicaid !== (medicaid ? 'TRUE' : 'FALSE')
      )
        return false;
      if (
        !/^[A-Za-z]+$/.test(c['First Name']) ||
        !c['Last Intake Date'] ||
        (medicaid && c['OMHC Assessment Date'] !== '')
      )
        return false;
      const d = details(c['Client ID']);
      return wantMatches ? d.matches.length > 0 : d.excluded.some((x) => !/Not active|Current clinician/.test(x.why));
    });
    if (!found) throw new Error(`The playground has no suitable ${medicaid ? 'Medicaid' : 'non-Medicaid'} client`);
    return found;
  };
  const details = (clientId: string): Details =>
    hx.pg.runner.callAsClient<Details>('getRequestClient', [clientId], { user: hx.people.csr });

  const step = async (sidebar: Frame, name: string): Promise<void> => {
    await sidebar.waitForSelector(`.wizard-progress:has-text("· ${name}")`);
    await sidebar.waitForFunction(() => !document.getElementById('app')?.classList.contains('busy'));
  };
  const next = async (sidebar: Frame, label = 'Next'): Promise<void> => {
    await sidebar.getByRole('button', { name: label, exact: true }).click();
  };

  it('walks a client request from the menu to notified clinicians, resuming the draft after the sidebar was closed', async () => {
    const client = pickClient(false, true);
    const id = client['Client ID'];
    const best = details(id).matches[0].name;
    const outbox = hx.pg.emu.mail.outbox.length;

    await hx.clickMenu('Handoff', 'New reassignment request…');
    let sidebar = await hx.sidebar();
    await sidebar.waitForSelector('#panel h1:text-is("New request")');
    await step(sidebar, 'Client');

    // 1. Find the client: typing narrows the list.
    await sidebar.getByLabel('Find the client').fill(client['First Name']);
    await sidebar.locator(`.client-option[data-client="${id}"]`).click();
    await sidebar.waitForSelector('.client-chosen .card');
    await hx.screenshot('request-1-client');
    await next(sidebar);

    // 2. Reason and what the client is looking for, with the clarifying question.
    await step(sidebar, 'Reason');
    expect(await sidebar.locator('#panel').textContent()).toContain(
      "Can you tell me more about what you're looking for in a therapist or a different approach?",
    );
    await sidebar.getByLabel('Reason').selectOption('Schedule conflict');
    await sidebar.getByLabel('What is the client looking for?').fill('Evening sessions; someone with CBT experience.');
    await next(sidebar, 'Open the case');
    await step(sidebar, 'Checklist');
    const ref = hx.records('Reassignments').find((c) => c['Client ID'] === id && c.Status === 'New')!.Ref;
    expect(ref).toMatch(/^R-\d{6}$/);

    // 3. Checklist: correct the phone, tick the three items.
    await sidebar.getByLabel('Phone', { exact: true }).fill('+1 555 010 4242');
    await sidebar.getByLabel('Phone and email confirmed with the client').check();
    await sidebar.getByLabel('Insurance is active and billing settings are updated').check();
    const docs = sidebar.getByLabel(/Portal access and pending documents/);
    if (!(await docs.isChecked())) {
      await expect(sidebar.locator('.docs-reminder').isVisible()).resolves.toBe(true);
      await docs.check();
    }
    await hx.screenshot('request-3-checklist');
    await next(sidebar);
    await step(sidebar, 'Clinician');
    expect(hx.records('Clients').find((c) => c['Client ID'] === id)!.Phone).toBe('+1 555 010 4242');

    // Close the sidebar; the draft brings the CSR back to the same step.
    await hx.page.click('#close-sidebar');
    await hx.clickMenu('Handoff', 'New reassignment request…');
    sidebar = await hx.sidebar();
    await sidebar.waitForSelector('.resume');
    expect(await sidebar.locator('.resume').textContent()).toContain(ref);
    await sidebar.getByRole('button', { name: 'Resume' }).click();
    await step(sidebar, 'Clinician');

    // 4. The best match is listed first.
    const options = await sidebar
      .locator('.clinician-option')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-clinician')));
    expect(options[0]).toBe(best);
    await sidebar.locator(`.clinician-option[data-clinician="${best}"] input`).check();
    await hx.screenshot('request-4-clinician');
    await next(sidebar);

    // 5. Schedule. A date already past is refused by the server where it is typed, and Next does not pass it.
    await step(sidebar, 'Schedule');
    const date = sidebar.getByLabel('Next session date');
    await date.fill('2026-01-05');
    await date.dispatchEvent('change');
    expect(await hx.waitMessage(sidebar, /before today/)).toBe(
      'The next session 1/5/2026 is before today (11/23/2026): enter the date of the session still to come. Nothing was changed.',
    );
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await next(sidebar);
    await hx.waitMessage(sidebar, /before today/);
    await expect(sidebar.locator('.wizard-progress').textContent()).resolves.toContain('· Schedule');
    await hx.screenshotSidebar('request-5-past-date');
    // A last intake long ago means "Schedule as intake", said once.
    await sidebar.getByLabel('Next session date').fill('2026-12-08');
    await sidebar.getByLabel('Time').fill('15:00');
    await sidebar.getByLabel('Time').dispatchEvent('change');
    await sidebar.waitForSelector('.schedule-facts p');
    const expectIntake =
      client['Last Intake Date'] !== '' && new Date(client['Last Intake Date']) < new Date('2026-06-08');
    expect(await sidebar.locator('.schedule-facts .intake').count()).toBe(expectIntake ? 1 : 0);
    const facts = (await sidebar.locator('.schedule-facts').textContent()) ?? '';
    expect(facts).not.toMatch(/Schedule as intake\.\s*Schedule as intake/);
    if (expectIntake)
      expect(facts).toMatch(
        /^Schedule as intake: the last intake \(\d+\/\d+\/\d{4}\) is more than 6 months before 12\/8\/2026\.$/,
      );
    await next(sidebar);

    // 6. Review and complete.
    await step(sidebar, 'Review');
    expect(await sidebar.locator('table.review').textContent()).toContain(best);
    expect(await sidebar.locator('table.review').textContent()).toContain('Next session12/8/2026 3:00 PM');
    await next(sidebar, 'Complete reassignment');
    await sidebar.waitForSelector('.complete-result .success');
    await hx.screenshot('request-6-complete');
    const sent = await sidebar.locator('.complete-result .emails li').allTextContents();
    expect(sent).toHaveLength(3);
    // Said for people: what each email is, never its template key.
    expect(sent.map((line) => line.replace(/ \(.*\)/, ''))).toEqual([
      'Email to the new clinician: sent',
      'Email to the previous clinician: sent',
      'Removal request to management: sent',
    ]);
    expect((await sidebar.locator('.complete-result').textContent()) ?? '').not.toMatch(/[A-Z]+_[A-Z]+/);

    const caseRow = hx.records('Reassignments').find((c) => c.Ref === ref)!;
    expect(caseRow).toMatchObject({
      Status: 'Reassigned',
      'New Clinician': best,
      'Previous Clinician': client.Clinician,
      Source: 'Client request',
      Reason: 'Schedule conflict',
    });
    expect(caseRow['Next Session']).toBe('12/8/2026 3:00 PM');
    expect(hx.records('Clients').find((c) => c['Client ID'] === id)!.Clinician).toBe(best);
    expect(hx.pg.emu.mail.outbox.length - outbox).toBe(3);
    expect(
      hx
        .records('Interaction Notes')
        .filter((n) => n.Ref === ref)
        .map((n) => n.Channel),
    ).toEqual(['Client request', 'Reassignment']);
    // Completing cleared the draft: the wizard starts fresh.
    expect(hx.pg.runner.callAsClient('loadRequestDraft', [], { user: hx.people.csr })).toBeNull();
    expect(hx.pageErrors).toEqual([]);
  });

  it('asks for a reason outside the list and the OMHC date of a Medicaid client, and refuses to go on without them', async () => {
    const client = pickClient(true, false);
    const id = client['Client ID'];
    const d = details(id);
    const other = d.excluded.find((x) => !/Not active|Current clinician/.test(x.why))!.name;

    await hx.clickMenu('Handoff', 'New reassignment request…');
    const sidebar = await hx.sidebar();
    await step(sidebar, 'Client');
    await sidebar.getByLabel('Find the client').fill(id);
    await sidebar.locator(`.client-option[data-client="${id}"]`).click();
    await sidebar.waitForSelector('.client-chosen .card');
    await next(sidebar);
    await step(sidebar, 'Reason');
    await sidebar.getByLabel('Reason').selectOption('Insurance change');
    await next(sidebar, 'Open the case');
    await step(sidebar, 'Checklist');
    await sidebar.getByLabel('Phone and email confirmed with the client').check();
    await sidebar.getByLabel('Insurance is active and billing settings are updated').check();
    await sidebar.getByLabel(/Portal access and pending documents/).check();
    await next(sidebar);

    await step(sidebar, 'Clinician');
    await sidebar.getByRole('button', { name: 'Someone else…' }).click();
    await sidebar.getByLabel('Clinician', { exact: true }).selectOption(other);
    await next(sidebar);
    expect(await hx.waitMessage(sidebar, /outside the list/)).toBe('Say why you chose a clinician outside the list.');
    expect(await sidebar.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('outsideListReason');
    await sidebar.getByLabel('Why this clinician?').fill('The client saw them before and asked for them.');
    await next(sidebar);

    await step(sidebar, 'Schedule');
    await sidebar.getByLabel('Next session date').fill('2026-12-09');
    await sidebar.getByLabel('Next session date').dispatchEvent('change');
    await sidebar.waitForSelector('.schedule-facts p');
    await next(sidebar);
    expect(await hx.waitMessage(sidebar, /OMHC assessment/)).toBe(
      'This client is on Medicaid: enter the date of their OMHC assessment.',
    );
    // An assessment dated in the future is refused where it is typed: it has not happened yet, and nothing goes out.
    const mailBefore = hx.pg.emu.mail.outbox.length;
    const omhc = sidebar.getByLabel('OMHC assessment completed on');
    await omhc.fill('2026-11-30');
    await omhc.dispatchEvent('change');
    expect(await hx.waitMessage(sidebar, /after today/)).toMatch(
      /^The OMHC assessment date 11\/30\/2026 is after today \(11\/23\/2026\)/,
    );
    expect(await omhc.getAttribute('aria-invalid')).toBe('true');
    await next(sidebar);
    await hx.waitMessage(sidebar, /after today/);
    expect(hx.pg.emu.mail.outbox).toHaveLength(mailBefore);
    await omhc.fill('2026-11-20');
    await omhc.dispatchEvent('change');
    await next(sidebar);

    await step(sidebar, 'Review');
    await next(sidebar, 'Complete reassignment');
    await sidebar.waitForSelector('.complete-result .success');
    await hx.screenshot('request-medicaid-complete');

    const ref = hx.records('Reassignments').find((c) => c['Client ID'] === id && c.Status === 'Reassigned')!.Ref;
    expect(hx.records('Clients').find((c) => c['Client ID'] === id)).toMatchObject({
      Clinician: other,
      'OMHC Assessment Date': '11/20/2026',
    });
    expect(hx.records('Reassignments').find((c) => c.Ref === ref)!['OMHC Required']).toBe('TRUE');
    const note = hx.records('Interaction Notes').find((n) => n.Ref === ref && n.Channel === 'Reassignment')!;
    expect(note.Note).toContain('Chosen outside the matching list: The client saw them before and asked for them.');
    expect(hx.pageErrors).toEqual([]);
  });
});
