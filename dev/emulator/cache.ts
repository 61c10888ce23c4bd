/**
 * CacheService (developers.google.com/apps-script/reference/cache/cache): string
 * values that expire on the virtual clock. Keys up to 250 characters, values up
 * to 100 KB, expiry 1 s … 6 h (default 10 minutes), at most 1000 entries per
 * cache (the oldest go first).
 */
import { ScriptEnv } from './env';

export const MAX_KEY_LENGTH = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const MAX_EXPIRATION_S = 21600;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_ENTRIES = 1000;

export type CacheScope = 'script' | 'user' | 'document';
interface Entry {
  value: string;
  expiresMs: number;
  putMs: number;
}
export interface CacheState {
  caches: Record<string, Record<string, Entry>>;
}

export class CacheStore {
  state: CacheState = { caches: {} };

  constructor(
    private readonly env: ScriptEnv,
    private readonly activeDocumentId: () => string | null,
  ) {}

  name(scope: CacheScope, subject?: string): string | null {
    if (scope === 'script') return 'script';
    if (scope === 'user') return `user:${subject ?? this.env.activeUser()}`;
    const doc = subject ?? this.activeDocumentId();
    return doc ? `document:${doc}` : null;
  }

  entries(name: string): Record<string, Entry> {
    return (this.state.caches[name] ??= {});
  }

  /** The live value of a key, or null; for tests that look inside. */
  peek(scope: CacheScope, key: string, subject?: string): string | null {
    const name = this.name(scope, subject);
    return name ? this.live(this.entries(name), key) : null;
  }

  clear(): void {
    this.state.caches = {};
  }

  live(entries: Record<string, Entry>, key: string): string | null {
    const e = entries[key];
    if (!e) return null;
    if (e.expiresMs <= this.env.kernel.now()) {
      delete entries[key];
      return null;
    }
    return e.value;
  }

  service(): object {
    const env = this.env;
    const make = (method: string, scope: CacheScope) => () =>
      env.call(`CacheService.${method}`, () => {
        const name = this.name(scope);
        return name ? new Cache(env, this, name) : null;
      });
    return {
      getScriptCache: make('getScriptCache', 'script'),
      getUserCache: make('getUserCache', 'user'),
      getDocumentCache: make('getDocumentCache', 'document'),
    };
  }
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > MAX_KEY_LENGTH) throw new Error('Argument too large: key');
  return k;
}

class Cache {
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: CacheStore,
    private readonly name: string,
  ) {}

  private call<T>(m: string, impl: () => T): T {
    return this.env.call(`Cache.${m}`, impl);
  }
  private entries() {
    return this.store.entries(this.name);
  }

  get(key: string): string | null {
    return this.call('get', () => this.store.live(this.entries(), checkKey(key)));
  }
  getAll(keys: string[]): Record<string, string> {
    return this.call('getAll', () => {
      const out: Record<string, string> = {};
      for (const k of keys) {
        const v = this.store.live(this.entries(), checkKey(k));
        if (v !== null) out[k] = v;
      }
      return out;
    });
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.call('put', () => this.putOne(checkKey(key), value, expirationInSeconds));
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    this.call('putAll', () => {
      const checked = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
      for (const [k, v] of checked) this.putOne(k, v, expirationInSeconds);
    });
  }
  remove(key: string): void {
    this.call('remove', () => {
      delete this.entries()[checkKey(key)];
    });
  }
  removeAll(keys: string[]): void {
    this.call('removeAll', () => {
      for (const k of keys) delete this.entries()[checkKey(k)];
    });
  }

  private putOne(key: string, value: unknown, expirationInSeconds?: number): void {
    const v = checkValue(value);
    const seconds = expirationInSeconds === undefined ? DEFAULT_EXPIRATION_S : Number(expirationInSeconds);
    if (!Number.isFinite(seconds) || seconds < 1) throw new Error('Invalid argument: expirationInSeconds');
    const now = this.env.kernel.now();
    const entries = this.entries();
    delete entries[key];
    entries[key] = { value: v, expiresMs: now + Math.min(seconds, MAX_EXPIRATION_S) * 1000, putMs: now };
    const keys = Object.keys(entries);
    if (keys.length > MAX_ENTRIES) {
      keys
        .sort((a, b) => entries[a].putMs - entries[b].putMs)
        .slice(0, keys.length - MAX_ENTRIES)
        .forEach((k) => delete entries[k]);
    }
  }
}

function checkValue(value: unknown): string {
  const v = String(value);
  if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
  return v;
}
