/**
 * A client's answer written to their case, once: the Client Answer cell
 * (replaced by a later answer, never a second one beside it), the Preference
 * as the client chose it, the Status forward to Reached (and the Reached day,
 * when it is blank), Next Action/Due/Flag, Last Updated/Updated By, one
 * Interaction Notes row and one Log row, in one batch; then the answer is
 * queued for the next digest. The same answer sent again writes nothing.
 */
import { answerCellText, answerNoteText, answerSummary, macText, type ClientAnswer } from '../../core/answers';
import { advanceStatus, NOTE_CHANNEL } from '../../core/contactPlan';
import { displayText } from '../shared/email/fields';
import { DATE_TIME_FORMAT } from '../../core/hubSpec';
import { CLIENT_ANSWER } from '../shared/answerLinks';
import type { CaseDesk } from '../shared/caseDesk';
import type { Row } from '../../table/table';
import { rememberAnswer } from './reported';

const SAME_ANSWER_S = 6 * 3600;

export interface Recorded {
  /** False when this exact answer had just been recorded (a second click, a reload): nothing was written. */
  written: boolean;
  /** The case had an answer from the client before this one. */
  changed: boolean;
}

export function recordAnswer(desk: CaseDesk, row: Row, answer: ClientAnswer): Recorded {
  const { ctx } = desk.env;
  const ref = row.text('Ref');
  const earlier = row.text(CLIENT_ANSWER) !== '';
  const fingerprint = macText(
    Utilities.computeDigest(
      Utilities.DigestAlgorithm.SHA_256,
      JSON.stringify([ref, answer.choice.id, answer.when, answer.note]),
    ),
  );
  const cache = CacheService.getScriptCache();
  const lastKey = `answers:last:${ref}`;
  const sameChoice = row.text(CLIENT_ANSWER).startsWith(`${answerSummary(answer)} (answered `);
  if (earlier && sameChoice && (answer.note === '' || cache.get(lastKey) === fingerprint))
    return { written: false, changed: false };

  const before = desk.status(row);
  const after = advanceStatus(before, 'Reached');
  row.set(CLIENT_ANSWER, answerCellText(answer, displayText(ctx.now, ctx.timeZone, DATE_TIME_FORMAT)));
  row.set('Preference', answer.choice.preference);
  row.set('Status', after);
  if (row.text('Reached') === '') row.setDate('Reached', ctx.today);
  desk.stamp(row);
  desk.refreshNextAction(row);
  desk.note(row, NOTE_CHANNEL.answer, answerNoteText(answer, earlier));
  const moved = after !== before ? `; Status ${before || '(blank)'} → ${after}` : '';
  desk.log.add(
    'Client answer',
    ref,
    `${earlier ? 'Changed their answer' : 'Answered'} through the personal link: ${answer.choice.staffLabel}${moved}.`,
  );
  desk.commit();
  SpreadsheetApp.flush();
  rememberAnswer(ctx.ss.getId(), { ref, choice: answer.choice.staffLabel, at: ctx.now.toISOString() });
  cache.put(lastKey, fingerprint, SAME_ANSWER_S);
  return { written: true, changed: earlier };
}
