/**
 * Caseload Handoff's public API. Every function a menu, a trigger, the sidebar
 * (google.script.run) or `clasp run` calls is exported here, and only here; the
 * build turns each export into a top-level function of dist/Code.js. Arguments
 * and results are plain JSON (dates as ISO strings).
 */

import { action } from './api';
import { requireTriggerOrPerson } from './services/caller';
import * as sidebar from './workflows/menu/sidebar';
import * as settingsPanel from './workflows/settings';

/** Who is using the sidebar (email, roles) and which panel a menu item asked it to open. */
export const whoAmI = action({ name: 'Open the sidebar', role: 'any', writes: false }, sidebar.whoAmI);
/** The Settings tab as a form: every setting's value in effect, description and kind. */
export const getSettings = action({ name: 'Show settings', role: 'admin', writes: false }, settingsPanel.getSettings);
/** Checks and saves settings from the sidebar form (name → value); writes nothing if any value is wrong. */
export const saveSettings = action({ name: 'Save settings', role: 'admin', writes: true }, settingsPanel.saveSettings);

// ---- Workbook: set-up, menu, edits -------------------------------------------
import * as setup from './workflows/setup';
import * as menu from './workflows/menu';
import * as edits from './workflows/edits';

/** Creates every hub tab, or repairs a damaged hub; the first person to run it becomes the admin. Returns {created, repaired, unchanged, admin}. */
export const setUpWorkbook = (): setup.SetupReport => setup.setUpWorkbook();
/** Menu: Handoff ▸ Set up workbook, then a short summary toast. */
export const setUpWorkbookFromMenu = (): setup.SetupReport => setup.setUpWorkbookFromMenu();
/** Simple trigger: builds the Handoff menu. */
export const onOpen = (e?: { authMode?: unknown }): void => menu.onOpen(e);
/** Runs when the add-on is installed: the menu appears without reloading. */
export const onInstall = (e?: { authMode?: unknown }): void => menu.onInstall(e);
/** Simple trigger: stamps Last Updated/Updated By on edited Reassignments rows and fixes vocabulary spelling. */
export const onEdit = (e?: edits.EditEvent): void => edits.handleEdit(e);
/** Menu: Handoff ▸ Open sidebar (optionally on a panel, e.g. showSidebar('import')). */
export const showSidebar = action({ name: 'Open the sidebar', role: 'csr', writes: false }, (_env, panel?: unknown) =>
  menu.openSidebar(panel),
);
/** Menu: Handoff ▸ Import client roster… opens the sidebar's Import panel. */
export const showImportPanel = action({ name: 'Import client roster', role: 'admin', writes: false }, () =>
  menu.openSidebar('import'),
);

// ---- Roster import ----------------------------------------------------------
import * as roster from './workflows/import';

/** The remembered column mapping (our header → export header), our importable headers and the required ones. */
export const getImportMapping = action(
  { name: 'Import client roster', role: 'admin', writes: false },
  roster.getImportMapping,
);
/** What importRoster(csvText, mapping?) would do, writing nothing: added, updated, unchanged, problems and why, the mapping used. */
export const previewImport = action(
  { name: 'Preview the roster import', role: 'admin', writes: false },
  roster.previewImport,
);
/** Upserts Clients from an EHR CSV export by Client ID (never deletes); remembers the mapping; one Log row. */
export const importRoster = action({ name: 'Import client roster', role: 'admin', writes: true }, roster.importRoster);

// ---- Therapist departure ------------------------------------------------------
import * as departure from './workflows/departure';

