/**
 * The Import panel end to end in a real browser, and the promise that data
 * is text: hostile client names go through the sidebar preview and into the
 * grid without ever running.
 */
import { startHarness, type Harness } from './harness';

/** Each payload sets a flag if it ever runs, in whichever frame it lands. */
const HOSTILE = [
  '<img src=x onerror="(window.top||window).__xss=1">',
  '<script>(window.top||window).__xss=2</script>',
  '"><svg onload="(window.top||window).__xss=3">',
];
const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A small EHR export: three new clients with hostile first names, and one row with a bad email. */
function exportText(clinician: string): string {
  const header =
    'Patient ID,First Name,Last Name,Email Address,Mobile Phone,Primary Clinician,Client Status,Primary Insurance,Medicaid,Intake Date';
  const rows = HOSTILE.map((name, i) => [
    `77${i}01`,
    name,
    `Hostile${i}`,
    `hostile${i}@mail.example.com`,
    '555-010-7700',
    clinician,
    'Active',
    'Aetna',
    'No',
    '2026-05-01',
  ]);
  rows.push([
    '77901',
    'Bad',
    'Email',
    'not-an-address',
    '555-010-7799',
    clinician,
    'Active',
    'Aetna',
    'No',
    '2026-05-01',
  ]);
  return [header, ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

describe('the Import panel in the browser', () => {
  let hx: Harness;
  beforeAll(async () => {
    hx = await startHarness();
    // The flag stays unset unless injected markup runs, in the page or any of its frames.
    await hx.page.addInitScript(() => {
      (window as unknown as { __xss?: unknown }).__xss = undefined;
    });
    await hx.reload();
  }, 120000);
  afterAll(async () => {
    await hx?.close();
  });

  const xssFlags = async (): Promise<unknown[]> =>
    Promise.all(
      hx.page
        .frames()
        .map((f) => f.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => 'frame gone')),
    );

  it('opens on the Import panel from the menu item, previews a pasted export, then imports it into the Clients grid', async () => {
    await hx.clickMenu('Handoff', 'Import client roster…');
    const sidebar = await hx.sidebar();
    await sidebar.waitForSelector('#panel h1:text-is("Import")');

    const clinician = hx.records('Clinicians')[0].Name;
    await sidebar.getByLabel('Paste the CSV export').fill(exportText(clinician));
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await sidebar.waitForSelector('.preview [data-count="added"]');
    await hx.screenshot('import-preview');
    await hx.screenshotSidebar('sidebar-import-preview');

    expect(await sidebar.locator('.preview [data-count="added"] strong').textContent()).toBe('4');
    // The mapping table offers the export's columns for each of ours.
    expect(await sidebar.getByLabel('Export column for Client ID').inputValue()).toBe('Patient ID');
    const problems = await sidebar.locator('.preview table.problems').textContent();
    expect(problems).toContain('77901');

    await sidebar.getByRole('button', { name: /^Import \(/ }).click();
    await sidebar.waitForSelector('.preview h2:text-is("Imported")');
    expect(await sidebar.locator('#status').textContent()).toMatch(/Imported: 4 added/);
    await hx.screenshot('import-done');
    await hx.screenshotSidebar('sidebar-import-done');

    await hx.openTab('Clients');
    const ids = await hx.column('Client ID');
    expect(ids).toEqual(expect.arrayContaining(['77001', '77101', '77201', '77901']));
  });

  it('keeps a Client ID on one line in the preview and headers whole', async () => {
    const sidebar = await hx.sidebar();
    const fresh = exportText(hx.records('Clinicians')[0].Name).replace(/\b77(\d)01\b/g, '1234567$1');
    await sidebar.getByLabel('Paste the CSV export').fill(fresh);
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await sidebar.waitForSelector('.preview table.new-clients');
    /** The lines a cell's text takes: one box per line. */
    const lines = (selector: string): Promise<number[]> =>
      sidebar.$$eval(selector, (els) =>
        els.map((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }),
      );
    expect(Math.max(...(await lines('.preview table.new-clients td:first-child')))).toBe(1);
    // Headers break between words if they must, never inside one: no more lines than words.
    const split = await sidebar.$$eval('#panel table.grid th', (ths) =>
      ths
        .filter((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          const lineCount = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          return lineCount > (th.textContent ?? '').trim().split(/\s+/).length;
        })
        .map((th) => th.textContent),
    );
    expect(split).toEqual([]);
  });

  it('says a chosen file is empty, beside the file field, instead of asking for a file', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel('Paste the CSV export').fill('');
    await sidebar
      .getByLabel('Or choose the CSV file')
      .setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    const message = await hx.waitMessage(sidebar, /empty/);
    expect(message).toBe(
      'The file "empty.csv" is empty: export the client list from the EHR again and choose that file.',
    );
    expect(await sidebar.getByLabel('Or choose the CSV file').getAttribute('aria-invalid')).toBe('true');
  });

  it('says why Import is off for a file with only its header row', async () => {
    const sidebar = await hx.sidebar();
    await sidebar.getByLabel('Paste the CSV export').fill('Patient ID,First Name,Last Name\r\n');
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await hx.waitMessage(sidebar, /Nothing to import/);
    expect(await sidebar.locator('[data-role="import-why"]').textContent()).toBe(
      'Nothing to import: the file has a header row and no clients.',
    );
    expect(await sidebar.getByRole('button', { name: /^Import \(/ }).isDisabled()).toBe(true);
  });

  it('reports a missing Client ID column first, beside Preview, not under the mapping', async () => {
    const sidebar = await hx.sidebar();
    await sidebar
      .getByLabel('Paste the CSV export')
      .fill('First Name,Last Name,Email\r\nAna,Able,ana@mail.example.com\r\n');
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    const message = await hx.waitMessage(sidebar, /Client ID/);
    expect(message).not.toMatch(/0 rows with problems/);
    const tops = await sidebar.evaluate(() => ({
      problems: document.querySelector('[data-role="header-problems"]')!.getBoundingClientRect().top,
      mapping: document.querySelector('.mapping')!.getBoundingClientRect().top,
      message: document.querySelector('[data-role="feedback"]')!.getBoundingClientRect().top,
      preview: [...document.querySelectorAll('button')]
        .find((b) => b.textContent === 'Preview')!
        .getBoundingClientRect().bottom,
    }));
    expect(tops.problems).toBeLessThan(tops.mapping);
    expect(tops.message - tops.preview).toBeLessThan(40);
    expect(await sidebar.locator('[data-role="import-why"]').textContent()).toBe(
      'Import is off until the columns above are fixed.',
    );
    await hx.screenshotSidebar('import-missing-client-id');
  });

  it('shows hostile client names literally in the sidebar and the grid, and none of them runs', async () => {
    const sidebar = await hx.sidebar();
    // The preview of the same file again: every new name is now an update or unchanged, so preview a fresh copy with new IDs.
    const again = exportText(hx.records('Clinicians')[0].Name).replace(/\b77(\d)01\b/g, '88$101');
    await sidebar.getByLabel('Paste the CSV export').fill(again);
    await sidebar.getByRole('button', { name: 'Preview' }).click();
    await sidebar.waitForSelector('.preview table.new-clients');
    const names = await sidebar.locator('.preview table.new-clients td').allTextContents();
    for (const name of HOSTILE) expect(names.some((n) => n.startsWith(name))).toBe(true);

    await hx.openTab('Clients');
    const firstNames = await hx.column('First Name');
    for (const name of HOSTILE) expect(firstNames).toContain(name);
    await expect(hx.page.locator('#grid img, #grid script, #grid svg').count()).resolves.toBe(0);
    await expect(sidebar.locator('#panel img, #panel svg').count()).resolves.toBe(0);
    await hx.screenshot('xss-grid-and-sidebar');

    // An onerror/onload payload would run once its image fails to load: give it the time to.
    await hx.page.waitForLoadState('networkidle');
    await hx.page.waitForTimeout(300);
    expect(await xssFlags()).toEqual(hx.page.frames().map(() => undefined));
    expect(hx.pageErrors).toEqual([]);
  });
});
