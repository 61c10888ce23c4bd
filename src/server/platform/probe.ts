/**
 * What a platform probe is and how one runs. A probe is a small function over
 * the real Apps Script services: it does one thing the add-on relies on, in
 * the check's own scratch spreadsheet, and says what it expected and what
 * came back. The same probes run on the emulator in `npm test` and on a
 * practice's Google account from Handoff ▸ Check this installation.
 */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type ProbeStatus = 'passed' | 'failed' | 'cannot run';

/** What a probe saw. Without `passed`, it passed when expected and got are the same JSON. */
export interface Outcome {
  readonly expected: unknown;
  readonly got: unknown;
  /** For probes that accept a range of answers (a quota of 0 or more). */
  readonly passed?: boolean;
}

/** Thrown by a probe that cannot run here (no second address, quota 0): reported, not counted as failed. */
export class CannotRun extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'CannotRun';
  }
}

/** What a probe is handed. Probes write only into `scratch`, never into the hub's tabs. */
export interface Scene {
  /** The check's own spreadsheet: created for the check, moved to the trash after it. */
  readonly scratch: Spreadsheet;
  /** A new, empty tab of the scratch spreadsheet. */
  tab(name: string): Sheet;
  /** The hub's time zone (the script's when no hub is open). */
  readonly timeZone: string;
  /** The caller's address, lower-case ('' when Google does not tell). */
  readonly user: string;
  /** The hub the check was started from; null from `clasp run` or a script not bound to it. */
  readonly hub: Spreadsheet | null;
  /** A second address to share the scratch spreadsheet with, when the caller gave one. */
  readonly shareWith: string | null;
  /** Whether the caller asked for the one email of the check (to themselves). */
  readonly emailMe: boolean;
  /** What the dialog's google.script.run call carried in, when the check runs from the dialog. */
  readonly roundTrip: unknown;
  /** Results so far, for the email probe's body. */
  readonly resultsSoFar: readonly ProbeResult[];
  /** Something the probe made outside the scratch spreadsheet, undone at the end even if the probe fails. */
  undo(what: string, fn: () => void): void;
}

export interface Probe {
  /** Short and stable: the contract tests name probes by it. */
  readonly name: string;
  /** The documentation page the probe follows. */
  readonly page: string;
  /** What it asserts, in one sentence. */
  readonly asserts: string;
  readonly run: (scene: Scene) => Outcome;
}

/** One line of the check's table. Plain JSON, so google.script.run and the Log carry it. */
export interface ProbeResult {
  readonly probe: string;
  readonly status: ProbeStatus;
  readonly expected: string;
  readonly got: string;
  readonly page: string;
}

/** JSON of a value with object keys sorted, so two equal values print the same. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(x as object).sort()) sorted[k] = (x as Record<string, unknown>)[k];
    return sorted;
  });
}

const show = (v: unknown): string => (typeof v === 'string' ? v : (canonical(v) ?? String(v)));

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs one probe: an error it throws is a failure with the error's message as what came back. */
export function runProbe(probe: Probe, scene: Scene): ProbeResult {
  const line = (status: ProbeStatus, expected: string, got: string): ProbeResult => ({
    probe: probe.name,
    status,
    expected,
    got,
    page: probe.page,
  });
  try {
    const o = probe.run(scene);
    const passed = o.passed ?? canonical(o.expected) === canonical(o.got);
    return line(passed ? 'passed' : 'failed', show(o.expected), show(o.got));
  } catch (e) {
    if (e instanceof CannotRun) return line('cannot run', probe.asserts, e.message);
    return line('failed', probe.asserts, `error: ${messageOf(e)}`);
  }
}