/** Step 1: {clinician, noticeDate, lastDay} → the Departures row, the clinician Departing, a case per Active client; again adds only new ones. Returns {departureId, added, alreadyListed, warnings, message}. */
export const startDeparture = action(
  { name: 'Start therapist departure', role: 'admin', writes: true },
  departure.startDeparture,
);
/** Step 2: creates (or updates) the therapist's own transition sheet of their open cases and shares it with them. Returns {url, added, created, warnings, message}. */
export const shareDepartureSheet = action(
  { name: 'Share the list with the therapist', role: 'admin', writes: true },
  departure.shareDepartureSheet,
);
/** Step 3: pulls Preference, Recommended Clinician and Notes back by Ref; flags proposed contact changes. Returns {updated, flagged, invalid, missing, messages}. */
export const syncDepartureSheet = action(
  { name: "Sync the therapist's sheet", role: 'admin', writes: true },
  departure.syncDepartureSheet,
);
/** Step 8: marks finished departures Complete and clinicians past their last day Left. */
export const closeOutDepartures = action({ name: 'Close out departures', role: 'admin', writes: true }, (env) =>
  departure.closeOutDepartures(env),
);
/** Every departure with its counts (clients, notices sent, reached, scheduled, reassigned, overdue) and the next action. */
export const getDepartures = action({ name: 'Show departures', role: 'csr', writes: false }, departure.getDepartures);
/** The start form's choices: clinicians not yet Left, with their Active client counts. */
export const getDepartureStartOptions = action(
  { name: 'Start therapist departure', role: 'admin', writes: false },
  departure.getDepartureStartOptions,
);
/** One departure's cases (Ref, client, status, notice sent, preference, flag) for the notices flow. */
export const getDepartureCases = action(
  { name: 'Show departure cases', role: 'csr', writes: false },
  departure.getDepartureCases,
);
/** Menu: Handoff ▸ Sync therapist sheets — pulls every open departure's sheet back, then a toast. */
export const syncTherapistSheetsFromMenu = action(
  { name: 'Sync therapist sheets', role: 'admin', writes: true },
  departure.syncAllFromMenu,
);
/** Menu: Handoff ▸ Send departure notices… opens the sidebar's Departures panel, where notices are previewed, tested and sent. */
export const showDeparturesPanel = action({ name: 'Send departure notices', role: 'admin', writes: false }, () =>
  menu.openSidebar('departures'),
);
/** Menu: Handoff ▸ Start therapist departure… opens the sidebar's Departures panel on its start form. */
export const showStartDeparture = action({ name: 'Start therapist departure', role: 'admin', writes: false }, () =>
  menu.openSidebar('departures', { view: 'start' }),
);

// ---- Emails: preview, test, departure notices, continuation --------------------
import * as email from './workflows/shared/email';
import * as notices from './workflows/notices';

/** The email a template would send for one case (Ref): {to, subject, htmlBody, textBody, warnings}; an unknown or empty placeholder is an error naming it. */
export const previewEmail = action({ name: 'Preview an email', role: 'csr', writes: false }, email.previewEmail);
/** Sends that email to you only, subject '[TEST] …'; records nothing. Returns {to, subject, quotaLeft}. */
export const sendTestEmail = action({ name: 'Send a test email', role: 'csr', writes: false }, email.sendTestEmail);
/** Step 4: one notice per client of the departure's open cases not yet notified (one per household address). {dryRun?, testTo?, maxEmails?} (a slice: the sidebar sends in slices to show progress) → {sent, emails, skipped, failed, remaining, quotaLeft, flagged, unconfirmed, continuing, message}. */
export const sendDepartureNotices = action(
  { name: 'Send departure notices', role: 'admin', writes: true },
  notices.sendDepartureNotices,
);
/** A departure's cases with where each notice stands (sent, to send, skipped and why, flagged, unconfirmed), what the next batch sends, and the quota left. */
export const getDepartureNotices = action(
  { name: 'Show departure notices', role: 'admin', writes: false },
  notices.getDepartureNotices,
);
/** Settles an email left unconfirmed by an interrupted run, after checking the Sent mail: (ref, templateKey, {sent}) → recorded sent, or eligible again. */
export const resolveUnconfirmed = action(
  { name: 'Settle unconfirmed email', role: 'admin', writes: true },
  email.resolveUnconfirmed,
);
/** The running (or last) batch for the sidebar: {running, job, sent, left, quotaLeft, startedAt, updatedAt, flagged, stopped}. */
export const getSendProgress = action(
  { name: 'Show sending progress', role: 'csr', writes: false },
  email.getSendProgress,
);
/** Trigger: resumes batches stopped by the time limit or the daily quota; removes itself when nothing is left. */
export const continueSending = (e?: unknown): email.ContinueResult => {
  requireTriggerOrPerson(e, 'Continue sending emails');
  return email.continuePendingSends();
};

// ---- Client-initiated reassignment: the request wizard and completing any case ----
import * as request from './workflows/request';

