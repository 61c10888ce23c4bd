/**
 * The sidebar's DOM helpers in a real browser: everything given as a child
 * is text, attributes can never carry code, and form helpers pair labels with
 * their controls and submit on Enter.
 */
import { buildSync } from 'esbuild';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from './harness';

const DOM = path.resolve(__dirname, '../../src/client/dom.ts');

/** The page's window: dom.ts loaded as `dom`, and the markers the tests set. */
type TestWindow = Window & { dom: typeof import('../../src/client/dom'); __xss?: number; __count: () => number };

describe('dom.ts in the browser', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    requireChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    const code = buildSync({
      entryPoints: [DOM],
      bundle: true,
      format: 'iife',
      globalName: 'dom',
      write: false,
      platform: 'browser',
    }).outputFiles[0].text;
    await page.setContent('<!DOCTYPE html><html><body><div id="root"></div></body></html>');
    await page.addScriptTag({ content: `${code}\nwindow.dom = dom; window.__xss = undefined;` });
  }, 60000);
  afterAll(async () => {
    await browser?.close();
  });

  it('inserts strings as text: markup in data is shown, never parsed or run', async () => {
    const result = await page.evaluate(async () => {
      const { h } = (window as unknown as TestWindow).dom;
      const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
      const el = h('div', { title: hostile }, hostile, 42, null, false, ['<b>bold</b>']);
      document.getElementById('root')!.appendChild(el);
      await new Promise((r) => setTimeout(r, 200));
      return {
        text: el.textContent,
        elements: el.querySelectorAll('*').length,
        title: el.getAttribute('title'),
        xss: (window as unknown as TestWindow).__xss,
      };
    });
    expect(result).toEqual({
      text: '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>42<b>bold</b>',
      elements: 0,
      title: '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>',
      xss: undefined,
    });
  });

  it('refuses code in attributes: handlers must be functions, and script URLs are not links', async () => {
    const errors = await page.evaluate(() => {
      const { h } = (window as unknown as TestWindow).dom;
      const attempts = [
        () => h('button', { onclick: 'window.__xss=1' }),
        () => h('a', { href: 'javascript:window.__xss=1' }),
        () => h('a', { href: ' JaVaScRiPt:window.__xss=1' }),
        () => h('iframe', { srcdoc: '<script>window.__xss=1</script>' }),
        () => h('div', { title: () => 1 }),
      ];
      return attempts.map((f) => {
        try {
          f();
          return 'allowed';
        } catch (e) {
          return (e as Error).message;
        }
      });
    });
    expect(errors.every((m) => m !== 'allowed')).toBe(true);
    expect(errors[1]).toMatch(/script URL/);
  });

  it('pairs a label with its control, ties help text to it, and submits a form on Enter', async () => {
    const r = await page.evaluate(() => {
      const { h, field, form } = (window as unknown as TestWindow).dom;
      let submitted = 0;
      const input = h('input', { type: 'text' });
      const f = form(
        () => {
          submitted += 1;
        },
        field('Nightly Hour', input, 'Hour of the day'),
        h('button', { type: 'submit' }, 'Save'),
      );
      document.getElementById('root')!.appendChild(f);
      const label = f.querySelector('label')!;
      (window as unknown as TestWindow).__count = () => submitted;
      return {
        forId: label.getAttribute('for'),
        inputId: input.id,
        describedBy: input.getAttribute('aria-describedby'),
        helpId: f.querySelector('.help')!.id,
      };
    });
    expect(r.forId).toBe(r.inputId);
    expect(r.describedBy).toBe(r.helpId);
    await page.getByLabel('Nightly Hour').fill('3');
    await page.getByLabel('Nightly Hour').press('Enter');
    expect(await page.evaluate(() => (window as unknown as TestWindow).__count())).toBe(1);
    expect(page.url()).toBe('about:blank');
  });

  it('sets the live state of controls: value, checked and disabled as properties', async () => {
    const r = await page.evaluate(() => {
      const { h, select } = (window as unknown as TestWindow).dom;
      const box = h('input', { type: 'checkbox', checked: true });
      const off = h('input', { type: 'checkbox', checked: false });
      const btn = h('button', { disabled: true }, 'Send');
      const sel = select(['New', ['Reached', 'Reached (spoke to them)']], 'Reached');
      const area = h('textarea', { value: 'line 1\nline 2' });
      return {
        box: box.checked,
        off: off.checked,
        btn: btn.disabled,
        sel: sel.value,
        label: sel.options[1].textContent,
        area: area.value,
      };
    });
    expect(r).toEqual({
      box: true,
      off: false,
      btn: true,
      sel: 'Reached',
      label: 'Reached (spoke to them)',
      area: 'line 1\nline 2',
    });
  });
});
