/**
 * The practice of the end-to-end process test: the sample roster (messy) with
 * Dana Whitfield's messy household cases added, one client of hers who is
 * Inactive (she comes back later, after Dana has left), and the nights of the
 * virtual calendar the process runs on (America/New_York, EST all along).
 */
import { exportCsv, type SampleClient } from '../../dev/sample/practice';
import { caseRow, type Hub } from './hub';
import { extraClients } from './departure';

export type Rec = Record<string, unknown>;

export const PRACTICE = 'Lakeside Wellness Group';
export const MANAGEMENT = 'management@clinic.example.com';
export const REPLY_TO = 'frontdesk@clinic.example.com';
export const FRONT_DESK = '(555) 010-0100';
export const REFERRALS = 'Community Counseling Center: 555-0199';
export const HOLIDAY = '2026-11-11';

/** Monday 2 November 2026, 10 am in New York: Dana hands in her notice. */
export const MONDAY_NOV_2 = '2026-11-02T15:00:00.000Z';

/** Dana's client who paused therapy and is not on her departure list. */
export const RETURNING = {
  'Client ID': '08801',
  'First Name': 'Nadia',
  'Last Name': 'Formerly',
  Email: 'nadia.formerly@mail.example.org',
  Phone: '555-030-0001',
  Clinician: 'Dana Whitfield',
  Status: 'Inactive',
  Insurance: 'Aetna',
  Medicaid: false,
  'Last Intake Date': '2025-03-01',
  'Portal Access': true,
  'Documents Complete': true,
  'OMHC Assessment Date': '',
  'Email OK': '',
  'Text OK': '',
  'Preferred Name': '',
} as const;

/** The EHR export the transition manager imports: the sample roster, Dana's extra clients and the returning client. */
export function ehrExport(clients: SampleClient[]): string {
  const another = clients.find(
    (c) => !/^(Dana|Morgan) /.test(c.Clinician) && c.Email.includes('@') && !c.Email.includes('@@'),
  );
  if (!another) throw new Error('the sample roster has no other client with an email address');
  const extra = extraClients(9, another.Email) as unknown as SampleClient[];
  return exportCsv([...clients, ...extra, { ...RETURNING } as unknown as SampleClient]);
}

/** 'YYYY-MM-DD' of each day after `from`, up to and including `to`. */
export function daysAfter(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T12:00:00Z`) + 86400000; t <= Date.parse(`${to}T12:00:00Z`); t += 86400000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** 'M/d/yyyy' as the sheet shows a date. */
export const shown = (day: string): string => `${+day.slice(5, 7)}/${+day.slice(8, 10)}/${day.slice(0, 4)}`;

/** The New York day an email went out (EST: UTC-5 throughout November). */
export const sentOn = (at: string): string => new Date(Date.parse(at) - 5 * 3600000).toISOString().slice(0, 10);

export const text = (v: unknown): string => String(v ?? '').trim();

/** A case's row by Ref, as the sheet displays it. */
export const caseOf = (hub: Hub, ref: string): Rec => caseRow(hub, ref, true);

/** A client's row by Client ID, as the sheet holds it. */
export function clientOf(hub: Hub, id: string): Rec {
  const row = hub.rows('Clients').find((r) => text(r['Client ID']) === id);
  if (!row) throw new Error(`no client ${id} on Clients`);
  return row;
}

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const emailable = (c: Rec): boolean =>
  ADDRESS.test(text(c.Email)) && c['Email OK'] !== false && text(c['Email OK']).toUpperCase() !== 'FALSE';
export const textable = (c: Rec): boolean =>
  text(c.Phone) !== '' && c['Text OK'] !== false && text(c['Text OK']).toUpperCase() !== 'FALSE';
