/** Shared set-up for the emulator's contract tests. */
import path from 'node:path';
import { createEmulator, Emulator, EmulatorOptions } from '../../dev/emulator/index';
import { Runner } from '../../dev/emulator/runner';

export const FIXTURES = path.join(__dirname, '../fixtures');

/** The services as a script sees them, called from the test (outside any execution). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Globals = Record<string, any>;

export function emulator(opts: EmulatorOptions = {}): { emu: Emulator; g: Globals } {
  const emu = createEmulator(opts);
  return { emu, g: emu.globals() as Globals };
}

export function fixtureRunner(opts: EmulatorOptions = {}, dist = 'dist-basic'): { emu: Emulator; runner: Runner } {
  const emu = createEmulator(opts);
  return { emu, runner: new Runner(emu, { distDir: path.join(FIXTURES, dist), realTimeoutMs: 1500 }) };
}

export { thrown } from '../support/thrown';
