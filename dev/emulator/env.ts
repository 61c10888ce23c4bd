/**
 * What every emulated service shares within one emulator: the kernel, the
 * script's identity and time zone, the people involved, and the execution in
 * progress (who runs it, in which authorization mode, what it has logged).
 */
import type { CallCost, Kernel } from './kernel';

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

/**
 * How the project reaches its users: a script bound to the hub spreadsheet,
 * or an Editor add-on published from a standalone project and installed per
 * user (developers.google.com/workspace/add-ons/concepts/editor-triggers).
 */
export type Deployment = 'bound' | 'addon';

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
  at: string;
}

export interface Execution {
  id: number;
  /** Who is at the keyboard (or, for a time-driven trigger, the trigger's owner). */
  activeUser: string;
  /** Whose authorization the code runs under. */
  effectiveUser: string;
  authMode: AuthModeName;
  /**
   * The document the execution runs in the context of (document properties,
   * the document lock and cache): the bound spreadsheet, or the one an add-on
   * is used in; null where there is none (an add-on's time-driven run).
   */
  containerId: string | null;
  logs: LogEntry[];
  /** What Logger.getLog() returns: this execution's Logger.log lines. */
  loggerText: string;
}

export interface Users {
  owner: string;
  active: string;
  effective: string;
}

/** Consumer accounts share no Workspace domain with anyone. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function workspaceDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email.slice(at + 1).toLowerCase();
  return CONSUMER_DOMAINS.has(domain) ? null : domain;
}

export function sameWorkspaceDomain(a: string, b: string): boolean {
  const da = workspaceDomain(a);
  return da !== null && da === workspaceDomain(b);
}

export class ScriptEnv {
  execution: Execution | null = null;
  /** HTML files of the project (name without .html → content), for HtmlService. */
  files: Record<string, string> = {};
  /** The vm context of the execution in progress, for template evaluation. */
  context: object | null = null;
  private nextExecutionId = 1;
  /** Documents an add-on has been used in (so onOpen there runs in LIMITED, not NONE). */
  enabledIn = new Set<string>();
  /** The spreadsheet a person has open outside any execution (set by the emulator). */
  openDocument: () => string | null = () => null;

  constructor(
    readonly kernel: Kernel,
    readonly scriptId: string,
    public scriptTimeZone: string,
    readonly users: Users,
    readonly deployment: Deployment = 'bound',
  ) {}

  get isAddOn(): boolean {
    return this.deployment === 'addon';
  }

  /** The containing document of the execution in progress (outside one: the open spreadsheet). */
  containerId(): string | null {
    return this.execution ? this.execution.containerId : this.openDocument();
  }

  /** One service call through the kernel (counting, latency, faults, kill). */
  call<T>(method: string, impl: () => T, cost: CallCost = {}): T {
    return this.kernel.invoke(method, cost, impl);
  }

  begin(opts: {
    activeUser: string;
    effectiveUser: string;
    authMode: AuthModeName;
    containerId: string | null;
  }): Execution {
    this.execution = { id: this.nextExecutionId++, logs: [], loggerText: '', ...opts };
    return this.execution;
  }

  end(): void {
    this.execution = null;
    this.context = null;
  }

  authMode(): AuthModeName {
    return this.execution?.authMode ?? 'FULL';
  }
  activeUser(): string {
    return this.execution?.activeUser ?? this.users.active;
  }
  effectiveUser(): string {
    return this.execution?.effectiveUser ?? this.users.effective;
  }
  /** Identifies the holder of a lock: the execution in progress, or the test harness outside one. */
  holderId(): string {
    return this.execution ? `execution:${this.execution.id}` : 'harness';
  }

  /**
   * The email a script may see for a person (developers.google.com/apps-script/reference/base/user#getEmail):
   * blank in a context that runs without that person's authorization (simple
   * triggers) or under someone else's authorization (installable triggers),
   * unless the person is the script's owner or shares the owner's Workspace domain.
   */
  visibleEmail(email: string): string {
    if (!email) return '';
    const runsAsThemselves = this.authMode() === 'FULL' && email === this.effectiveUser();
    if (runsAsThemselves || email === this.users.owner) return email;
    return sameWorkspaceDomain(email, this.users.owner) ? email : '';
  }

  /**
   * Simple triggers run without authorization: services that need it refuse
   * with the platform's text (developers.google.com/apps-script/guides/triggers#restrictions).
   */
  requireAuthorization(method: string, scope: string): void {
    const mode = this.authMode();
    if (mode === 'LIMITED' || mode === 'NONE' || mode === 'CUSTOM_FUNCTION') {
      throw new Error(`You do not have permission to call ${method}. Required permissions: ${scope}`);
    }
  }

  log(level: LogEntry['level'], message: string): void {
    const entry = { level, message, at: new Date(this.kernel.now()).toISOString() };
    if (this.execution) this.execution.logs.push(entry);
    else this.harnessLogs.push(entry);
  }

  /** Logs written outside any execution (a test calling globals directly). */
  harnessLogs: LogEntry[] = [];
}

export const SCOPES = {
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  gmail: 'https://mail.google.com/',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  drive: 'https://www.googleapis.com/auth/drive',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
} as const;
