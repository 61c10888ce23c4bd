/**
 * The texts the Templates tab is seeded with. Client emails are warm and plain,
 * name the options and how to reach the front desk, and carry nothing clinical
 * or financial. Staff emails carry refs, client IDs, initials and actions, never
 * a client's full name or clinical detail (minimum necessary).
 */
import type { TemplateKey } from './schema';

export interface DefaultTemplate {
  subject: string;
  body: string;
  description: string;
}

const SIGN_OFF = 'Warm regards,\nThe {{Practice Name}} team';
const STAFF_FOOTER =
  'Clients are named by ID and initials only. Please keep client details in the tracker, not in email.';

export const DEFAULT_TEMPLATES: Record<TemplateKey, DefaultTemplate> = {
  DEPARTURE_NOTICE: {
    subject: 'An update about your care at {{Practice Name}}',
    body: [
      'Dear {{Greeting Name}},',
      '',
      'We are writing to let you know that {{Therapist Name}} will be leaving {{Practice Name}}. Their last day with the practice is {{Last Day}}.',
      '',
      'We know a change like this can feel unsettling, and we want your care to continue in the way that works best for you. Your options are:',
      '',
      '{{Reassignment Options}}',
      '',
      '{{Answer Link?}}',
      '',
      '{{Therapist Name}} may talk these options through with you before their last day. You are also welcome to tell us your choice, or ask any question, at any time: simply reply to this email or call our front desk at {{Front Desk Phone}}. A member of our team will also reach out to you in the coming days.',
      '',
      'Thank you for letting us be part of your care.',
      '',
      SIGN_OFF,
    ].join('\n'),
    description:
      'Emailed to each active client of a departing therapist (one email per household address) when the transition manager sends departure notices.',
  },

  CONTACT_FOLLOWUP: {
    subject: 'Following up about your care at {{Practice Name}}',
    body: [
      'Dear {{Greeting Name}},',
      '',
      "We have tried to reach you by phone about your care at {{Practice Name}}. As we shared earlier, {{Therapist Name}}'s last day with the practice is {{Last Day}}, and we would like to help you decide what comes next. Your options are:",
      '',
      '{{Reassignment Options}}',
      '',
      '{{Answer Link?}}',
      '',
      'Please reply to this email or call our front desk at {{Front Desk Phone}} to let us know what you would prefer. We are glad to answer any questions.',
      '',
      SIGN_OFF,
    ].join('\n'),
    description:
      'Emailed by a CSR to a client who has not answered two calls, as part of the follow-up after a departure notice.',
  },

  TEXT_FOLLOWUP: {
    subject: '',
    body: "Hi {{Greeting Name}}, this is {{Practice Name}}. We have been trying to reach you about continuing your care after {{Therapist Name}}'s last day on {{Last Day}}. Please call us at {{Front Desk Phone}} or reply to our email so we can help. Thank you!",
    description:
      "A short text message shown to the CSR to copy into the practice's texting tool after two unanswered calls; never emailed.",
  },

  TERMINATION_NOTICE: {
    subject: 'Your services at {{Practice Name}}',
    body: [
      'Dear {{Greeting Name}},',
      '',
      'We have tried several times to reach you about your care at {{Practice Name}}, and we have not been able to connect with you. As a result, your services with {{Practice Name}} have now been closed.',
      '',
      'We want you to have support whenever you need it. These resources can help you find care:',
      '',
      '{{Referral Resources}}',
      '',
      'You are always welcome to come back. To restart services with us, reply to this email or call our front desk at {{Front Desk Phone}}.',
      '',
      'If you are in crisis or thinking about harming yourself, call or text 988 (Suicide & Crisis Lifeline), or call 911.',
      '',
      SIGN_OFF,
    ].join('\n'),
    description:
      "Emailed to a client when an admin marks their case Services terminated (usually after they could not be reached), with the practice's referral resources.",
  },

  CLINICIAN_NEW: {
    subject: 'New client assigned to you: {{Client ID}} ({{Case Ref}})',
    body: [
      'Hi {{New Clinician}},',
      '',
      'Client {{Client ID}} ({{Client Initials}}) has been reassigned to you from {{Previous Clinician}}.',
      '',
      'Case: {{Case Ref}}',
      'Next session: {{Next Session}}',
      'Schedule as an intake: {{Intake Required}}',
      '',
      'You will find the client in TherapyNotes under their client ID. Please review the chart before the first session.',
      '',
      STAFF_FOOTER,
    ].join('\n'),
    description: 'Emailed to the new clinician when a reassignment is completed.',
  },

  CLINICIAN_PREVIOUS: {
    subject: 'Client {{Client ID}} reassigned to {{New Clinician}} ({{Case Ref}})',
    body: [
      'Hi {{Therapist First Name}},',
      '',
      'Client {{Client ID}} ({{Client Initials}}) has been reassigned to {{New Clinician}}; their next session is {{Next Session}}.',
      '',
      "Management has been asked to remove you from this client's list in TherapyNotes. Thank you for your care of this client and for helping with the transition.",
      '',
      'Case: {{Case Ref}}',
      '',
      STAFF_FOOTER,
    ].join('\n'),
    description: 'Emailed to the previous clinician when a reassignment is completed.',
  },

  MANAGEMENT_REMOVE: {
    subject: 'Please remove {{Previous Clinician}} from client {{Client ID}} ({{Case Ref}})',
    body: [
      'Hello,',
      '',
      "Client {{Client ID}} ({{Client Initials}}) has been reassigned. Please remove the previous clinician from the client's list in TherapyNotes.",
      '',
      'Case: {{Case Ref}}',
      'Client ID: {{Client ID}}',
      'Remove: {{Previous Clinician}}',
      'New clinician: {{New Clinician}}',
      '',
      'Thank you.',
      '',
      STAFF_FOOTER,
    ].join('\n'),
    description:
      "Emailed to the Management Email when a reassignment is completed, asking them to remove the previous clinician from the client's list.",
  },

  THERAPIST_REMINDER: {
    subject: 'Reminder: client preferences needed by {{Preference Deadline}} ({{Missing Count}} to record)',
    body: [
      'Hi {{Therapist First Name}},',
      '',
      'Thank you for helping your clients through this transition. Preferences still blank or undecided on your transition sheet: {{Missing Count}} of {{Open Count}}.',
      '',
      "Please record each client's preference by {{Preference Deadline}} (your last day is {{Last Day}}):",
      '{{Transition Sheet URL}}',
      '',
      'Still waiting for a preference (case ref and initials, as on your sheet):',
      '{{Case List}}',
      '',
      'If a client has not decided yet, choose "Undecided" for now with a short note on the best way to reach them, and update it once they decide. Please keep clinical detail out of the sheet.',
      '',
      'Thank you,',
      'The {{Practice Name}} team',
    ].join('\n'),
    description:
      'Emailed by the nightly run to a departing therapist when the Preference Deadline is near and some of their clients still have no Preference.',
  },

  STAFF_DIGEST: {
    subject: '{{Practice Name}} reassignments {{Run Date}}: {{Overdue Count}} overdue, {{Open Count}} open',
    body: [
      'Good morning,',
      '',
      'Here is the nightly summary of open client reassignments for {{Run Date}}.',
      '',
      'Open cases: {{Open Count}}',
      'Overdue: {{Overdue Count}}',
      'Missing preferences: {{Missing Count}}',
      'Nightly run: {{Run Status}}',
      '',
      '{{Case List?}}',
      '',
      'Open the tracker to work these cases: {{Tracker URL}}',
      '',
      STAFF_FOOTER,
    ].join('\n'),
    description:
      'Emailed once a day by the nightly run to the CSRs and admins: open and overdue cases with their next action.',
  },
};