/** Menu: Handoff ▸ New reassignment request… opens the sidebar's request wizard. */
export const showRequestPanel = action({ name: 'New reassignment request', role: 'csr', writes: false }, () =>
  menu.openSidebar('request'),
);
/** The wizard's client list ({clientId, name, status, clinician, openRef}, Active first), the five reasons and the clarifying question. */
export const getRequestClients = action(
  { name: 'New reassignment request', role: 'csr', writes: false },
  request.getRequestClients,
);
/** One client (clientId): contact details, insurance, Medicaid, checklist facts, open case, and the clinicians who can take them, best first, with the others and why not. */
export const getRequestClient = action(
  { name: 'New reassignment request', role: 'csr', writes: false },
  request.getRequestClient,
);
/** (clientId, nextSession 'YYYY-MM-DD[THH:MM]', omhcDate?) → whether it is an intake (Intake Lookback Months), whether OMHC is required and recorded; a session already past or an OMHC date after today is refused. */
export const checkSchedule = action(
  { name: 'Check the next session', role: 'csr', writes: false },
  request.checkSchedule,
);
/** (clientId, {email?, phone?, ref?}) → saves corrected contact details to Clients exactly as typed (email checked), one Log row. */
export const updateClientContact = action(
  { name: 'Update client contact details', role: 'csr', writes: true },
  request.updateClientContact,
);
/** {clientId, reason, details?} → opens a Client request case (Status New) with the details in Interaction Notes; refuses a second open case. Returns {ref, …}. */
export const requestReassignment = action(
  { name: 'Open a reassignment request', role: 'csr', writes: true },
  request.requestReassignment,
);
/** (ref, {newClinician, nextSession, contactVerified, insuranceVerified, portalDocsComplete, omhcDate?, outsideListReason?}) → completes any case: Clients, the case, emails to both clinicians and management (never twice), notes, Log. */
export const completeReassignment = action(
  { name: 'Complete reassignment', role: 'csr', writes: true },
  request.completeReassignment,
);
/** Keeps the wizard's half-finished answers for this user and hub (small JSON). */
export const saveRequestDraft = action(
  { name: 'Save the request draft', role: 'csr', writes: false },
  request.saveRequestDraft,
);
/** The user's saved request draft for this hub, or null. */
export const loadRequestDraft = action(
  { name: 'Resume a request', role: 'csr', writes: false },
  request.loadRequestDraft,
);
/** Drops the user's request draft (cancel). */
export const clearRequestDraft = action(
  { name: 'Cancel the request', role: 'csr', writes: false },
  request.clearRequestDraft,
);

// ---- Contacting clients, closing cases, the nightly run, the dashboard -------------
import * as contact from './workflows/contact';
import * as closing from './workflows/close';
import * as nightly from './workflows/nightly';
import * as nightlyTriggers from './workflows/nightly/triggers';
import * as dashboard from './workflows/dashboard';

