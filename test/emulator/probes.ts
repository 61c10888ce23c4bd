/**
 * A live platform probe (src/server/platform/probes.ts) run on the emulator,
 * for the contract tests that pin the same behaviour: the probe is its one
 * statement, here and on a practice's Google account. Runs the built bundle's
 * runPlatformCheck with only that probe, in a fresh emulator whose active
 * spreadsheet is a hub not yet set up (so no role applies).
 */
import { createEmulator, EmulatorOptions } from '../../dev/emulator/index';
import { Runner } from '../../dev/emulator/runner';
import type { CheckReport } from '../../src/server/platform/check';
import type { ProbeResult } from '../../src/server/platform/probe';
import { DIST, ensureBuilt } from '../support/hub';

const OWNER = 'admin@practice.example';
const OTHER = 'csr@practice.example';

/** The probe's line of the check's table, as the practice would see it. */
export function runProbeOnEmulator(name: string, opts: EmulatorOptions = {}): ProbeResult {
  ensureBuilt();
  const emu = createEmulator({ users: { owner: OWNER }, ...opts });
  const hub = emu.sheets.create('Hub', { owner: OWNER });
  hub.editors.push(OTHER);
  emu.sheets.setActive(hub.id);
  const runner = new Runner(emu, { distDir: DIST });
  const roundTrip = runner.callAsClient('getPlatformCheckSample', [], { user: OWNER });
  const report = runner.callAsClient<CheckReport>(
    'runPlatformCheck',
    [{ only: [name], shareWith: OTHER, emailMe: true, roundTrip }],
    { user: OWNER },
  );
  const line = report.results.find((r) => r.probe === name);
  if (!line) throw new Error(`The check did not report the probe "${name}"`);
  return line;
}

/** Runs the probe and fails, showing the probe's whole line (what it expected and got), unless it passed. */
export function expectProbePasses(name: string, opts: EmulatorOptions = {}): void {
  expect(runProbeOnEmulator(name, opts)).toMatchObject({ probe: name, status: 'passed' });
}
