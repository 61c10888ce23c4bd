import {
  caseFields,
  CASE_LEVEL_TEMPLATES,
  firstName,
  FIELD,
  greetingName,
  joinNames,
  knownFieldsFor,
  reassignmentOptionsText,
  TEMPLATE_FIELDS,
} from '../../src/server/core/fields';
import { CASE_HEADERS, CLIENT_HEADERS, TEMPLATE_KEYS } from '../../src/server/core/schema';

describe('template fields', () => {
  it('documents the renderer fields of every template key', () => {
    expect(Object.keys(TEMPLATE_FIELDS).sort()).toEqual([...TEMPLATE_KEYS].sort());
    for (const key of TEMPLATE_KEYS) expect(TEMPLATE_FIELDS[key].length).toBeGreaterThan(0);
  });

  it('lets a case-level email use every case and client header, the settings and its own fields', () => {
    const known = knownFieldsFor('DEPARTURE_NOTICE');
    for (const h of [...CASE_HEADERS, ...CLIENT_HEADERS, 'Email OK', 'Text OK', 'Preferred Name'])
      expect(known).toContain(h);
    for (const s of ['Practice Name', 'Front Desk Phone', 'Reply-To', 'Sender Name', 'Referral Resources'])
      expect(known).toContain(s);
    for (const f of ['Greeting Name', 'Client Names', 'Therapist Name', 'Last Day', 'Reassignment Options'])
      expect(known).toContain(f);
  });

  it('gives the digest and the therapist reminder no single client to draw from', () => {
    for (const key of ['STAFF_DIGEST', 'THERAPIST_REMINDER'] as const) {
      expect(CASE_LEVEL_TEMPLATES).not.toContain(key);
      const known = knownFieldsFor(key);
      expect(known).not.toContain('Client ID');
      expect(known).not.toContain('First Name');
      expect(known).toContain('Practice Name');
    }
    expect(knownFieldsFor('STAFF_DIGEST')).toEqual(
      expect.arrayContaining(['Run Date', 'Case List', 'Overdue Count', 'Open Count', 'Run Status']),
    );
    expect(knownFieldsFor('THERAPIST_REMINDER')).toEqual(
      expect.arrayContaining(['Transition Sheet URL', 'Missing Count', 'Preference Deadline']),
    );
  });

  it('lists each known field once even when a header and a derived field share a name', () => {
    const known = knownFieldsFor('CLINICIAN_NEW');
    expect(known.filter((f) => f === 'New Clinician')).toHaveLength(1);
    expect(new Set(known).size).toBe(known.length);
  });
});

describe('derived values', () => {
  it('joins names the way a letter addresses a household', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Ana'])).toBe('Ana');
    expect(joinNames(['Ana', 'Ben'])).toBe('Ana and Ben');
    expect(joinNames(['Ana', ' ', 'Ben', 'Cleo'])).toBe('Ana, Ben and Cleo');
  });

  it('greets a client by preferred name, else first name, whatever the header case', () => {
    expect(greetingName({ 'First Name': 'Alexandra', 'Preferred Name': 'Sasha' })).toBe('Sasha');
    expect(greetingName({ 'first name': ' Alexandra ', 'Preferred Name': '  ' })).toBe('Alexandra');
  });

  it("takes a clinician's first name without a title", () => {
    expect(firstName('Dr. Jordan Avery')).toBe('Jordan');
    expect(firstName('Priya Raman')).toBe('Priya');
    expect(firstName('')).toBe('');
  });

  it('lists the four reassignment options, naming the recommended clinician when there is one', () => {
    const text = reassignmentOptionsText('Riverside Counseling', 'Priya Raman');
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('with Priya Raman, the clinician we recommend');
    expect(text).toMatch(/Choose another clinician at Riverside Counseling/);
    expect(text).toMatch(/referral to a provider outside Riverside Counseling/);
    expect(text).toMatch(/End services/);
    expect(reassignmentOptionsText('Riverside Counseling')).toContain('with a clinician we recommend for you');
  });

  it('builds one household notice naming each member', () => {
    const f = caseFields({
      settings: { 'Practice Name': 'Riverside Counseling', 'Front Desk Phone': '(555) 010-0100', 'Sender Name': '' },
      members: [
        {
          caseRow: { Ref: 'R-000001', 'Recommended Clinician': 'Priya Raman' },
          client: { 'Client ID': '00123', 'First Name': 'Ana', 'Last Name': 'Sousa' },
        },
        {
          caseRow: { Ref: 'R-000002', 'Recommended Clinician': 'Marcus Bell' },
          client: { 'Client ID': '00124', 'First Name': 'Benjamin', 'Last Name': 'Sousa', 'Preferred Name': 'Ben' },
        },
      ],
      therapistName: 'Dr. Jordan Avery',
      lastDay: '2026-12-18',
      extra: { 'Tracker URL': 'https://example.org/hub' },
    });
    expect(f[FIELD.greetingName]).toBe('Ana and Ben');
    expect(f[FIELD.clientNames]).toBe('Ana Sousa and Benjamin Sousa');
    expect(f[FIELD.clientInitials]).toBe('A.S., B.S.');
    expect(f[FIELD.caseRef]).toBe('R-000001, R-000002');
    expect(f[FIELD.therapistFirstName]).toBe('Jordan');
    expect(f[FIELD.lastDay]).toBe('December 18, 2026');
    expect(f['Client ID']).toBe('00123');
    expect(f['Sender Name']).toBe('Riverside Counseling');
    expect(f['Tracker URL']).toBe('https://example.org/hub');
    // Different recommendations in one household: the general wording.
    expect(f[FIELD.reassignmentOptions]).toContain('with a clinician we recommend for you');
  });
});
