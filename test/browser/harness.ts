/**
 * The browser test harness: the playground server in-process on a free port
 * with a fresh workbook, Debian's Chromium driven by playwright-core, and
 * helpers for what every flow does (switch user, click a menu item, reach the
 * sidebar, read the grid, save a screenshot). Reused by every browser test.
 *
 *   const hx = await startHarness();          // in beforeAll
 *   await hx.switchUser(hx.people.csr);
 *   await hx.clickMenu('Handoff', 'Open sidebar');
 *   const sidebar = await hx.sidebar();       // a Frame: sidebar.getByRole('button', …)
 *   await hx.screenshot('case-panel');        // test-output/screenshots/case-panel.png
 *   await hx.close();                         // in afterAll
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../dev/playground/server';
import { ensureBuilt, ROOT, tabRecords } from '../support/hub';

export const CHROMIUM = '/usr/bin/chromium';
/** Playwright refuses --user-data-dir in args; it makes its own profile. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
/** Far from the hub's America/New_York. */
export const BROWSER_TIME_ZONE = 'Pacific/Honolulu';
const AXE_SOURCE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/** One axe-core finding, short enough to read in a failed expectation. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * Runs axe-core (every rule it runs by default: WCAG 2 A/AA and best
 * practices) on a page or frame as it is now, injecting axe first. Frames
 * inside it are checked on their own (a sandboxed preview cannot run axe).
 */
export async function axe(target: Page | Frame): Promise<AxeViolation[]> {
  const loaded = await target.evaluate(() => !!(window as unknown as { axe?: unknown }).axe);
  if (!loaded) await target.addScriptTag({ content: fs.readFileSync(AXE_SOURCE, 'utf8') });
  return target.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[];
    };
    const a = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<Result> } }).axe;
    const r = await a.run(document, { iframes: false, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  });
}

/** test-output/screenshots/<name>.png, its folder made. */
function screenshotFile(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
}

/** The browser tests fail, never skip, when Chromium is missing: CI installs it (.ci/run). */
export function requireChromium(executable = CHROMIUM): void {
  if (!fs.existsSync(executable)) {
    throw new Error(
      `Chromium is not installed at ${executable}, so the browser tests cannot run. Install it (Debian: apt-get install chromium; .ci/run does this) and run the tests again.`,
    );
  }
}

export interface HarnessOptions {
  /** Clients in the sample practice (default 60: enough for every flow, quick to set up). */
  clients?: number;
  /** Viewport (default 1600 × 1000, room for the grid and the sidebar). */
  width?: number;
  height?: number;
}

