/**
 * How a public entry point runs: open the context once, read Settings, check
 * the caller's role on the server, and (for anything that writes) hold the
 * document lock for the whole operation. A refused call throws before any
 * write, so it writes nothing.
 */
import { Role } from './core/schema';
import { Env, openContext } from './services/context';
import { withDocumentLock } from './services/lock';
import { requireRole } from './services/roles';
import { Settings } from './table/settings';

export type { Env };

export interface ActionSpec {
  /** What a person would call it, used in messages: "Start therapist departure". */
  readonly name: string;
  /** Who may call it: 'admin', 'csr' (admins too), or 'any' signed-in caller (checked by the action itself). */
  readonly role: Role | 'any';
  /** Writes to the workbook: runs under the document lock. */
  readonly writes: boolean;
}

export function action<A extends unknown[], R>(spec: ActionSpec, fn: (env: Env, ...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const ctx = openContext();
    const run = (): R => {
      const settings = Settings.read(ctx.ss, ctx.timeZone);
      if (spec.role !== 'any') requireRole(ctx.user, settings, spec.role, spec.name);
      return fn({ ctx, settings }, ...args);
    };
    return spec.writes ? withDocumentLock(spec.name, run) : run();
  };
}
