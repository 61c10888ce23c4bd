/** Client-initiated reassignment: the request wizard's server side and the completion of any case. */
export { requestReassignment, CLARIFYING_QUESTION, type RequestInput, type RequestResult } from './request';
export { completeReassignment, type CompleteInput, type CompleteResult, type EmailLine } from './complete';
export { updateClientContact, type ContactInput, type ContactResult } from './contact';
export {
  getRequestClients,
  getRequestClient,
  checkSchedule,
  type RequestClients,
  type RequestClient,
  type ClientChoice,
} from './wizard';
export { saveRequestDraft, loadRequestDraft, clearRequestDraft, type RequestDraft } from './draft';
export type { ScheduleFacts } from './schedule';
