import fc from 'fast-check';
import {
  lintTemplate,
  placeholders,
  render,
  sensitiveFieldWarnings,
  TemplateError,
  type Template,
} from '../../src/server/core/templates';
import { BLNS as blns } from '../support/blns';

const tpl = (body: string, subject = 'Hello {{Practice Name}}', key = 'DEPARTURE_NOTICE'): Template => ({
  key,
  subject,
  body,
});

/** Every tag the renderer itself writes; anything else that starts with '<' leaked in. */
const OWN_TAGS =
  /<div style="[^"<>]*">|<\/div>|<p style="[^"<>]*">|<\/p>|<br>|<a href="[^"<>]*" style="[^"<>]*">|<\/a>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const textOf = (html: string) => html.replace(OWN_TAGS, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
const squeeze = (s: string) => s.replace(/[\s\u0085\u2028\u2029]+/g, '');

describe('placeholders', () => {
  it('lists each field once, subject first, with whitespace inside the braces ignored', () => {
    const t = tpl('Dear {{ Greeting   Name }}, {{Last Day?}} {{practice name}}', 'From {{Practice Name}}');
    expect(placeholders(t)).toEqual([
      { name: 'Practice Name', optional: false },
      { name: 'Greeting Name', optional: false },
      { name: 'Last Day', optional: true },
    ]);
  });

  it('counts a field as optional only when every use of it is optional', () => {
    expect(placeholders(tpl('{{Phone?}} {{ phone }}', ''))).toEqual([{ name: 'Phone', optional: false }]);
    expect(placeholders(tpl('{{Phone?}} {{ phone ? }}', ''))).toEqual([{ name: 'Phone', optional: true }]);
  });

  it('treats single braces and unmatched braces as literal text', () => {
    expect(placeholders(tpl('{Name} {{Name} {Name}}', ''))).toEqual([]);
  });
});

describe('render', () => {
  const fields = { 'Practice Name': 'Riverside Counseling', 'Greeting Name': 'Ana', 'Last Day': 'December 18, 2026' };

  it('fills placeholders matched case- and space-insensitively', () => {
    const r = render(tpl('Dear {{ greeting  NAME }}, see you {{LAST DAY}}.'), fields);
    expect(r.text).toBe('Dear Ana, see you December 18, 2026.');
    expect(r.subject).toBe('Hello Riverside Counseling');
  });

  it('renders an empty optional placeholder as nothing', () => {
    expect(render(tpl('A{{Phone?}}B'), { ...fields, Phone: '' }).text).toBe('AB');
    expect(render(tpl('A{{Phone ?}}B'), { ...fields, Phone: '  ' }).text).toBe('AB');
  });

  it('refuses an unknown and an empty required placeholder, naming the template and both', () => {
    const t = tpl('Dear {{Greeting Name}}, {{Therapist Nmae}} is leaving.');
    let err: unknown;
    try {
      render(t, { ...fields, 'Greeting Name': '' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).message).toBe(
      'Template DEPARTURE_NOTICE: unknown placeholder {{Therapist Nmae}}; empty required placeholder {{Greeting Name}} for this case.',
    );
    expect((err as TemplateError).unknown).toEqual(['Therapist Nmae']);
    expect((err as TemplateError).empty).toEqual(['Greeting Name']);
  });

  it('refuses an unknown placeholder even when it is marked optional', () => {
    expect(() => render(tpl('{{Nickname?}}'), fields)).toThrow('unknown placeholder {{Nickname}}');
  });

  it('names every problem once, across subject and body', () => {
    const t = tpl('{{A}} {{B}} {{a}} {{C}} {{D}}', '{{A}} {{C}}');
    expect(() => render(t, { C: '', D: ' ' })).toThrow(
      'Template DEPARTURE_NOTICE: unknown placeholders {{A}}, {{B}}; empty required placeholders {{C}}, {{D}} for this case.',
    );
  });

  it('says which setting to fill in when a required setting is blank', () => {
    expect(() => render(tpl('Call {{Front Desk Phone}}'), { ...fields, 'Front Desk Phone': '' })).toThrow(
      /empty required placeholder \{\{Front Desk Phone\}\} for this case \(fill in Front Desk Phone on the Settings tab\)\.$/,
    );
  });

  it('refuses an empty pair of braces', () => {
    expect(() => render(tpl('Hi {{ }}'), fields)).toThrow('unknown placeholder {{}}');
  });

  it('keeps the subject as plain text with line breaks in values turned into spaces', () => {
    const r = render(tpl('x', 'Re: {{Client Names}} & <you>'), { 'Client Names': 'Ana\r\nand\nBen\rSousa' });
    expect(r.subject).toBe('Re: Ana and Ben Sousa & <you>');
  });

  it('keeps the template text and the values as they are in the plain-text body', () => {
    const name = '<script>alert(1)</script> & {{Practice Name}}';
    const r = render(tpl('Dear {{Greeting Name}},\n\nBye & <b>thanks</b>'), { ...fields, 'Greeting Name': name });
    expect(r.text).toBe(`Dear ${name},\n\nBye & <b>thanks</b>`);
  });

  it('escapes the template text and every value in the HTML body', () => {
    const r = render(tpl('<b>Dear</b> {{Greeting Name}}'), {
      ...fields,
      'Greeting Name': '<img src=x onerror="alert(1)">',
    });
    expect(r.html).toContain('&lt;b&gt;Dear&lt;/b&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(r.html).not.toContain('<img');
    expect(r.html).not.toContain('<b>');
  });

  it('never reads a value as a placeholder', () => {
    const r = render(tpl('Hi {{Greeting Name}}'), { ...fields, 'Greeting Name': '{{Practice Name}}' });
    expect(r.text).toBe('Hi {{Practice Name}}');
    expect(r.html).toContain('Hi {{Practice Name}}');
  });

  it('turns a blank line into a new paragraph and a single line break into <br>', () => {
    const r = render(tpl('One\ntwo\r\n\r\nThree\n \nFour'), fields);
    expect(r.html).toMatch(/<p style="[^"]*">One<br>two<\/p>\n<p style="[^"]*">Three<\/p>\n<p style="[^"]*">Four<\/p>/);
  });

  it('keeps the line breaks of a multi-line value', () => {
    const r = render(tpl('Options:\n{{Reassignment Options}}'), {
      ...fields,
      'Reassignment Options': '1. Stay\n2. Choose\n\n3. Leave',
    });
    expect(r.html).toMatch(/>Options:<br>1\. Stay<br>2\. Choose<\/p>\n<p style="[^"]*">3\. Leave<\/p>/);
  });

  it('links bare https URLs of the template but not URLs inside values', () => {
    const r = render(tpl('See https://example.org/help?a=1&b=2. Or {{Link}}'), {
      ...fields,
      Link: 'https://evil.example/x',
    });
    expect(r.html).toContain('<a href="https://example.org/help?a=1&amp;b=2" style="');
    expect(r.html).toContain('>https://example.org/help?a=1&amp;b=2</a>. Or https://evil.example/x');
    expect(r.html.match(/<a /g)).toHaveLength(1);
  });

  it('does not link plain http or a bare scheme', () => {
    const r = render(tpl('http://example.org and https:// alone'), fields);
    expect(r.html).not.toContain('<a ');
  });

  it('wraps the HTML in one container with inline styles and a system font', () => {
    const { html } = render(tpl('Hello'), fields);
    expect(html).toMatch(/^<div style="font-family:-apple-system,[^"]*sans-serif;[^"]*">\n[\s\S]*\n<\/div>$/);
    expect(html).not.toMatch(/<style|class=/);
  });

  describe('with arbitrary values', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...blns));
    const names = ['Greeting Name', 'Therapist Name', 'Notes', 'Last Day'];
    const literal = fc
      .oneof(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.constantFrom('\n', '\n\n', ' https://example.org/a ', '<b>', '&amp;', '"', "'"),
      )
      .filter((s) => !/[{}]/.test(s));
    const template = fc.array(
      fc.oneof(
        literal.map((text) => ({ text })),
        fc.constantFrom(...names).map((name) => ({ name })),
      ),
      { maxLength: 12 },
    );

    it('never lets a value or the template text produce markup, and loses no text', () => {
      fc.assert(
        fc.property(template, fc.array(value, { minLength: names.length, maxLength: names.length }), (parts, vals) => {
          const body = parts.map((p) => ('name' in p ? `{{${p.name}?}}` : p.text)).join('');
          const fields = Object.fromEntries(names.map((n, i) => [n, vals[i]]));
          const r = render(tpl(body, 'S {{Notes?}}'), fields);
          const stripped = r.html.replace(OWN_TAGS, '');
          expect(stripped).not.toContain('<');
          expect(stripped).not.toContain('>');
          expect(squeeze(textOf(r.html))).toBe(squeeze(r.text));
          expect(r.subject).not.toMatch(/[\r\n\u2028\u2029]/);
        }),
        { numRuns: 500 },
      );
    });

    it('renders the same template and values the same way every time', () => {
      fc.assert(
        fc.property(template, value, (parts, v) => {
          const body = parts.map((p) => ('name' in p ? `{{${p.name}?}}` : p.text)).join('');
          const fields = Object.fromEntries(names.map((n) => [n, v]));
          expect(render(tpl(body), { ...fields, 'Practice Name': v.trim() ? v : 'P' })).toEqual(
            render(tpl(body), { ...fields, 'Practice Name': v.trim() ? v : 'P' }),
          );
        }),
      );
    });

    it('escapes every naughty string as a value and as template text', () => {
      for (const s of blns) {
        const asValue = render(tpl('Dear {{Greeting Name?}},\n\nBye'), { 'Greeting Name': s, 'Practice Name': 'P' });
        expect(asValue.html.replace(OWN_TAGS, '')).not.toMatch(/[<>]/);
        expect(squeeze(textOf(asValue.html))).toBe(squeeze(asValue.text));
        if (/[{}]/.test(s)) continue;
        const asText = render(tpl(s), { 'Practice Name': 'P' });
        expect(asText.html.replace(OWN_TAGS, '')).not.toMatch(/[<>]/);
        expect(squeeze(textOf(asText.html))).toBe(squeeze(s));
      }
    });
  });
});

describe('sensitiveFieldWarnings', () => {
  it('warns once per sensitive placeholder of a client-facing template', () => {
    const t = tpl('Your plan {{Insurance}} / {{ medicaid ? }} / {{Insurance}} / {{Greeting Name}} / {{Reason}}');
    const warnings = sensitiveFieldWarnings(t);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^Template DEPARTURE_NOTICE sends \{\{Insurance\}\} to a client: .*minimum necessary/);
    expect(warnings[1]).toContain('{{medicaid}}');
    expect(warnings[2]).toContain('{{Reason}}');
  });

  it('flags notes, flags and intake and OMHC fields too', () => {
    const fields = [
      'Notes',
      'Interaction Notes',
      'Flag',
      'Last Intake Date',
      'Intake Required',
      'OMHC Required',
      'OMHC Assessment Date',
    ];
    const t = tpl(fields.map((f) => `{{${f}}}`).join(' '), 'x', 'TERMINATION_NOTICE');
    expect(sensitiveFieldWarnings(t)).toHaveLength(fields.length);
  });

  it('says nothing about staff templates or harmless fields', () => {
    expect(sensitiveFieldWarnings(tpl('{{Insurance}} {{Reason}}', 'x', 'CLINICIAN_NEW'))).toEqual([]);
    expect(sensitiveFieldWarnings(tpl('{{Greeting Name}} {{Last Day}}', 'x', 'TEXT_FOLLOWUP'))).toEqual([]);
  });
});