export interface Harness {
  readonly pg: Playground;
  readonly browser: Browser;
  readonly page: Page;
  /** The practice's people: the transition manager, the CSR, and the therapists by name. */
  readonly people: { admin: string; csr: string; therapists: { name: string; email: string }[] };
  /** Errors the page or a frame threw (uncaught), for asserting a flow ran clean. */
  readonly pageErrors: string[];
  /** Acts as another person: the menu, the workbooks and the sidebar follow. */
  switchUser(email: string): Promise<void>;
  /** Reloads the page (after changing the workbook from the test) and waits until it has settled. */
  reload(): Promise<void>;
  /** Clicks a Handoff menu item by its captions, e.g. clickMenu('Handoff', 'Open sidebar'). */
  clickMenu(...captions: string[]): Promise<void>;
  /** The sidebar's frame once its shell has started (its nav or a message is shown). */
  sidebar(): Promise<Frame>;
  /** Opens a sidebar panel by its tab title ('Import', 'Settings', …) and waits for it. */
  sidebarPanel(title: string): Promise<Frame>;
  /** Shows a tab of the current workbook in the grid. */
  openTab(name: string): Promise<void>;
  /** The grid cell of a data row (1-based sheet row number) under a header. */
  cell(row: number, header: string): Locator;
  /** Every displayed value under a header in the current tab (data rows below the header row). */
  column(header: string): Promise<string[]>;
  /** Reads a tab of the hub straight from the emulator: records keyed by header (display values). */
  records(tab: string, spreadsheetId?: string): Record<string, string>[];
  /** The message the sidebar shows beside the control last used (the feedback box), or '' when none. */
  message(frame: Frame): Promise<string>;
  /** Waits until the sidebar's message matches, and returns it. */
  waitMessage(frame: Frame, pattern: RegExp, timeout?: number): Promise<string>;
  /** Saves a full-page screenshot to test-output/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Saves the whole sidebar (its full height, not only what the frame shows) to test-output/screenshots/<name>.png. */
  screenshotSidebar(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  requireChromium();
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-playground-'));
  const pg = await startPlayground({
    port: 0,
    stateFile: path.join(dir, 'state.json'),
    fresh: true,
    clients: opts.clients ?? 60,
    quiet: true,
  });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (e) {
    await pg.close();
    throw new Error(`Chromium at ${CHROMIUM} did not start: ${(e as Error).message}`, { cause: e });
  }
  // The browser's clock is in Honolulu, the hub's in New York: a time shown in the browser's zone is caught.
  const page = await browser.newPage({
    viewport: { width: opts.width ?? 1600, height: opts.height ?? 1000 },
    timezoneId: BROWSER_TIME_ZONE,
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());

  const people = {
    admin: pg.meta.people.find((p) => p.role === 'admin')!.email,
    csr: pg.meta.people.find((p) => p.role === 'csr')!.email,
    therapists: pg.meta.people
      .filter((p) => p.role === 'therapist')
      .map((p) => ({ name: p.label.replace(/^Therapist: /, ''), email: p.email })),
  };

  const waitIdle = async (): Promise<void> => {
    await page.waitForLoadState('networkidle');
  };

  const sidebar = async (): Promise<Frame> => {
    const handle = await page.waitForSelector('#sidebar-frame:not([hidden])', { timeout: 15000 });
    const frame = await handle.contentFrame();
    if (!frame) throw new Error('The sidebar iframe has no document.');
    await frame.waitForLoadState('domcontentloaded');
    // The shell has started when it shows its panel tabs or a message instead of "Loading…".
    await frame.waitForFunction(
      () => {
        const panel = document.getElementById('panel');
        const nav = document.getElementById('nav');
        return !!nav && !!panel && (nav.childElementCount > 0 || !/Loading/.test(panel.textContent ?? ''));
      },
      undefined,
      { timeout: 15000 },
    );
    return frame;
  };

  const h: Harness = {
    pg,
    browser,
    page,
    people,
    pageErrors,
    async switchUser(email) {
      await page.selectOption('#user', email);
      // The page marks itself ready for a user once its workbooks and menu have loaded.
      await page.waitForFunction((e) => document.body.dataset.ready === e, email);
      await waitIdle();
    },
    async reload() {
      const user = await page.locator('#user').inputValue();
      await page.reload();
      await page.waitForFunction((e) => document.body.dataset.ready === e, user, { timeout: 20000 });
    },
    async clickMenu(...captions) {
      const [top, ...rest] = captions;
      await page.locator('#menubar .menu-button', { hasText: top }).click();
      await page
        .locator('#menubar [role="menuitem"]', { hasText: rest[rest.length - 1] })
        .first()
        .click();
      await waitIdle();
    },
    sidebar,
    async sidebarPanel(title) {
      if (await page.locator('#sidebar-frame').isHidden()) await page.locator('#open-sidebar').click();
      const frame = await sidebar();
      await frame.locator('#nav button', { hasText: title }).click();
      await frame.waitForSelector(`#panel h1:text-is("${title}")`);
      await frame.waitForFunction(() => !document.getElementById('app')?.classList.contains('busy'));
      return frame;
    },
    async openTab(name) {
      await page.locator('#tabs button', { hasText: name }).first().click();
      await page.waitForSelector(`#grid[data-tab="${name}"]`);
    },
    cell(row, header) {
      return page.locator(`#grid tr[data-row="${row}"] td[data-col="${header}"]`);
    },
    async column(header) {
      // The grid draws only the rows in view: scroll through it, reading each row once.
      const seen = new Map<number, string>();
      const wrap = page.locator('#grid-wrap');
      const total = Number(await page.locator('#grid').getAttribute('data-rows'));
      for (let top = 0; ;) {
        await wrap.evaluate((el, t) => {
          el.scrollTop = t;
        }, top);
        await page.waitForTimeout(120);
        await page.waitForLoadState('networkidle');
        const rows = await page.$$eval(
          `#grid tbody tr.data:not(.blank):not(.loading)`,
          (trs, h) =>
            trs.map((tr) => {
              const td = tr.querySelector(`td[data-col="${h}"]`);
              const control = td?.querySelector('input, select') as HTMLInputElement | HTMLSelectElement | null;
              const value =
                control && control instanceof HTMLInputElement && control.type === 'checkbox'
                  ? control.checked
                    ? 'TRUE'
                    : 'FALSE'
                  : control
                    ? control.value
                    : (td?.textContent ?? '');
              return [Number(tr.getAttribute('data-row')), value] as [number, string];
            }),
          header,
        );
        for (const [row, value] of rows) seen.set(row, value);
        const { scrollTop, scrollHeight, clientHeight } = await wrap.evaluate((el) => ({
          scrollTop: el.scrollTop,
          scrollHeight: el.scrollHeight,
          clientHeight: el.clientHeight,
        }));
        if (scrollTop + clientHeight >= scrollHeight - 2 || seen.size >= total - 1) break;
        top = scrollTop + clientHeight;
      }
      await wrap.evaluate((el) => {
        el.scrollTop = 0;
      });
      return [...seen].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    },
    async message(frame) {
      return frame.evaluate(() => {
        const m = document.querySelector('[data-role="feedback"]:not([hidden]) .fb-message:not([hidden])');
        return m?.textContent ?? '';
      });
    },
    async waitMessage(frame, pattern, timeout = 15000) {
      await frame.waitForFunction(
        (source) => {
          const m = document.querySelector('[data-role="feedback"]:not([hidden]) .fb-message:not([hidden])');
          return new RegExp(source).test(m?.textContent ?? '');
        },
        pattern.source,
        { timeout },
      );
      return h.message(frame);
    },
    records(tab, spreadsheetId) {
      return tabRecords(pg.emu, spreadsheetId ?? pg.meta.hubId, tab, true) as Record<string, string>[];
    },
    async screenshot(name) {
      const file = screenshotFile(name);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async screenshotSidebar(name) {
      const file = screenshotFile(name);
      const frame = await sidebar();
      const height = await frame.evaluate(() => document.documentElement.scrollHeight);
      // A viewport tall enough for the whole sidebar, so the frame shows all of it at once.
      const viewport = page.viewportSize() ?? { width: opts.width ?? 1600, height: opts.height ?? 1000 };
      await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height + 400) });
      try {
        await page.waitForFunction(
          (hgt) => (document.getElementById('sidebar-frame')?.clientHeight ?? 0) >= hgt,
          height,
        );
        await page.locator('#sidebar-frame').screenshot({ path: file });
      } finally {
        await page.setViewportSize(viewport);
      }
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await pg.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };

  await page.goto(pg.url);
  await page.waitForFunction(() => !!document.body.dataset.ready, undefined, { timeout: 20000 });
  await h.switchUser(people.admin);
  return h;
}
