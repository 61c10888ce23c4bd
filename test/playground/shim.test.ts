/**
 * The playground's google.script.run stand-in behaves as the real one does
 * for the sidebar: handlers chain in any order, the user object is handed
 * back, a server error reaches the failure handler as an Error, and a Date
 * argument is refused before anything is sent.
 */
import vm from 'node:vm';
import { withShim } from '../../dev/playground/shim';

interface Posted {
  url: string;
  body: { fn: string; args: unknown[]; user: string };
}

function loadShim(reply: (body: Posted['body']) => unknown, user = 'csr@clinic.example.com') {
  const posted: Posted[] = [];
  const messages: unknown[] = [];
  const html = withShim('<html><head><title>x</title></head><body></body></html>', user);
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const parent = { postMessage: (m: unknown) => messages.push(m) };
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    Proxy,
    location: { origin: 'http://127.0.0.1:1' },
    fetch: (url: string, init: { body: string }) => {
      const body = JSON.parse(init.body) as Posted['body'];
      posted.push({ url, body });
      return Promise.resolve({ json: () => Promise.resolve(reply(body)) });
    },
  };
  sandbox.window = sandbox;
  (sandbox as { parent: unknown }).parent = parent;
  vm.createContext(sandbox);
  vm.runInContext(script, sandbox);
  const google = (sandbox as { google: { script: { run: ShimRun; host: { close(): void } } } }).google;
  return { google, posted, messages, html };
}

/** google.script.run as the page sees it: chainable handlers, then any server function. */
type ShimRun = {
  withSuccessHandler(handler: (result: unknown, userObject: unknown) => void): ShimRun;
  withFailureHandler(handler: (error: Error) => void): ShimRun;
  withUserObject(userObject: unknown): ShimRun;
} & Record<string, (...args: unknown[]) => unknown>;

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 10));

describe('the playground google.script.run shim', () => {
  it('loads before every script of the page', () => {
    const { html } = loadShim(() => ({ ok: true }));
    expect(html.indexOf('google.script')).toBeLessThan(html.indexOf('<title>'));
  });

  it('posts the function, its arguments and the acting user, and hands the result to the success handler', async () => {
    const { google, posted } = loadShim(() => ({ ok: true, result: { saved: ['Nightly Hour'] } }));
    const got: unknown[] = [];
    google.script.run
      .withFailureHandler(() => got.push('failed'))
      .withSuccessHandler((r: unknown, u: unknown) => got.push(r, u))
      .withUserObject('row-7')
      .saveSettings({ 'Nightly Hour': '3' });
    await settle();
    expect(posted).toEqual([
      {
        url: '/api/run',
        body: { fn: 'saveSettings', args: [{ 'Nightly Hour': '3' }], user: 'csr@clinic.example.com' },
      },
    ]);
    expect(got).toEqual([{ saved: ['Nightly Hour'] }, 'row-7']);
  });

  it("gives a server error to the failure handler as an Error with the server's message", async () => {
    const { google } = loadShim(() => ({
      ok: false,
      error: 'Settings not saved: Nightly Hour must be an hour of the day.',
    }));
    const errors: string[] = [];
    google.script.run
      .withSuccessHandler(() => errors.push('succeeded'))
      .withFailureHandler((e: Error) => errors.push(e.message))
      .saveSettings({});
    await settle();
    expect(errors).toEqual(['Settings not saved: Nightly Hour must be an hour of the day.']);
  });

  it('refuses a Date argument as google.script.run does, sending nothing', async () => {
    const { google, posted } = loadShim(() => ({ ok: true }));
    const errors: string[] = [];
    google.script.run.withFailureHandler((e: Error) => errors.push(e.message)).startDeparture({ lastDay: new Date() });
    await settle();
    expect(posted).toEqual([]);
    expect(errors[0]).toMatch(/illegal value/);
  });

  it('keeps each chain separate: a handler set on one call is not reused by the next', async () => {
    const { google } = loadShim(() => ({ ok: true, result: 1 }));
    const first: unknown[] = [];
    const run = google.script.run;
    run.withSuccessHandler((r: unknown) => first.push(r)).whoAmI();
    run.whoAmI();
    await settle();
    expect(first).toEqual([1]);
  });

  it('tells the page to refresh after a call and to close on google.script.host.close()', async () => {
    const { google, messages } = loadShim(() => ({ ok: true, result: null }));
    google.script.run.whoAmI();
    await settle();
    google.script.host.close();
    expect(messages.map((m) => (m as { type: string }).type)).toEqual(['call', 'changed', 'close']);
  });

  it('embeds the user so that no value can end the script element', () => {
    const { html } = loadShim(() => ({ ok: true }), '</script><img src=x onerror=alert(1)>@x.com');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });
});
