/**
 * One read per execution: what a batch needs from a tab (the ledger, the
 * templates, the Reassignments table) is read once and shared by the planner,
 * the sender and the recorder through the execution's Env.
 */
import type { Env } from '../../../services/context';

const stores = new WeakMap<Env, Map<string, unknown>>();

export function perExecution<T>(env: Env, name: string, make: () => T): T {
  let store = stores.get(env);
  if (!store) {
    store = new Map();
    stores.set(env, store);
  }
  if (!store.has(name)) store.set(name, make());
  return store.get(name) as T;
}
