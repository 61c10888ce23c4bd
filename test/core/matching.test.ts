import fc from 'fast-check';
import { ClientFacts, ClinicianFacts, matchClinicians } from '../../src/server/core/matching';

const clinician = (name: string, change: Partial<ClinicianFacts> = {}): ClinicianFacts => ({
  name,
  email: `${name.split(' ')[0].toLowerCase()}@clinic.example`,
  status: 'Active',
  accepting: true,
  insurances: 'Aetna, Cigna',
  medicaid: false,
  activeClients: 10,
  ...change,
});
const client = (change: Partial<ClientFacts> = {}): ClientFacts => ({
  clientId: 'C-1001',
  clinician: 'Dana Reyes',
  insurance: 'Aetna',
  medicaid: false,
  ...change,
});
const names = (r: { matches: { name: string }[] }) => r.matches.map((m) => m.name);
const whyOf = (r: { excluded: { name: string; why: string }[] }, name: string) =>
  r.excluded.find((e) => e.name === name)?.why;

describe('matchClinicians', () => {
  it('offers an Active clinician who accepts new clients and takes the insurance', () => {
    const r = matchClinicians(client(), [clinician('Sam Lee')]);
    expect(r.matches).toEqual([
      {
        name: 'Sam Lee',
        email: 'sam@clinic.example',
        recommended: false,
        activeClients: 10,
        reasons: ['Takes Aetna', '10 active clients'],
      },
    ]);
    expect(r.excluded).toEqual([]);
  });

  it('leaves out the current clinician, whatever the spacing or case', () => {
    const r = matchClinicians(client({ clinician: ' dana  reyes ' }), [clinician('Dana Reyes'), clinician('Sam Lee')]);
    expect(names(r)).toEqual(['Sam Lee']);
    expect(whyOf(r, 'Dana Reyes')).toBe('Current clinician');
  });

  it('leaves out clinicians who are not Active', () => {
    const r = matchClinicians(client(), [
      clinician('Pat Kim', { status: 'Departing' }),
      clinician('Lou Park', { status: 'Left' }),
    ]);
    expect(r.matches).toEqual([]);
    expect(whyOf(r, 'Pat Kim')).toBe('Not active (Status is Departing)');
    expect(whyOf(r, 'Lou Park')).toBe('Not active (Status is Left)');
  });

  it('leaves out clinicians not accepting new clients', () => {
    const r = matchClinicians(client(), [clinician('Pat Kim', { accepting: false })]);
    expect(whyOf(r, 'Pat Kim')).toBe('Not accepting new clients');
  });

  it("leaves out clinicians who do not take the client's insurance, naming it", () => {
    const r = matchClinicians(client({ insurance: 'United Healthcare' }), [clinician('Pat Kim')]);
    expect(whyOf(r, 'Pat Kim')).toBe('Does not take United Healthcare');
  });

  it('matches insurance names without regard to case or spacing', () => {
    const r = matchClinicians(client({ insurance: 'blue cross' }), [
      clinician('Pat Kim', { insurances: 'Aetna; BlueCross\nCigna' }),
    ]);
    expect(names(r)).toEqual(['Pat Kim']);
    expect(r.matches[0].reasons).toContain('Takes blue cross');
  });

  it('does not match one plan name inside another', () => {
    const r = matchClinicians(client({ insurance: 'Aetna Medicare' }), [clinician('Pat Kim', { insurances: 'Aetna' })]);
    expect(names(r)).toEqual([]);
  });

  it.each(['', 'Self-pay', 'self pay', 'Private Pay', 'SELFPAY'])(
    'lets a client paying privately (%p) see every clinician',
    (insurance) => {
      const r = matchClinicians(client({ insurance }), [
        clinician('Pat Kim', { insurances: '' }),
        clinician('Sam Lee'),
      ]);
      expect(names(r).sort()).toEqual(['Pat Kim', 'Sam Lee']);
    },
  );

  it.each(['All', 'any', 'Aetna, ANY'])('treats a clinician listing %p as taking every insurance', (insurances) => {
    const r = matchClinicians(client({ insurance: 'Tricare' }), [clinician('Pat Kim', { insurances })]);
    expect(names(r)).toEqual(['Pat Kim']);
  });

  it('requires Medicaid credentialing only for Medicaid clients', () => {
    const team = [clinician('Pat Kim', { medicaid: true }), clinician('Sam Lee', { medicaid: false })];
    const onMedicaid = matchClinicians(client({ medicaid: true }), team);
    expect(names(onMedicaid)).toEqual(['Pat Kim']);
    expect(onMedicaid.matches[0].reasons).toContain('Medicaid-credentialed');
    expect(whyOf(onMedicaid, 'Sam Lee')).toBe('Not Medicaid-credentialed');
    expect(names(matchClinicians(client({ medicaid: false }), team)).sort()).toEqual(['Pat Kim', 'Sam Lee']);
  });

  it('gives every reason a clinician was left out', () => {
    const r = matchClinicians(client({ insurance: 'Cigna', medicaid: true }), [
      clinician('Pat Kim', { status: 'Departing', accepting: false, insurances: 'Aetna' }),
    ]);
    expect(whyOf(r, 'Pat Kim')).toBe(
      'Not active (Status is Departing); Not accepting new clients; Does not take Cigna; Not Medicaid-credentialed',
    );
  });

  it('puts the recommended clinician first, then the lightest caseload, then by name', () => {
    const r = matchClinicians(
      client(),
      [
        clinician('Zoe Hart', { activeClients: 3 }),
        clinician('Ann Bell', { activeClients: 3 }),
        clinician('Max Ford', { activeClients: 25 }),
        clinician('Ivy Chen', { activeClients: 1 }),
      ],
      { recommended: 'max ford' },
    );
    expect(names(r)).toEqual(['Max Ford', 'Ivy Chen', 'Ann Bell', 'Zoe Hart']);
    expect(r.matches[0].recommended).toBe(true);
    expect(r.matches[0].reasons).toEqual([
      'Recommended by the departing therapist',
      'Takes Aetna',
      '25 active clients',
    ]);
    expect(r.matches[1].reasons).toEqual(['Takes Aetna', '1 active client']);
  });

  it('marks a recommended clinician who cannot take the client among the excluded', () => {
    const r = matchClinicians(client(), [clinician('Max Ford', { accepting: false }), clinician('Ivy Chen')], {
      recommended: 'Max Ford',
    });
    expect(names(r)).toEqual(['Ivy Chen']);
    expect(r.excluded).toEqual([{ name: 'Max Ford', why: 'Not accepting new clients', recommended: true }]);
  });

  it('skips blank rows and treats a missing caseload as zero', () => {
    const r = matchClinicians(client(), [clinician('  '), clinician('Ivy Chen', { activeClients: NaN })]);
    expect(names(r)).toEqual(['Ivy Chen']);
    expect(r.matches[0].activeClients).toBe(0);
    expect(r.excluded).toEqual([]);
  });

  it('puts every clinician in exactly one list, and every match meets every rule', () => {
    const person = fc.record({
      name: fc.constantFrom('Ann Bell', 'Dana Reyes', 'Ivy Chen', 'Max Ford', 'Pat Kim', 'Sam Lee'),
      email: fc.constant('x@clinic.example'),
      status: fc.constantFrom('Active', 'Departing', 'Left', 'active'),
      accepting: fc.boolean(),
      insurances: fc.constantFrom('', 'Aetna', 'Cigna; Aetna', 'All', 'Tricare'),
      medicaid: fc.boolean(),
      activeClients: fc.integer({ min: 0, max: 40 }),
    });
    const someone = fc.record({
      clientId: fc.constant('C-1'),
      clinician: fc.constantFrom('Dana Reyes', ''),
      insurance: fc.constantFrom('', 'Aetna', 'Cigna', 'Self-pay'),
      medicaid: fc.boolean(),
    });
    fc.assert(
      fc.property(someone, fc.uniqueArray(person, { selector: (p) => p.name }), (c, team) => {
        const r = matchClinicians(c, team);
        expect(r.matches.length + r.excluded.length).toBe(team.length);
        for (const m of r.matches) {
          const t = team.find((p) => p.name === m.name)!;
          expect(t.status.toLowerCase()).toBe('active');
          expect(t.accepting).toBe(true);
          if (c.medicaid) expect(t.medicaid).toBe(true);
          expect(m.name).not.toBe(c.clinician);
        }
        for (let i = 1; i < r.matches.length; i++)
          expect(r.matches[i - 1].activeClients).toBeLessThanOrEqual(r.matches[i].activeClients);
      }),
    );
  });
});
