/**
 * What a stranger can do with the deployed answer page. The web app runs as
 * the admin who deployed it, and google.script.run on any page it serves can
 * name every top-level function of the bundle
 * (developers.google.com/apps-script/guides/html/reference/run), with no email
 * for a visitor who is not signed in (developers.google.com/apps-script/reference/base/user#getEmail()).
 * Every function is called that way here, with no link: none may change the
 * workbook, send an email, make a trigger or hand back the practice's data.
 * Checked twice: as the emulator models a web-app execution (no active
 * spreadsheet), and as if the platform handed a bound script's web app its
 * spreadsheet after all, so the defence never rests on the missing container.
 */
import fs from 'node:fs';
import path from 'node:path';
import { answersHub, answerState, type AnswersHub } from '../../support/answers';
import { writeCalls } from '../../support/hub';

/** Functions that may answer such a call without an error, and why that is harmless. */
const HARMLESS: Record<string, string> = {
  onEdit: 'with no edited range it does nothing',
  onOpen: 'builds a menu, and there is no UI to build it in',
  onInstall: 'builds a menu, and there is no UI to build it in',
  whoAmI: "says the caller has no email and no role (with a spreadsheet); without one it can't run",
  doGet: 'the answer page: with no link, the one refusal page',
  doPost: 'the answer page: with no link, the one refusal page',
  submitClientAnswer: 'the answer page: with no link, the refusal reply',
};

function bundleExports(): string[] {
  const code = fs.readFileSync(path.join(__dirname, '../../../dist/Code.js'), 'utf8');
  return [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]).sort();
}

/** Calls that change something outside the script: cells, files, mail, triggers, properties. */
function changesDuring(hub: AnswersHub, act: () => void): Record<string, number> {
  const before = { ...hub.emu.kernel.counters.byMethod };
  act();
  const made: Record<string, number> = {};
  for (const [m, n] of Object.entries(hub.emu.kernel.counters.byMethod))
    if (n > (before[m] ?? 0)) made[m] = n - (before[m] ?? 0);
  const outside = Object.fromEntries(
    Object.entries(made).filter(([m]) =>
      /^(MailApp\.send|GmailApp\.|ScriptApp\.(newTrigger|deleteTrigger)|Properties\.(set|delete)|DriveApp\.|SpreadsheetApp\.create|TriggerBuilder)/.test(
        m,
      ),
    ),
  );
  return { ...writeCalls({ byMethod: made }), ...outside };
}

describe('a stranger on the answer page calling google.script.run', () => {
  let hub: AnswersHub;
  let start: string;
  beforeAll(() => {
    hub = answersHub();
    start = answerState(hub);
  });
  afterAll(() => {
    // Everything together left the hub, the outbox and the script properties as they were.
    expect(answerState(hub)).toBe(start);
  });
  const exported = bundleExports();

  it('finds the whole API to try, the answer page among it', () => {
    expect(exported.length).toBeGreaterThan(50);
    expect(exported).toEqual(expect.arrayContaining(['doGet', 'doPost', 'submitClientAnswer', 'runNightly']));
    for (const name of Object.keys(HARMLESS)) expect(exported).toContain(name);
  });

  const leaks = (result: unknown): boolean => {
    const text = JSON.stringify(result ?? null);
    // The practice's name is public (the answer page shows it); a case, a person or an address is not.
    return /R-0000|@|Alvarez|Dana|D-0001/.test(text);
  };

  it.each(exported)('%s changes nothing and hands back nothing of the practice (no spreadsheet)', (name) => {
    let result: unknown = null;
    let threw = false;
    const changes = changesDuring(hub, () => {
      try {
        result = hub.runner.callFromWebApp(name, []);
      } catch {
        threw = true;
      }
    });
    expect(changes).toEqual({});
    expect(hub.emu.triggers.list()).toEqual([]);
    if (!threw) {
      expect(name in HARMLESS).toBe(true);
      expect(leaks(result)).toBe(false);
    }
  });

  it.each(exported)('%s changes nothing and hands back nothing of the practice (with the spreadsheet)', (name) => {
    // The web app's identities (a visitor with no email, run as the deployer), as if it had its container.
    let result: unknown = null;
    let threw = false;
    const changes = changesDuring(hub, () => {
      try {
        result = hub.runner.callAsClient(name, [], { user: '', effectiveUser: hub.admin });
      } catch {
        threw = true;
      }
    });
    expect(changes).toEqual({});
    expect(hub.emu.triggers.list()).toEqual([]);
    if (!threw) {
      expect(name in HARMLESS).toBe(true);
      expect(leaks(result)).toBe(false);
    }
  });
});

describe("a trigger's handler", () => {
  it('refuses an event naming a trigger the project does not have, and changes nothing', () => {
    const hub = answersHub();
    const before = answerState(hub);
    expect(() => hub.runner.callFromWebApp('runNightly', [{ triggerUid: '4242', authMode: 'FULL' }])).toThrow(
      /started by a trigger this project does not have/,
    );
    expect(answerState(hub)).toBe(before);
  });
});
