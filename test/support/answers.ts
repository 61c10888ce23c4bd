/**
 * A hub whose practice has deployed the client answer page (Settings ▸
 * Answer Page URL) and sent Dana's departure notices, and the client's side
 * of it: the personal link read out of the notice in the outbox, the page
 * opened as a visitor who is not signed in (the web app of the built
 * bundle's manifest), and the answer sent the way the page sends it
 * (google.script.run, or the plain form post).
 */
import crypto from 'node:crypto';
import type { WebAppResponse } from '../../dev/emulator/runner';
import { contactHub, type ContactHub } from './contact';
import { setSetting } from './hub';

export const ANSWER_PAGE = 'https://script.google.com/macros/s/AKfycbAnswerPageDeployment42/exec';
/** Ana Alvarez (Client ID 50001): an ordinary client of Dana. */
export const ANA = { id: '50001', email: 'c50001@mail.example.com', first: 'Ana', last: 'Alvarez' };
export const CLEO = { id: '50003', email: 'c50003@mail.example.com', first: 'Cleo', last: 'Castro' };

export interface AnswerReply {
  kind: string;
  title: string;
  lines: string[];
}

export interface AnswersHub extends ContactHub {
  /** The personal link in the latest email to this address. */
  linkFor(email: string): string;
  tokenFor(email: string): string;
  /** Opens the link's page (doGet), as someone not signed in. */
  visit(tokenOrQuery: string, opts?: { raw?: boolean }): WebAppResponse;
  /** Sends an answer as the page's script does (google.script.run.submitClientAnswer). */
  answer(fields: Record<string, unknown>): AnswerReply;
  /** Sends the form without the script (doPost, form-encoded). */
  post(body: string): WebAppResponse;
  /** A token for any Ref and nonce, signed with this hub's secret (what only the practice could make). */
  sign(ref: string, nonce: string, expires: string, secret?: string): string;
  /** The refusal page, as a link nobody made gets it. */
  refusedPage(): string;
}

export function answersHub(opts: { deployed?: boolean; send?: boolean } = {}): AnswersHub {
  const hub = contactHub();
  if (opts.deployed !== false) setSetting(hub, 'Answer Page URL', ANSWER_PAGE);
  if (opts.send !== false) hub.call('sendDepartureNotices', hub.departureId);
  hub.emu.kernel.resetCounters();
  const linkFor = (email: string): string => {
    const mail = [...hub.emu.mail.outbox].reverse().find((m) => m.to === email);
    if (!mail) throw new Error(`no email to ${email}`);
    const m = /https:\/\/script\.google\.com\/\S+?\/exec\?a=[A-Za-z0-9._-]+/.exec(mail.body);
    if (!m) throw new Error(`the email to ${email} has no answer link`);
    return m[0];
  };
  const tokenFor = (email: string): string => linkFor(email).split('?a=')[1];
  const visit = (t: string, o: { raw?: boolean } = {}): WebAppResponse =>
    hub.runner.webApp({ query: o.raw ? t : `a=${encodeURIComponent(t)}` });
  const props = () => hub.emu.properties.get('script') ?? {};
  return {
    ...hub,
    linkFor,
    tokenFor,
    visit,
    answer: (fields) => hub.runner.callFromWebApp<AnswerReply>('submitClientAnswer', [fields]),
    post: (body) => hub.runner.webApp({ method: 'POST', body }),
    sign: (ref, nonce, expires, secret) => {
      const p = props();
      const payload = ['v1', p['caseloadHandoff.answers.hub'], ref, nonce, expires].join('|');
      const mac = crypto
        .createHmac('sha256', secret ?? p['caseloadHandoff.answers.secret'])
        .update(payload)
        .digest('base64url');
      return ['v1', ref, nonce, expires.replace(/-/g, ''), mac].join('.');
    },
    refusedPage: () => String(visit('not-a-link').html),
  };
}

/** Everything an answer may change, to show that a refused one changed nothing. */
export function answerState(hub: AnswersHub): string {
  return JSON.stringify({
    hub: hub.snapshot(),
    outbox: hub.emu.mail.outbox.length,
    script: hub.emu.properties.get('script'),
  });
}
