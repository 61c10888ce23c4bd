/**
 * LockService (developers.google.com/apps-script/reference/lock/lock-service).
 * A lock is held by one execution at a time; a test can make "another
 * execution" hold one, for a while or until released.
 */
import { ScriptEnv } from './env';

export type LockKind = 'document' | 'script' | 'user';

/** The platform's text when waitLock gives up (developers.google.com/apps-script/reference/lock/lock#waitLock(Integer)). */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';
const ELSEWHERE = 'elsewhere';

interface Holding {
  holder: string;
  untilMs: number | null;
}

export interface LockState {
  held: Record<string, Holding>;
}

export class LockStore {
  state: LockState = { held: {} };

  constructor(
    private readonly env: ScriptEnv,
    private readonly activeDocumentId: () => string | null,
  ) {}

  /** The key of a lock kind in the current situation: one document lock per document, one user lock per user. */
  key(kind: LockKind, subject?: string): string {
    if (kind === 'script') return 'script';
    if (kind === 'user') return `user:${subject ?? this.env.activeUser()}`;
    return `document:${subject ?? this.activeDocumentId() ?? ''}`;
  }

  /** Another execution takes the lock (for `forMs` of virtual time, or until released). */
  holdElsewhere(kind: LockKind, opts: { forMs?: number; subject?: string } = {}): void {
    this.state.held[this.key(kind, opts.subject)] = {
      holder: ELSEWHERE,
      untilMs: opts.forMs === undefined ? null : this.env.kernel.now() + opts.forMs,
    };
  }

  release(kind: LockKind, subject?: string): void {
    const key = this.key(kind, subject);
    if (this.state.held[key]?.holder === ELSEWHERE) delete this.state.held[key];
  }

  /** Locks another execution holds: they survive a save, our own never outlive an execution. */
  heldElsewhere(): LockState {
    return { held: Object.fromEntries(Object.entries(this.state.held).filter(([, h]) => h.holder === ELSEWHERE)) };
  }

  /** The platform releases every lock an execution holds when it ends. */
  releaseAllOf(holder: string): void {
    for (const [key, h] of Object.entries(this.state.held)) if (h.holder === holder) delete this.state.held[key];
  }

  private holding(key: string): Holding | undefined {
    const h = this.state.held[key];
    if (h && h.untilMs !== null && h.untilMs <= this.env.kernel.now()) {
      delete this.state.held[key];
      return undefined;
    }
    return h;
  }

  /** Tries to take the lock within `timeoutMs` of virtual time; the clock moves by the time spent waiting. */
  acquire(key: string, timeoutMs: number): boolean {
    const me = this.env.holderId();
    const h = this.holding(key);
    if (!h || h.holder === me) {
      this.state.held[key] = { holder: me, untilMs: null };
      return true;
    }
    const now = this.env.kernel.now();
    if (h.untilMs !== null && h.untilMs <= now + timeoutMs) {
      this.env.kernel.advance(h.untilMs - now);
      this.state.held[key] = { holder: me, untilMs: null };
      return true;
    }
    this.env.kernel.advance(timeoutMs);
    return false;
  }

  holds(key: string): boolean {
    return this.holding(key)?.holder === this.env.holderId();
  }

  releaseMine(key: string): void {
    if (this.holds(key)) delete this.state.held[key];
  }

  service(): object {
    const env = this.env;
    const make = (method: string, kind: LockKind) => () =>
      env.call(`LockService.${method}`, () => {
        // A script not bound to a document has no document lock (developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
        if (kind === 'document' && !this.activeDocumentId()) return null;
        return new Lock(env, this, this.key(kind));
      });
    return {
      getDocumentLock: make('getDocumentLock', 'document'),
      getScriptLock: make('getScriptLock', 'script'),
      getUserLock: make('getUserLock', 'user'),
    };
  }
}

class Lock {
  constructor(
    private readonly env: ScriptEnv,
    private readonly store: LockStore,
    private readonly key: string,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    return this.env.call('Lock.tryLock', () => this.store.acquire(this.key, timeoutOf(timeoutInMillis)));
  }
  waitLock(timeoutInMillis: number): void {
    this.env.call('Lock.waitLock', () => {
      if (!this.store.acquire(this.key, timeoutOf(timeoutInMillis))) throw new Error(LOCK_TIMEOUT);
    });
  }
  hasLock(): boolean {
    return this.env.call('Lock.hasLock', () => this.store.holds(this.key));
  }
  releaseLock(): void {
    this.env.call('Lock.releaseLock', () => this.store.releaseMine(this.key));
  }
}

function timeoutOf(ms: unknown): number {
  const n = Number(ms);
  if (!Number.isFinite(n) || n < 0) throw new Error('Invalid argument: timeoutInMillis');
  return n;
}
