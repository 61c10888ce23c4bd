/**
 * The answer page's HTML, put into dist/Answer.html (its stylesheet and its
 * one script inlined by the build). Everything in it that came from the
 * workbook is escaped, and it shows no more than the practice's name and
 * phone, the client's first name and the departing clinician's first name.
 * A refused link gets one fixed page that reads nothing and says nothing
 * about why.
 */
import { ANSWER_CHOICES, choiceText, MAX_NOTE_CHARS, MAX_WHEN_CHARS } from '../../core/answers';
import { escapeHtml } from '../../core/text';

/** What the page's script shows after a send (also what doPost renders for a form sent without the script). */
export interface AnswerReply {
  kind: 'saved' | 'problem' | 'refused' | 'preview' | 'busy';
  title: string;
  lines: string[];
}

export const REFUSED: AnswerReply = {
  kind: 'refused',
  title: "This link can't be used",
  lines: ['Please call our front desk, and we will gladly help you.'],
};

export interface AnswerView {
  practice: string;
  phone: string;
  clientFirstName: string;
  therapistFirstName: string;
  token: string;
  /** Where the form posts without the script: the answer page's own address. */
  action: string;
  /** The client's earlier choice, checked again. */
  current: string | null;
  until: string;
  preview: boolean;
}

const e = escapeHtml;

export function formHtml(v: AnswerView): string {
  const practice = e(v.practice);
  const desk = v.phone ? `call our front desk at ${e(v.phone)}` : 'call our front desk';
  const options = ANSWER_CHOICES.map(
    (c) =>
      `<label class="choice"><input type="radio" name="choice" value="${e(c.id)}" required${
        v.current === c.id ? ' checked' : ''
      }> <span>${e(choiceText(c.id, v.practice))}</span></label>`,
  ).join('\n');
  return `<main class="answer">
<p class="practice">${practice}</p>
<h1>Hello ${e(v.clientFirstName)},</h1>
${v.preview ? '<p class="preview" role="note">This is a preview of the page a client sees. Nothing sent from it is saved.</p>' : ''}
<p>${e(v.therapistFirstName)} is leaving ${practice}. Please tell us how you would like your care to continue. It takes a minute.</p>
<form id="answer" method="post" action="${e(v.action)}" target="_blank">
<input type="hidden" name="a" value="${e(v.token)}">
<fieldset><legend>What would you like to do?</legend>
${options}
</fieldset>
<label class="field">A day and time that suit you for your next session (optional)
<input type="text" name="when" maxlength="${MAX_WHEN_CHARS}" autocomplete="off"></label>
<label class="field">Anything you would like us to know (optional)
<textarea name="note" rows="4" maxlength="${MAX_NOTE_CHARS}"></textarea></label>
<p class="fine">Please keep health details out of this note: a member of our team will call you to talk things through.</p>
<button type="submit"${v.preview ? ' disabled' : ''}>Send my answer</button>
</form>
<div id="result" role="status" aria-live="polite" tabindex="-1"></div>
<p class="fine">You can change your answer with the same link until ${e(v.until)}. Questions? Please ${desk}.</p>
</main>`;
}

export function replyHtml(r: AnswerReply): string {
  return `<main class="answer">
<h1>${e(r.title)}</h1>
${r.lines.map((l) => `<p>${e(l)}</p>`).join('\n')}
</main>`;
}

/** The page itself: dist/Answer.html with the body put in. */
export function pageOutput(title: string, body: string): GoogleAppsScript.HTML.HtmlOutput {
  const shell = HtmlService.createHtmlOutputFromFile('Answer').getContent();
  return HtmlService.createHtmlOutput(shell.replace('<!-- answer:body -->', () => body))
    .setTitle(title)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
