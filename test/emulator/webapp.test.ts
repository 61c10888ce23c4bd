/**
 * Web apps, as the platform runs them: the request's event object
 * (developers.google.com/apps-script/guides/web#request_parameters; a
 * form-encoded POST body's fields arrive as parameters too, as
 * gist.github.com/tanaikech/a72aab0242012362c46ec69031c720d5 shows the
 * platform reporting), who may open the app and as whom it runs (the
 * manifest's webapp section: developers.google.com/apps-script/manifest/web-app-api-executable),
 * what a visitor who is not signed in is (a blank email:
 * developers.google.com/apps-script/reference/base/session#getActiveUser(),
 * the deployer as effective user: #getEffectiveUser()), and what
 * google.script.run from the served page can reach
 * (developers.google.com/apps-script/guides/html/reference/run: any
 * top-level function whose name does not end in _).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmulator } from '../../dev/emulator/index';
import { Runner } from '../../dev/emulator/runner';
import { FIXTURES, fixtureRunner, thrown } from './helpers';

const OWNER = 'admin@practice.example';

function webApp(manifestWebapp?: unknown): { runner: Runner; hubId: string } {
  const emu = createEmulator({ users: { owner: OWNER } });
  const hubId = emu.sheets.create('Hub', { owner: OWNER }).id;
  emu.sheets.setActive(hubId);
  let dist = path.join(FIXTURES, 'dist-webapp');
  if (manifestWebapp !== undefined) {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'webapp-'));
    for (const f of fs.readdirSync(path.join(FIXTURES, 'dist-webapp')))
      fs.copyFileSync(path.join(FIXTURES, 'dist-webapp', f), path.join(dist, f));
    const manifest = { timeZone: 'America/New_York', runtimeVersion: 'V8', webapp: manifestWebapp };
    fs.writeFileSync(path.join(dist, 'appsscript.json'), JSON.stringify(manifest));
  }
  return { runner: new Runner(emu, { distDir: dist, realTimeoutMs: 1500 }), hubId };
}

const page = (html: string | null) =>
  JSON.parse(String(html)) as { event: Record<string, unknown>; context: Record<string, unknown> };

describe('a web app request', () => {
  it('runs doGet with the query string, first values in parameter and every value in parameters', () => {
    const { runner } = webApp();
    const r = runner.webApp({ query: 'name=alice&n=1&n=2&t=a%2Bb+c' });
    expect(r.ok).toBe(true);
    expect(r.title).toBe('Echo');
    expect(page(r.html).event).toEqual({
      queryString: 'name=alice&n=1&n=2&t=a%2Bb+c',
      parameter: { name: 'alice', n: '1', t: 'a+b c' },
      parameters: { name: ['alice'], n: ['1', '2'], t: ['a+b c'] },
      contextPath: '',
      contentLength: -1,
    });
  });

  it('gives a URL without a query string a null queryString, and the path after /exec as pathInfo', () => {
    const { runner } = webApp();
    const e = page(runner.webApp({ path: 'answers/x' }).html).event;
    expect(e.queryString).toBeNull();
    expect(e.pathInfo).toBe('answers/x');
    expect(e.parameter).toEqual({});
  });

  it('runs doPost with postData, and a form-encoded body as parameters after the query', () => {
    const { runner } = webApp();
    const body = 'choice=stay&note=%3D1%2B1&n=3';
    const r = runner.webApp({ method: 'POST', query: 'n=1', body });
    expect(r.title).toBe('Posted');
    expect(page(r.html).event).toMatchObject({
      parameter: { n: '1', choice: 'stay', note: '=1+1' },
      parameters: { n: ['1', '3'] },
      contentLength: body.length,
      postData: { length: body.length, type: 'application/x-www-form-urlencoded', contents: body, name: 'postData' },
    });
  });

  it('leaves a JSON body out of the parameters', () => {
    const { runner } = webApp();
    const e = page(runner.webApp({ method: 'POST', body: '{"a":1}', contentType: 'application/json' }).html).event;
    expect(e.parameter).toEqual({});
    expect((e.postData as { contents: string }).contents).toBe('{"a":1}');
  });

  it('runs with no containing document: no active spreadsheet, document properties or document lock', () => {
    const { runner, hubId } = webApp();
    expect(page(runner.webApp().html).context).toMatchObject({
      spreadsheet: null,
      documentProperties: null,
      documentLock: null,
    });
    // The bound spreadsheet is the active one again for the next execution that has a container.
    expect(runner.emu.sheets.activeId()).toBe(hubId);
  });

  it('executes as the deployer (USER_DEPLOYING), and an anonymous visitor has no email', () => {
    const { runner } = webApp();
    expect(page(runner.webApp().html).context).toMatchObject({ active: '', effective: OWNER });
  });

  it('runs as the visitor with USER_ACCESSING, who must then be signed in', () => {
    const { runner } = webApp({ executeAs: 'USER_ACCESSING', access: 'ANYONE' });
    expect(thrown(() => runner.webApp())).toBe('Sign in to your Google account to open this page.');
    expect(page(runner.webApp({ visitor: 'pat@gmail.com' }).html).context).toMatchObject({
      active: 'pat@gmail.com',
      effective: 'pat@gmail.com',
    });
  });

  it('lets only the deployer open a MYSELF app and only their domain open a DOMAIN app', () => {
    expect(
      thrown(() =>
        webApp({ executeAs: 'USER_DEPLOYING', access: 'MYSELF' }).runner.webApp({ visitor: 'x@practice.example' }),
      ),
    ).toBe('You need access.');
    const domain = webApp({ executeAs: 'USER_DEPLOYING', access: 'DOMAIN' }).runner;
    expect(domain.webApp({ visitor: 'csr@practice.example' }).ok).toBe(true);
    expect(thrown(() => domain.webApp({ visitor: 'pat@gmail.com' }))).toBe('You need access.');
  });

  it('refuses a project whose manifest has no webapp section', () => {
    const { runner } = fixtureRunner();
    expect(thrown(() => runner.webApp())).toMatch(/has no "webapp" section/);
  });
});

describe('google.script.run from a page the web app served', () => {
  it("reaches any top-level function, run with the deployer's authority for an anonymous visitor", () => {
    const { runner } = webApp();
    expect(runner.callFromWebApp('whoRuns', [])).toEqual({
      active: '',
      effective: OWNER,
      spreadsheet: null,
      documentProperties: null,
      documentLock: null,
    });
  });

  it('cannot name a private function (ending in _)', () => {
    const { runner } = webApp();
    expect(thrown(() => runner.callFromWebApp('context_', []))).toBe('google.script.run.context_ is not a function');
  });
});
