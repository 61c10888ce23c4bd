import { DEFAULT_TEMPLATES } from '../../src/server/core/defaultTemplates';
import { caseFields, CASE_LEVEL_TEMPLATES, CLIENT_FACING_FIELDS, knownFieldsFor } from '../../src/server/core/fields';
import { CLIENT_FACING_TEMPLATES, TEMPLATE_KEYS, type TemplateKey } from '../../src/server/core/schema';
import { lintTemplate, placeholders, render, sensitiveFieldWarnings } from '../../src/server/core/templates';
import { normalizeHeader } from '../../src/server/core/text';

const template = (key: TemplateKey) => ({
  key,
  subject: DEFAULT_TEMPLATES[key].subject,
  body: DEFAULT_TEMPLATES[key].body,
});

/** A plausible value for every field a key may use. */
function completeFields(key: TemplateKey): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const f of knownFieldsFor(key)) fields[f] = `[${f}]`;
  return fields;
}

/** Names, contact details and clinical or payer facts a staff email must not carry (an action such as Intake Required is fine). */
const NOT_FOR_STAFF_EMAIL = [
  'Client Name',
  'Client Names',
  'Greeting Name',
  'First Name',
  'Last Name',
  'Preferred Name',
  'Email',
  'Phone',
  'Reason',
  'Notes',
  'Interaction Notes',
  'Note',
  'Insurance',
  'Medicaid',
  'OMHC Assessment Date',
  'Last Intake Date',
];
const STAFF_KEYS = TEMPLATE_KEYS.filter((k) => !CLIENT_FACING_TEMPLATES.includes(k));

describe('default templates', () => {
  it('has one for every template key and nothing else', () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...TEMPLATE_KEYS].sort());
  });

  it.each(TEMPLATE_KEYS)('%s renders with the complete field set for its key', (key) => {
    const r = render(template(key), completeFields(key));
    expect(r.text).not.toMatch(/\{\{|\}\}/);
    expect(r.text).toContain('[');
    if (key !== 'TEXT_FOLLOWUP') expect(r.subject).not.toBe('');
  });

  it.each(TEMPLATE_KEYS)('%s lints clean against the fields of its key', (key) => {
    expect(lintTemplate(template(key), knownFieldsFor(key))).toEqual([]);
  });

  it.each(TEMPLATE_KEYS)('%s says who receives it and when', (key) => {
    expect(DEFAULT_TEMPLATES[key].description).toMatch(/^(Emailed|A short text message)/);
    expect(DEFAULT_TEMPLATES[key].description).toMatch(/when|after|once a day/);
  });

  it.each([...CLIENT_FACING_TEMPLATES])(
    '%s, sent to a client, uses only client-safe fields and raises no warning',
    (key) => {
      expect(sensitiveFieldWarnings(template(key))).toEqual([]);
      const allowed = new Set(CLIENT_FACING_FIELDS.map(normalizeHeader));
      for (const p of placeholders(template(key))) expect(allowed.has(normalizeHeader(p.name))).toBe(true);
    },
  );

  it.each([...CLIENT_FACING_TEMPLATES])(
    '%s tells the client how to reach the front desk and names the practice',
    (key) => {
      const names = placeholders(template(key)).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['Practice Name', 'Front Desk Phone']));
      if (key !== 'TEXT_FOLLOWUP') expect(DEFAULT_TEMPLATES[key].body).toMatch(/reply to this email/i);
    },
  );

  it('gives a client the reassignment options in the notice and the follow-up, and referral resources on termination', () => {
    for (const key of ['DEPARTURE_NOTICE', 'CONTACT_FOLLOWUP'] as const) {
      expect(placeholders(template(key)).map((p) => p.name)).toContain('Reassignment Options');
    }
    expect(placeholders(template('TERMINATION_NOTICE')).map((p) => p.name)).toContain('Referral Resources');
  });

  it.each(STAFF_KEYS)('%s, sent to staff, carries no client name, contact detail or clinical field', (key) => {
    const banned = new Set(NOT_FOR_STAFF_EMAIL.map(normalizeHeader));
    for (const p of placeholders(template(key))) expect(banned.has(normalizeHeader(p.name))).toBe(false);
  });

  it('points a departing therapist to their own transition sheet with the counts and the cases still missing a preference', () => {
    const names = placeholders(template('THERAPIST_REMINDER')).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['Transition Sheet URL', 'Missing Count', 'Preference Deadline', 'Case List']),
    );
  });

  it('fits the text follow-up in an SMS of 320 characters with long but typical values', () => {
    const fields = caseFields({
      settings: { 'Practice Name': 'Lakeside Wellness Group Counseling', 'Front Desk Phone': '(555) 010-0100 ext. 2' },
      members: [
        { caseRow: { Ref: 'R-000123' }, client: { 'First Name': 'Alexandrina', 'Last Name': 'Montgomery-Smythe' } },
      ],
      therapistName: 'Dr. Christopher Abernathy-Whitfield',
      lastDay: '2026-09-30',
    });
    const r = render(template('TEXT_FOLLOWUP'), fields);
    expect(r.text.length).toBeLessThanOrEqual(320);
    expect(r.text).not.toContain('\n');
    expect(r.text).toContain('September 30, 2026');
  });

  it('renders a household departure notice from the case fields builder', () => {
    const fields = caseFields({
      settings: { 'Practice Name': 'Riverside Counseling', 'Front Desk Phone': '(555) 010-0100' },
      members: [
        { caseRow: { Ref: 'R-000001' }, client: { 'First Name': 'Ana', 'Last Name': 'Sousa' } },
        { caseRow: { Ref: 'R-000002' }, client: { 'First Name': 'Ben', 'Last Name': 'Sousa' } },
      ],
      therapistName: 'Jordan Avery',
      lastDay: '2026-12-18',
    });
    const r = render(template('DEPARTURE_NOTICE'), fields);
    expect(r.text).toMatch(/^Dear Ana and Ben,\n/);
    expect(r.text).toContain(
      'Jordan Avery will be leaving Riverside Counseling. Their last day with the practice is December 18, 2026.',
    );
    expect(r.text).toContain('call our front desk at (555) 010-0100');
    expect(r.html).toContain('1. Continue your care at Riverside Counseling');
  });

  it('refuses a departure notice while the practice has no front desk phone', () => {
    const fields = { ...completeFields('DEPARTURE_NOTICE'), 'Front Desk Phone': '' };
    expect(() => render(template('DEPARTURE_NOTICE'), fields)).toThrow(/\{\{Front Desk Phone\}\}.*Settings tab/);
  });

  it('knows every case-level key is rendered for one case or household', () => {
    expect(CASE_LEVEL_TEMPLATES).toEqual(expect.arrayContaining([...CLIENT_FACING_TEMPLATES]));
  });
});
