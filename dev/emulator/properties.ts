/**
 * PropertiesService (developers.google.com/apps-script/reference/properties/properties-service).
 * Values are strings; writes are immediate and durable, so a killed execution
 * keeps every property it set. Limits: 9 KB per value, 500 KB per store
 * (developers.google.com/apps-script/guides/services/quotas).
 */
import { ScriptEnv } from './env';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
export const STORE_FULL = 'You have exceeded the property storage quota. Please remove some properties and try again.';

export type PropertyScope = 'script' | 'user' | 'document';

export interface PropertiesState {
  script: Record<string, string>;
  /** Per user email. */
  user: Record<string, Record<string, string>>;
  /** Per spreadsheet id. */
  document: Record<string, Record<string, string>>;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertiesStore {
  state: PropertiesState = { script: {}, user: {}, document: {} };

  constructor(
    private readonly env: ScriptEnv,
    private readonly activeDocumentId: () => string | null,
  ) {}

  /** The store of a scope: the user's is the active user's, the document's the active document's. */
  bucket(scope: PropertyScope, subject?: string): Record<string, string> | null {
    if (scope === 'script') return this.state.script;
    if (scope === 'user') {
      const who = subject ?? this.env.activeUser();
      return (this.state.user[who] ??= {});
    }
    const doc = subject ?? this.activeDocumentId();
    if (!doc) return null;
    return (this.state.document[doc] ??= {});
  }

  service(): object {
    const env = this.env;
    const make = (method: string, scope: PropertyScope) => () =>
      env.call(`PropertiesService.${method}`, () => {
        // A script not bound to a document has no document properties.
        const b = this.bucket(scope);
        return b ? new Properties(env, b) : null;
      });
    return {
      getScriptProperties: make('getScriptProperties', 'script'),
      getUserProperties: make('getUserProperties', 'user'),
      getDocumentProperties: make('getDocumentProperties', 'document'),
    };
  }
}

class Properties {
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: Record<string, string>,
  ) {}

  private call<T>(m: string, impl: () => T): T {
    return this.env.call(`Properties.${m}`, impl);
  }

  getProperty(key: string): string | null {
    return this.call('getProperty', () =>
      Object.prototype.hasOwnProperty.call(this.store, String(key)) ? this.store[String(key)] : null,
    );
  }
  getProperties(): Record<string, string> {
    return this.call('getProperties', () => ({ ...this.store }));
  }
  getKeys(): string[] {
    return this.call('getKeys', () => Object.keys(this.store));
  }
  setProperty(key: string, value: unknown): this {
    return this.call('setProperty', () => {
      this.write({ [String(key)]: value }, false);
      return this;
    });
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): this {
    return this.call('setProperties', () => {
      if (properties === null || typeof properties !== 'object') throw new Error('Invalid argument: properties');
      this.write(properties, deleteAllOthers === true);
      return this;
    });
  }
  deleteProperty(key: string): this {
    return this.call('deleteProperty', () => {
      delete this.store[String(key)];
      return this;
    });
  }
  deleteAllProperties(): this {
    return this.call('deleteAllProperties', () => {
      for (const k of Object.keys(this.store)) delete this.store[k];
      return this;
    });
  }

  /** Checks every limit before changing anything, so a refused write leaves the store as it was. */
  private write(entries: Record<string, unknown>, deleteAllOthers: boolean): void {
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this.store };
    for (const [k, v] of Object.entries(entries)) {
      if (k === '') throw new Error('Invalid argument: key');
      const value = String(v);
      if (bytes(value) > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
      next[k] = value;
    }
    const total = Object.entries(next).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
    if (total > MAX_STORE_BYTES) throw new Error(STORE_FULL);
    for (const k of Object.keys(this.store)) delete this.store[k];
    Object.assign(this.store, next);
  }
}