describe('lintTemplate', () => {
  const known = ['Practice Name', 'Greeting Name', 'Last Day'];

  it('passes a template that uses only known fields', () => {
    expect(lintTemplate(tpl('Dear {{greeting name}}, {{Last Day?}}'), known)).toEqual([]);
  });

  it('names each unknown placeholder and where it is', () => {
    expect(lintTemplate(tpl('{{Therapist Nmae}}', 'Hi {{Greting}}'), known)).toEqual([
      'Template DEPARTURE_NOTICE: unknown placeholder {{Greting}} in the Subject.',
      'Template DEPARTURE_NOTICE: unknown placeholder {{Therapist Nmae}} in the Body.',
    ]);
  });

  it('flags braces that do not pair up and names in single braces', () => {
    expect(lintTemplate(tpl('Dear {{Greeting Name}'), known)).toEqual([
      'Template DEPARTURE_NOTICE: the Body has braces that do not pair up; write placeholders as {{Field Name}}.',
    ]);
    expect(lintTemplate(tpl('Dear Greeting Name}}'), known)).toHaveLength(1);
    expect(lintTemplate(tpl('Dear {Greeting Name}'), known)).toEqual([
      'Template DEPARTURE_NOTICE: the Body has a name in single braces; placeholders take two, as in {{Field Name}}.',
    ]);
  });

  it('flags an empty subject except for the text message, and an empty body', () => {
    expect(lintTemplate(tpl('Hi', ' '), known)).toEqual(['Template DEPARTURE_NOTICE has an empty Subject.']);
    expect(lintTemplate(tpl('Hi', '', 'TEXT_FOLLOWUP'), known)).toEqual([]);
    expect(lintTemplate(tpl('', 'Hi'), known)).toEqual(['Template DEPARTURE_NOTICE has an empty Body.']);
  });

  it('flags a key the add-on does not use and an empty placeholder', () => {
    const problems = lintTemplate(tpl('Hi {{ }}', 'x', 'DEPARTURE_NOTCE'), known);
    expect(problems[0]).toMatch(/^Template key "DEPARTURE_NOTCE" is not one the add-on uses \(DEPARTURE_NOTICE, /);
    expect(problems[1]).toBe(
      'Template DEPARTURE_NOTCE: the Body has an empty placeholder {{}}; write a field name inside the braces.',
    );
  });
});

describe('an empty optional placeholder on a line of its own', () => {
  const fields = { 'Practice Name': 'P', 'Answer Link': '', 'Greeting Name': 'Ana' };

  it('leaves the email as if the paragraph were not in the template', () => {
    const r = render(tpl('Dear {{Greeting Name}},\n\n{{Answer Link?}}\n\nBye'), fields);
    expect(r.text).toBe('Dear Ana,\n\nBye');
    expect(r.html).not.toContain('<p style="margin:0 0 1em 0;"></p>');
  });

  it('keeps the line when it holds text besides the placeholder, or the value is not empty', () => {
    expect(render(tpl('Link: {{Answer Link?}}\nBye'), fields).text).toBe('Link: \nBye');
    expect(render(tpl('A\n\n{{Answer Link?}}\n\nB'), { ...fields, 'Answer Link': 'x' }).text).toBe('A\n\nx\n\nB');
  });

  it('still refuses an unknown placeholder on such a line', () => {
    expect(() => render(tpl('A\n\n{{Nobody?}}\n\nB'), fields)).toThrow(TemplateError);
  });

  it("makes an https URL in the add-on's link fields a link, and escapes the rest of the value", () => {
    const html = render(tpl('{{Answer Link}}'), {
      ...fields,
      'Answer Link': 'Go <b>now</b>: https://script.google.com/macros/s/abc/exec?a=v1.R-1.x',
    }).html;
    expect(html).toContain(
      'Go &lt;b&gt;now&lt;/b&gt;: <a href="https://script.google.com/macros/s/abc/exec?a=v1.R-1.x"',
    );
    // Any other field's URL stays text.
    expect(render(tpl('{{Greeting Name}}'), { ...fields, 'Greeting Name': 'https://evil.example' }).html).not.toContain(
      '<a ',
    );
  });
});
