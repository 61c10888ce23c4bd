/**
 * A hub for the contact, close and nightly tests: the sample practice plus a
 * departing therapist (Dana) whose four clients each exercise one rule — an
 * ordinary client, one who must never be emailed, one who must never be
 * texted, and one with a hostile name and an address that is not one —
 * and the settings the client emails need.
 */
import { caseRow, newHub, setSetting, type Hub, type HubOptions } from './hub';

export const DANA = {
  Name: 'Dana Departing',
  Email: 'dana@clinic.example.com',
  'Supervisor Email': 'sup@clinic.example.com',
  Status: 'Active',
  'Accepting New Clients': false,
  Insurances: 'Aetna',
  Medicaid: false,
};
export const FRONT_DESK = '(555) 010-0100';
export const REFERRALS = 'Community Counseling Center: 555-0199';
/** Monday 2026-11-16, 2 pm in New York. */
export const MONDAY = '2026-11-16T19:00:00.000Z';

const client = (
  id: string,
  first: string,
  last: string,
  more: Record<string, unknown> = {},
): Record<string, unknown> => ({
  'Client ID': id,
  'First Name': first,
  'Last Name': last,
  Email: `c${id}@mail.example.com`,
  Phone: '555-010-2000',
  Clinician: DANA.Name,
  Status: 'Active',
  Insurance: 'Aetna',
  Medicaid: false,
  'Last Intake Date': '2026-06-01',
  'Portal Access': true,
  'Documents Complete': true,
  ...more,
});

export const HOSTILE_FIRST = '=HYPERLINK("http://example.invalid","x")';

/** In Client ID order, which is Ref order once the departure starts. */
export const CLIENTS = [
  client('50001', 'Ana', 'Alvarez'),
  client('50002', 'Ben', 'Brooks', { 'Email OK': false }),
  client('50003', 'Cleo', 'Castro', { 'Text OK': false }),
  client('50004', HOSTILE_FIRST, 'Doe', { Email: 'not-an-address' }),
];

export interface ContactHub extends Hub {
  departureId: string;
  /** Ref of each of Dana's clients, by Client ID. */
  refs: Record<string, string>;
}

export function contactHub(
  opts: HubOptions & { start?: boolean; lastDay?: string; noticeDate?: string } = {},
): ContactHub {
  const hub = newHub({ clients: 8, clinicians: 3, messy: false, now: MONDAY, ...opts });
  setSetting(hub, 'Front Desk Phone', FRONT_DESK);
  setSetting(hub, 'Referral Resources', REFERRALS);
  setSetting(hub, 'Practice Name', 'Lakeside Wellness');
  hub.seed('Clinicians', [DANA]);
  hub.seed('Clients', CLIENTS);
  let departureId = '';
  const refs: Record<string, string> = {};
  if (opts.start !== false) {
    departureId = hub.call<{ departureId: string }>('startDeparture', {
      clinician: DANA.Name,
      noticeDate: opts.noticeDate ?? '2026-11-16',
      lastDay: opts.lastDay ?? '2026-12-18',
    }).departureId;
    for (const c of hub.rows('Reassignments'))
      if (c['Departure ID'] === departureId) refs[String(c['Client ID'])] = String(c.Ref);
  }
  hub.emu.kernel.resetCounters();
  return { ...hub, departureId, refs };
}

export { caseRow };

/** The displayed date of a case's column ('11/18/2026'), or ''. */
export function shown(hub: Hub, ref: string, header: string): string {
  return String(caseRow(hub, ref, true)[header] ?? '');
}

export { thrown as refusal } from './thrown';

export { setSetting };
