/**
 * MailApp and GmailApp (developers.google.com/apps-script/reference/mail/mail-app):
 * one outbox, one daily recipient quota shared by both.
 */
import { formatDate } from './format-date';
import { ScriptEnv, SCOPES } from './env';
import { signatureError } from './errors';
import { BlobImpl } from './utilities';

export interface SentEmail {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string;
  name: string;
  replyTo: string;
  noReply: boolean;
  attachments: { name: string; contentType: string; size: number }[];
  /** The effective user: mail goes out from the account the script runs as. */
  from: string;
  /** Virtual time of the send, ISO. */
  at: string;
  via: 'MailApp' | 'GmailApp';
}

export interface MailState {
  outbox: SentEmail[];
  dailyQuota: number;
  used: number;
  day: string;
}

/** Consumer accounts get 100 recipients a day, Workspace 1500 (developers.google.com/apps-script/guides/services/quotas). */
export const DEFAULT_MAIL_QUOTA = 100;

const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** The addresses of a comma-separated recipient list; "Name <a@b.org>" counts as a@b.org. */
export function parseRecipients(list: unknown): string[] {
  if (list === undefined || list === null || list === '') return [];
  return splitList(String(list))
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const angled = /^(?:"[^"]*"|[^<>"]*)\s*<([^<>]*)>$/.exec(entry);
      const address = angled ? angled[1].trim() : entry;
      if (!ADDRESS.test(address)) throw new Error(`Invalid email: ${entry}`);
      return address;
    });
}

/** Splits on commas outside "quoted display names". */
function splitList(list: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

interface Message {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

export class MailStore {
  state: MailState;

  constructor(
    private readonly env: ScriptEnv,
    dailyQuota = DEFAULT_MAIL_QUOTA,
  ) {
    this.state = { outbox: [], dailyQuota, used: 0, day: '' };
  }

  private today(): string {
    return formatDate(this.env.kernel.now(), this.env.scriptTimeZone, 'yyyy-MM-dd');
  }

  /** The quota starts afresh on each new day of the script's time zone. */
  remaining(): number {
    const day = this.today();
    if (day !== this.state.day) {
      this.state.day = day;
      this.state.used = 0;
    }
    return Math.max(0, this.state.dailyQuota - this.state.used);
  }

  setQuota(n: number): void {
    this.state.dailyQuota = n;
  }
  resetQuota(): void {
    this.state.used = 0;
    this.state.day = this.today();
  }

  send(via: SentEmail['via'], args: unknown[]): void {
    const msg = normalize(args);
    const to = parseRecipients(msg.to);
    const cc = parseRecipients(msg.cc);
    const bcc = parseRecipients(msg.bcc);
    if (msg.replyTo !== undefined && msg.replyTo !== '') parseRecipients(msg.replyTo);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw new Error('Failed to send email: no recipient');
    const subject = msg.subject === undefined || msg.subject === null ? '' : String(msg.subject);
    if (subject.length > 250) throw new Error('Argument too large: subject');
    if (this.remaining() < count) throw new Error('Service invoked too many times for one day: email.');
    this.state.used += count;
    this.state.outbox.push({
      to: to.join(','),
      cc: cc.join(','),
      bcc: bcc.join(','),
      subject,
      body: msg.body === undefined || msg.body === null ? '' : String(msg.body),
      htmlBody: msg.htmlBody === undefined || msg.htmlBody === null ? '' : String(msg.htmlBody),
      name: msg.name === undefined ? '' : String(msg.name),
      replyTo: msg.replyTo === undefined ? '' : String(msg.replyTo),
      noReply: msg.noReply === true,
      attachments: attachmentsOf(msg.attachments),
      from: this.env.effectiveUser(),
      at: new Date(this.env.kernel.now()).toISOString(),
      via,
    });
  }

  /** MailApp and GmailApp as the script sees them. */
  services(): { MailApp: object; GmailApp: object } {
    const env = this.env;
    const MailApp = {
      sendEmail: (...args: unknown[]) =>
        env.call('MailApp.sendEmail', () => {
          env.requireAuthorization('MailApp.sendEmail', SCOPES.sendMail);
          this.send('MailApp', args);
        }),
      getRemainingDailyQuota: () =>
        env.call('MailApp.getRemainingDailyQuota', () => {
          env.requireAuthorization('MailApp.getRemainingDailyQuota', SCOPES.sendMail);
          return this.remaining();
        }),
    };
    const GmailApp = {
      // GmailApp has no message-object form (developers.google.com/apps-script/reference/gmail/gmail-app#sendEmail(String,String,String)).
      sendEmail: (...args: unknown[]) =>
        env.call('GmailApp.sendEmail', () => {
          env.requireAuthorization('GmailApp.sendEmail', SCOPES.gmail);
          if (args.length < 3) throw signatureError('GmailApp.sendEmail', args);
          this.send('GmailApp', args);
          return GmailApp;
        }),
    };
    return { MailApp, GmailApp };
  }
}

function normalize(args: unknown[]): Message {
  if (args.length === 1 && args[0] !== null && typeof args[0] === 'object') return args[0] as Message;
  if (args.length === 3 || args.length === 4) {
    const options = (args[3] ?? {}) as Message;
    return { ...options, to: args[0], subject: args[1], body: args[2] };
  }
  throw signatureError('MailApp.sendEmail', args);
}

function attachmentsOf(list: unknown): SentEmail['attachments'] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error('Invalid argument: attachments');
  return list.map((a) => {
    if (!(a instanceof BlobImpl)) throw new Error('Invalid argument: attachments');
    return { name: a.name ?? '', contentType: a.contentType ?? '', size: a.bytes.length };
  });
}
