/**
 * The playground server without a browser: it binds to 127.0.0.1, sets the
 * practice up through the add-on itself, keeps the workbook in its state file
 * across restarts, starts over on reset, runs sidebar calls as the acting
 * user, and serves email bodies sandboxed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlayground, type Playground } from '../../dev/playground/server';
import { ensureBuilt } from '../support/hub';

jest.setTimeout(60000);

/** What the playground's /api endpoints answer: a call's result (a record the test reads into) or its error. */
interface RunReply {
  ok?: boolean;
  error?: string;
  result: Record<string, string>;
  [field: string]: unknown;
}

describe('the playground server', () => {
  let dir: string;
  let stateFile: string;
  let pg: Playground | null = null;
  beforeAll(() => ensureBuilt());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-pg-'));
    stateFile = path.join(dir, 'state.json');
  });
  afterEach(async () => {
    await pg?.close();
    pg = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (p: string): Promise<Response> => fetch(new URL(p, pg!.url));
  const post = async (p: string, body: unknown): Promise<{ status: number; json: RunReply }> => {
    const res = await fetch(new URL(p, pg!.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as RunReply };
  };

  it('listens on 127.0.0.1 only, on the port it was given (0: any free one)', async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 10, quiet: true });
    expect(pg.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(Number(new URL(pg.url).port)).toBeGreaterThan(0);
  });

  it('sets up a practice through the add-on: tabs, settings, clinicians and imported clients', async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 25, quiet: true });
    expect(pg.meta.problems).toEqual([]);
    const clients = pg.emu.sheets.peek(pg.meta.hubId, 'Clients').values.length - 1;
    const clinicians = pg.emu.sheets.peek(pg.meta.hubId, 'Clinicians').values.length - 1;
    expect(clients).toBe(25);
    expect(clinicians).toBe(12);
    const log = pg.emu.sheets.peek(pg.meta.hubId, 'Log').display.map((r) => r[2]);
    expect(log).toContain('Import client roster');
    expect(pg.meta.people.map((p) => p.role)).toEqual(['admin', 'csr', ...Array(12).fill('therapist')]);
  });

  it('keeps the workbook in its state file across a restart, and starts over on reset', async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 10, quiet: true });
    const admin = pg.meta.people[0].email;
    const saved = await post('/api/run', {
      fn: 'saveSettings',
      args: [{ 'Practice Name': 'Persisted Practice' }],
      user: admin,
    });
    expect(saved.json).toMatchObject({ ok: true, result: { saved: ['Practice Name'] } });
    const hubId = pg.meta.hubId;
    await pg.close();

    pg = await startPlayground({ port: 0, stateFile, clients: 10, quiet: true });
    expect(pg.meta.hubId).toBe(hubId);
    const again = await post('/api/run', { fn: 'whoAmI', args: [], user: admin });
    expect(again.json.result.practiceName).toBe('Persisted Practice');

    await post('/api/reset', {});
    const fresh = await post('/api/run', { fn: 'whoAmI', args: [], user: pg.meta.people[0].email });
    expect(fresh.json.result.practiceName).toBe('Riverside Counseling');
  });

  it("runs a sidebar call as the acting user, with the server's refusal as the error", async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 10, quiet: true });
    const csr = pg.meta.people.find((p) => p.role === 'csr')!.email;
    const r = await post('/api/run', { fn: 'saveSettings', args: [{ 'Nightly Hour': '4' }], user: csr });
    expect(r.json.ok).toBe(false);
    expect(r.json.error).toMatch(/"Save settings" needs a transition manager/);
    const unknown = await post('/api/run', { fn: 'whoAmI', args: [], user: 'intruder@example.com' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatch(/Unknown user "intruder@example.com"/);
  });

  it('serves the sidebar with google.script.run in place for the user it was opened for', async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 10, quiet: true });
    const admin = pg.meta.people[0].email;
    const res = await get(`/sidebar?user=${encodeURIComponent(admin)}`);
    const html = await res.text();
    expect(html).toContain('window.google.script');
    expect(html).toContain(JSON.stringify(admin));
    expect(html.indexOf('window.google.script')).toBeLessThan(html.indexOf('id="app"'));
  });

  it('serves an email body under a sandboxing Content-Security-Policy', async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 30, quiet: true });
    const admin = pg.meta.people[0].email;
    // The clinician with the most active, emailable clients: their departure notices fill the outbox.
    const [header, ...rows] = pg.emu.sheets.peek(pg.meta.hubId, 'Clients').display;
    const col = (h: string): number => header.indexOf(h);
    const counts = new Map<string, number>();
    for (const r of rows)
      if (r[col('Status')] === 'Active' && /^[^@\s]+@[^@\s]+$/.test(r[col('Email')]))
        counts.set(r[col('Clinician')], (counts.get(r[col('Clinician')]) ?? 0) + 1);
    const clinician = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const dep = await post('/api/run', {
      fn: 'startDeparture',
      args: [{ clinician, noticeDate: '2026-11-23', lastDay: '2026-12-18' }],
      user: admin,
    });
    const sent = await post('/api/run', {
      fn: 'sendDepartureNotices',
      args: [dep.json.result.departureId, {}],
      user: admin,
    });
    expect(sent.json.ok).toBe(true);
    expect(pg.emu.mail.outbox.length).toBeGreaterThan(0);
    const res = await get('/mail/0');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await res.text()).toBe(pg.emu.mail.outbox[0].htmlBody);
    expect((await get('/mail/999')).status).toBe(404);
  });

  it("moves the clock to the next Nightly Hour in the hub's time zone", async () => {
    pg = await startPlayground({ port: 0, stateFile, fresh: true, clients: 10, quiet: true });
    const r = await post('/api/clock', { to: 'next-night' });
    expect(r.status).toBe(200);
    const now = new Date(pg.emu.kernel.now());
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    }).format(now);
    expect(local).toBe('02:00');
    const bad = await post('/api/clock', { to: 'yesterday' });
    expect(bad.status).toBe(400);
  });
});
