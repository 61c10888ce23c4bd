/**
 * Progress of a running batch for the sidebar, kept in the script cache (per
 * hub) and written every few sends, not every send: the per-email service
 * calls stay the ledger write + flush and the send.
 */
import type { Env } from '../../../services/context';
import { perExecution } from './memo';

export interface SendProgress {
  running: boolean;
  job: string;
  sent: number;
  left: number;
  quotaLeft: number;
  startedAt: string;
  updatedAt: string;
  flagged: number;
  /** Set when the batch ended early: 'quota', 'time', or 'interrupted' (no word from it for a while). */
  stopped: string | null;
}

const EVERY = 5;
const TTL_SECONDS = 6 * 60 * 60;
/** A batch that has not reported for this long was ended from outside. */
const STALE_MS = 7 * 60 * 1000;

export function hubId(env: Env): string {
  return perExecution(env, 'hubId', () => env.ctx.ss.getId());
}

const cacheKey = (env: Env): string => `caseloadHandoff.sendProgress.${hubId(env)}`;

export class ProgressReporter {
  private state: SendProgress;
  private sinceWrite = 0;

  constructor(
    private readonly env: Env,
    job: string,
    left: number,
    quotaLeft: number,
  ) {
    const now = new Date().toISOString();
    this.state = {
      running: true,
      job,
      sent: 0,
      left,
      quotaLeft,
      startedAt: now,
      updatedAt: now,
      flagged: 0,
      stopped: null,
    };
    this.write();
  }

  /** After each email; written every few. */
  step(change: { sent: number; left: number; quotaLeft: number; flagged: number }): void {
    this.state = { ...this.state, ...change };
    if (++this.sinceWrite >= EVERY) this.write();
  }

  finish(change: { sent: number; left: number; quotaLeft: number; flagged: number; stopped: string | null }): void {
    this.state = { ...this.state, ...change, running: false };
    this.write();
  }

  private write(): void {
    this.sinceWrite = 0;
    this.state.updatedAt = new Date().toISOString();
    CacheService.getScriptCache().put(cacheKey(this.env), JSON.stringify(this.state), TTL_SECONDS);
  }
}

const IDLE: SendProgress = {
  running: false,
  job: '',
  sent: 0,
  left: 0,
  quotaLeft: 0,
  startedAt: '',
  updatedAt: '',
  flagged: 0,
  stopped: null,
};

export function readProgress(env: Env): SendProgress {
  const raw = CacheService.getScriptCache().get(cacheKey(env));
  if (!raw) return { ...IDLE };
  let p: SendProgress;
  try {
    p = { ...IDLE, ...(JSON.parse(raw) as Partial<SendProgress>) };
  } catch {
    return { ...IDLE };
  }
  if (p.running && Date.now() - Date.parse(p.updatedAt) > STALE_MS)
    return { ...p, running: false, stopped: 'interrupted' };
  return p;
}
