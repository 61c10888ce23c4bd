/**
 * The client answer page: a web app (doGet/doPost, HtmlService) that a client
 * reaches from the personal link in their departure notice or follow-up
 * email, and answers in one click: stay with the recommended clinician or
 * another, choose later, a referral elsewhere, or stop; with an optional day
 * and time and a note. The answer is written to their case (answers/record)
 * and reported in the next digest.
 *
 * It runs as the admin who deployed it, for visitors nobody knows, so it
 * trusts nothing but the link's signature (answers/check), writes only under
 * the lock and within the rate limits, refuses bodies over 8 KB unread, and
 * answers every refused link with one page that says to call the front desk.
 * The page's script sends the form with google.script.run (submitClientAnswer);
 * without it the form posts to doPost in a new tab.
 */
import { firstName, greetingName } from '../../core/fields';
import { choiceOfPreference, choiceText, MAX_BODY_BYTES, parseAnswer, parseToken } from '../../core/answers';
import { formatCivil } from '../../core/dates';
import { BusyError, withDocumentLock } from '../../services/lock';
import { answerPageUrl, CLIENT_ANSWER } from '../shared/answerLinks';
import { checkLink, signedToken, type Checked } from './check';
import { formHtml, pageOutput, REFUSED, replyHtml, type AnswerReply } from './page';
import { recordAnswer } from './record';

export { ANSWER_AUTHOR } from './check';
export { unreportedAnswers, markReported, type UnreportedAnswer } from './reported';
export type { AnswerReply } from './page';

type WebEvent = { parameter?: Record<string, unknown>; contentLength?: number; postData?: { length?: number } };
type Html = GoogleAppsScript.HTML.HtmlOutput;

const TITLE = 'Your answer';

/** doGet(e): the form for a good link, the one refusal page for any other. */
export function answerPage(e?: WebEvent): Html {
  const checked = checkLink(e?.parameter?.a, 'view');
  if (!checked.ok) return pageOutput(TITLE, replyHtml(REFUSED));
  return pageOutput(TITLE, formHtml(viewOf(checked)));
}

/** doPost(e): the form sent without the page's script. */
export function answerPost(e?: WebEvent): Html {
  const size = Math.max(Number(e?.contentLength ?? 0), Number(e?.postData?.length ?? 0));
  const reply = size > MAX_BODY_BYTES ? REFUSED : submit(e?.parameter ?? {});
  return pageOutput(TITLE, replyHtml(reply));
}

/** google.script.run from the page: {a, choice, when?, note?} → what to show. */
export function submitClientAnswer(fields: unknown): AnswerReply {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return REFUSED;
  if (JSON.stringify(fields).length > MAX_BODY_BYTES) return REFUSED;
  return submit(fields as Record<string, unknown>);
}

function submit(fields: Record<string, unknown>): AnswerReply {
  // The signature first, and nothing read or written for a link that fails it.
  if (!parseToken(fields.a) || !signedToken(fields.a)) return REFUSED;
  const parsed = parseAnswer(fields);
  if ('problem' in parsed) return { kind: 'problem', title: 'Please check your answer', lines: [parsed.problem] };
  try {
    return withDocumentLock('Client answer', () => {
      const checked = checkLink(fields.a, 'answer');
      if (!checked.ok) return REFUSED;
      const view = viewOf(checked);
      const chosen = choiceText(parsed.answer.choice.id, view.practice);
      if (checked.preview)
        return {
          kind: 'preview',
          title: 'Preview: nothing was saved',
          lines: [`The client would have chosen: ${chosen}.`],
        };
      recordAnswer(checked.desk, checked.row, parsed.answer);
      return {
        kind: 'saved',
        title: `Thank you, ${view.clientFirstName}`,
        lines: [
          `We have your answer: ${chosen}.`,
          'A member of our team will be in touch soon.',
          `You can change your answer with the same link until ${view.until}.`,
        ],
      };
    });
  } catch (e) {
    if (!(e instanceof BusyError)) throw e;
    return {
      kind: 'busy',
      title: 'Please try again in a minute',
      lines: ['We could not save your answer just now; nothing was saved. Please send it again in a minute.'],
    };
  }
}

function viewOf(c: Extract<Checked, { ok: true }>) {
  const client = c.desk.client(c.row);
  const answered = c.row.text(CLIENT_ANSWER) !== '';
  return {
    practice: c.env.settings.practiceName(),
    phone: c.env.settings.text('Front Desk Phone'),
    clientFirstName: firstName(client ? greetingName(client.record()) : '') || 'there',
    therapistFirstName: firstName(c.row.text('Previous Clinician')) || 'Your clinician',
    token: c.text,
    action: answerPageUrl(c.env),
    current: answered ? (choiceOfPreference(c.row.text('Preference'))?.id ?? null) : null,
    until: formatCivil(c.token.expires, 'MMMM d, yyyy'),
    preview: c.preview,
  };
}