/** The Case panel: the case selected on the Reassignments tab → {ref, hint}; reads only the header row and that row. */
export const getSelectedCase = action(
  { name: 'Show the selected case', role: 'csr', writes: false },
  contact.getSelectedCase,
);
/** (ref) → the client, contact details, every attempt, the interaction notes, the next action and due date, the text message to copy. */
export const getCaseView = action({ name: 'Show a case', role: 'csr', writes: false }, contact.getCaseView);
/** Step 5: (ref, {channel: call|email|text, outcome: no-answer|voicemail|reached|sent, note?}) → the column stamped, the Status (forward only), notes and Log; email sends CONTACT_FOLLOWUP. */
export const logContact = action({ name: 'Log a contact', role: 'csr', writes: true }, contact.logContact);
/** (ref, note) → one Interaction Notes row about the case and a Log row. */
export const addInteractionNote = action(
  { name: 'Add an interaction note', role: 'csr', writes: true },
  contact.addInteractionNote,
);
/** Step 7: (ref, {status: Services terminated|Referred out|Discharged, note?}); Services terminated (admin only) emails the TERMINATION_NOTICE. */
export const closeCase = action({ name: 'Close a case', role: 'csr', writes: true }, closing.closeCase);
/** (ref, note?) → a terminated case has been closed in TherapyNotes too: its close-out reminder is cleared. */
export const markClosedInTherapyNotes = action(
  { name: 'Mark closed in TherapyNotes', role: 'admin', writes: true },
  closing.markClosedInTherapyNotes,
);
/** Rebuilds the Dashboard tab: per open departure, cases by status, overdue, missing preferences, and a bar chart each. */
export const refreshDashboard = action(
  { name: 'Refresh the dashboard', role: 'csr', writes: true },
  dashboard.refreshDashboard,
);
/** Step 6, the daily trigger's handler (runs as the admin who turned it on; takes the lock itself, so not through action()). Returns a summary. */
export const runNightly = (e?: unknown): nightly.NightlySummary => {
  requireTriggerOrPerson(e, nightly.NIGHTLY_ACTION);
  return nightly.runNightly(e);
};
/** Trigger: the one-off retry of a night the workbook was busy. */
export const runNightlyRetry = (e?: unknown): nightly.NightlySummary => {
  requireTriggerOrPerson(e, nightly.NIGHTLY_ACTION);
  return nightly.runNightlyRetry();
};
/** Menu: Handoff ▸ Run nightly check now. */
export const runNightlyFromMenu = (): nightly.NightlySummary => {
  requireTriggerOrPerson(undefined, nightly.NIGHTLY_ACTION);
  return nightly.runNightlyFromMenu();
};
/** Menu: Handoff ▸ Turn nightly run on — exactly one daily trigger at the Nightly Hour, however often it is clicked. */
export const installNightlyTrigger = action(
  { name: 'Turn nightly run on', role: 'admin', writes: true },
  nightlyTriggers.installNightlyTrigger,
);
/** Menu: Handoff ▸ Turn nightly run off. */
export const removeNightlyTrigger = action(
  { name: 'Turn nightly run off', role: 'admin', writes: true },
  nightlyTriggers.removeNightlyTrigger,
);
/** Whether the caller's nightly run is on, and at what hour. */
export const getNightlyState = action(
  { name: 'Show the nightly run', role: 'admin', writes: false },
  nightlyTriggers.nightlyTriggerState,
);
/** Menu items: the same as above, then a toast. */
export const turnNightlyOnFromMenu = action(
  { name: 'Turn nightly run on', role: 'admin', writes: true },
  nightlyTriggers.installFromMenu,
);
export const turnNightlyOffFromMenu = action(
  { name: 'Turn nightly run off', role: 'admin', writes: true },
  nightlyTriggers.removeFromMenu,
);
export const refreshDashboardFromMenu = action(
  { name: 'Refresh the dashboard', role: 'csr', writes: true },
  dashboard.refreshFromMenu,
);

// ---- The platform check --------------------------------------------------------
import * as platform from './platform/check';

/** Runs every platform probe in a scratch spreadsheet it then trashes: {shareWith?, emailMe?, roundTrip?} → {passed, failed, cannotRun, results, message}; `clasp run runPlatformCheck` works. Admin once the hub has one. */
export const runPlatformCheck = (options?: unknown): platform.CheckReport => platform.runPlatformCheck(options);
/** Menu: Handoff ▸ Check this installation — the dialog that runs the check and shows its table. */
export const showPlatformCheck = (): void => platform.showPlatformCheck();
/** The dialog's first call: JSON shapes it sends back to runPlatformCheck, the google.script.run round trip. */
export const getPlatformCheckSample = (): ReturnType<typeof platform.roundTripSample> => platform.roundTripSample();

// ---- The client answer page (a web app: README "Client answer page") ---------------
import * as answers from './workflows/answers';

/**
 * Web app: the page a client opens from the personal link in their notice. It
 * runs as the admin who deployed it for anyone with the link, so it checks the
 * link's signature before anything else; a bad link gets one "call the front desk" page.
 */
export const doGet = (e?: unknown): GoogleAppsScript.HTML.HtmlOutput => answers.answerPage(e as never);
/** Web app: the answer form sent without the page's script (a new tab shows the reply). */
export const doPost = (e?: unknown): GoogleAppsScript.HTML.HtmlOutput => answers.answerPost(e as never);
/** The answer page's google.script.run: ({a, choice, when?, note?}) → {kind, title, lines} to show. Open to anyone with a signed link, by design. */
export const submitClientAnswer = (fields?: unknown): answers.AnswerReply => answers.submitClientAnswer(fields);
