/**
 * The practice the benchmark grows: `clients` on the roster (the sample
 * practice's messy export) and about as many cases on the tracker, which
 * already holds one earlier client request per staying Active client (most
 * closed, one in ten still being worked), each with its Interaction Notes and
 * Log rows, as a hub in its second year would.
 *
 * The departing therapist takes every third client, either without limit (the
 * benchmark: her departure grows with the practice, over 1,300 cases at 5,000
 * clients) or up to a fixed number (the flatness test: the same clients in a
 * hub of 100 and one of 5,000, since the sample practice's first clients are
 * the same whatever its size).
 */
import type { SampleClient, SampleClinician, SamplePractice } from '../sample/practice';
import type { Hub } from '../../test/support/hub';

/** The therapist who leaves (the sample practice's first clinician). */
export const departingTherapist = (practice: SamplePractice): SampleClinician => practice.clinicians[0];

/** Every third client to the departing therapist, up to `limit`; her other clients go round the rest. */
export function concentrateCaseload(practice: SamplePractice, limit = Infinity): void {
  const name = departingTherapist(practice).Name;
  const others = practice.clinicians.slice(1);
  let given = 0;
  practice.clients.forEach((c, i) => {
    if (i % 3 === 0 && given < limit) {
      c.Clinician = name;
      given++;
    } else if (c.Clinician === name) {
      c.Clinician = others[i % others.length].Name;
    }
  });
}

const HISTORY_OPENED = '2026-09-14';
const HISTORY_CLOSED = '2026-10-02';

/**
 * Earlier client requests of the clients who stay, pasted as a person would
 * have left them: one case each, Reassigned, except every tenth, which is
 * still being worked (Contacting, call 1 made). Returns how many were added.
 */
export function seedHistory(hub: Hub): number {
  const { practice } = hub;
  const departing = departingTherapist(practice).Name;
  const staying = practice.clients.filter((c) => c.Clinician !== departing && c.Status === 'Active');
  const ref = (i: number): string => `R-${String(i + 1).padStart(6, '0')}`;
  hub.seed(
    'Reassignments',
    staying.map((c, i) => historyCase(c, ref(i), i % 10 === 0, practice)),
  );
  hub.seed(
    'Interaction Notes',
    staying.map((c, i) => ({
      Timestamp: HISTORY_OPENED,
      Ref: ref(i),
      'Client ID': c['Client ID'],
      Author: hub.csr,
      Channel: 'Call',
      Note: 'Asked for an evening slot; offered two clinicians.',
    })),
  );
  hub.seed(
    'Log',
    staying.map((_, i) => ({
      Timestamp: HISTORY_OPENED,
      User: hub.csr,
      Action: 'Open reassignment request',
      Ref: ref(i),
      Details: 'Schedule conflict',
    })),
  );
  return staying.length;
}

function historyCase(c: SampleClient, ref: string, open: boolean, practice: SamplePractice): Record<string, unknown> {
  // The clinician they had before the request: anyone but the one they have now.
  const before = practice.clinicians.find((k) => k.Name !== c.Clinician)?.Name ?? '';
  return {
    Ref: ref,
    Opened: HISTORY_OPENED,
    Source: 'Client request',
    'Client ID': c['Client ID'],
    'Client Name': `${c['First Name']} ${c['Last Name']}`,
    'Previous Clinician': open ? c.Clinician : before,
    Reason: 'Schedule conflict',
    Status: open ? 'Contacting' : 'Reassigned',
    'Call 1': open ? '2026-11-20' : '',
    'New Clinician': open ? '' : c.Clinician,
    'Next Session': open ? '' : HISTORY_CLOSED,
    'Last Updated': open ? '2026-11-20' : HISTORY_CLOSED,
  };
}
