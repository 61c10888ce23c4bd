/**
 * Answers given since the last staff digest: a short list in script
 * properties (a web-app request has no document properties), one entry per
 * case (its latest answer), which the next digest reports and then clears.
 */
const KEY = 'caseloadHandoff.answers.unreported.';
/** Well over what one digest section lists (50), and far under the 9 KB a property holds: the oldest go first. */
const MAX_ENTRIES = 100;

export interface UnreportedAnswer {
  ref: string;
  /** The choice as staff read it. */
  choice: string;
  /** ISO time of the answer. */
  at: string;
}

function read(props: GoogleAppsScript.Properties.Properties, hubId: string): UnreportedAnswer[] {
  try {
    const v = JSON.parse(props.getProperty(KEY + hubId) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as UnreportedAnswer[]).filter((a) => a && typeof a.ref === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers a case's latest answer for the next digest. */
export function rememberAnswer(hubId: string, answer: UnreportedAnswer): void {
  const props = PropertiesService.getScriptProperties();
  const list = read(props, hubId).filter((a) => a.ref !== answer.ref);
  list.push(answer);
  props.setProperty(KEY + hubId, JSON.stringify(list.slice(-MAX_ENTRIES)));
}

export function unreportedAnswers(hubId: string): UnreportedAnswer[] {
  return read(PropertiesService.getScriptProperties(), hubId);
}

/** After a digest went out: forgets the answers it reported (an answer given meanwhile stays for the next one). */
export function markReported(hubId: string, reported: readonly UnreportedAnswer[]): void {
  if (reported.length === 0) return;
  const props = PropertiesService.getScriptProperties();
  const done = new Set(reported.map((a) => `${a.ref}|${a.at}`));
  const left = read(props, hubId).filter((a) => !done.has(`${a.ref}|${a.at}`));
  if (left.length) props.setProperty(KEY + hubId, JSON.stringify(left));
  else props.deleteProperty(KEY + hubId);
}
