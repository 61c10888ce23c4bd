/** Shared set-up for the SpreadsheetApp contract tests: a kernel, a store and a bound hub. */
import { Kernel } from '../../dev/emulator/kernel';
import { SpreadsheetStore } from '../../dev/emulator/spreadsheet/index';

export const ADMIN = 'admin@practice.example';
export const CSR = 'csr@practice.example';
export const THERAPIST = 'therapist@practice.example';
export const START = Date.UTC(2026, 2, 2, 14); // Monday 2026-03-02 09:00 in New York

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export function setup(opts: { tz?: string } = {}) {
  const kernel = new Kernel(START);
  const users = { active: ADMIN, effective: ADMIN };
  const env = {
    kernel,
    activeUser: () => users.active,
    effectiveUser: () => users.effective,
    scriptTimeZone: 'America/New_York',
  };
  const store = new SpreadsheetStore(env);
  const hub = store.create('Hub', { timeZone: opts.tz ?? 'America/New_York' });
  store.setActive(hub.id);
  const app = store.app as Any;
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Sheet1');
  kernel.resetCounters();
  return { kernel, users, env, store, hub, app, ss, sheet };
}

export { thrown } from '../support/thrown';
