/**
 * The platform probes: every behaviour of the Apps Script services the add-on
 * relies on, each with the page it follows and what it asserts. This list is
 * the one source: `npm test` runs it on the emulator (test/platform), the
 * emulator's contract tests run the probes that pin a behaviour of theirs,
 * and Handoff ▸ Check this installation runs it on the practice's account.
 *
 * A probe writes only into the check's scratch spreadsheet (or makes a
 * trigger, a property or a cache entry it undoes), uses the add-on's own code
 * where the add-on does the thing (the table layer for text and dates, the
 * therapist sheet's protection, the Overdue colouring formula), and where the
 * documentation is silent asserts what the emulator models, so a practice's
 * first check tells us whether the emulator is right.
 */
import { Civil, civilToDate, clockTime, toCivil } from '../core/dates';
import { DATE_FORMAT, DATE_TIME_FORMAT } from '../core/hubSpec';
import { Table } from '../table/table';
import { keepOnlyMeAsEditor } from '../workflows/departure/sheetFile';
import { OVERDUE_BACKGROUND, overdueFormula } from '../workflows/nightly/nextActions';
import { CannotRun, Outcome, Probe, ProbeResult, Scene } from './probe';

const REF = 'https://developers.google.com/apps-script/reference';

/** Text that Sheets would read as something else if written as typed: the spellings the practice's data has. */
export const TEXTS: readonly string[] = [
  '00123',
  '+1 555 0100',
  '=HYPERLINK("https://example.org","x")',
  '-2+3',
  '2026-01-02',
  'TRUE',
  'March 3',
  '12%',
  "'quoted",
];

/** Writes TEXTS through the table layer (appended, then set on the rows it made) and reads them back. */
function textThroughTable(scene: Scene, name: string, plainText: boolean): Outcome {
  const sheet = scene.tab(name);
  sheet.getRange(1, 1, 1, 2).setValues([['Ref', 'Text']]);
  if (plainText) sheet.getRange(2, 2, TEXTS.length + 1, 1).setNumberFormat('@');
  const first = Table.read(scene.scratch, name, scene.timeZone);
  TEXTS.forEach((text, i) => first.append({ Ref: `T${i + 1}`, Text: text }));
  first.commit();
  const appended = Table.read(scene.scratch, name, scene.timeZone);
  const gotAppended = appended.rows.map((r) => r.get('Text'));
  const rotated = [...TEXTS.slice(1), TEXTS[0]];
  appended.rows.forEach((r, i) => r.set('Text', rotated[i]));
  appended.commit();
  const gotSet = Table.read(scene.scratch, name, scene.timeZone).rows.map((r) => r.get('Text'));
  const formulas = sheet
    .getRange(2, 2, TEXTS.length, 1)
    .getFormulas()
    .flat()
    .filter((f) => f !== '');
  return {
    expected: { appended: TEXTS, set: rotated, formulas: [] },
    got: { appended: gotAppended, set: gotSet, formulas },
  };
}

/** How a cell's value reads back: its kind and value, or the formula it became. */
function kindOf(value: unknown, formula: string, timeZone: string): [string, unknown] {
  if (formula) return ['formula', formula];
  if (Object.prototype.toString.call(value) === '[object Date]') return ['date', toCivil(value as Date, timeZone)];
  return [typeof value, value];
}

const emailsOf = (users: GoogleAppsScript.Base.User[]): string[] => users.map((u) => u.getEmail().toLowerCase()).sort();
/** A key no one else uses, for probes of the stores the add-on shares with itself. */
const scratchKey = (): string => `caseloadHandoff.platformCheck.${Utilities.getUuid()}`;

const DST_DAY = '2026-03-08' as Civil;
/** Instants whose New York wall time is known: either side of both 2026 clock changes. */
const NEW_YORK: readonly [string, string][] = [
  ['2026-03-08T06:30:00.000Z', '2026-03-08 01:30'],
  ['2026-03-08T07:30:00.000Z', '2026-03-08 03:30'],
  ['2026-11-01T05:30:00.000Z', '2026-11-01 01:30'],
  ['2026-11-01T06:30:00.000Z', '2026-11-01 01:30'],
  ['2026-12-31T23:59:00.000Z', '2026-12-31 18:59'],
];
/** Instants across a year, for agreement in the hub's own zone. */
const ACROSS_A_YEAR: readonly string[] = Array.from(
  { length: 12 },
  (_, m) => `2026-${String(m + 1).padStart(2, '0')}-15T${String((m * 5) % 24).padStart(2, '0')}:45:00.000Z`,
);
const wallText = (iso: string, timeZone: string): string => {
  const d = new Date(iso);
  const t = clockTime(d, timeZone);
  return `${toCivil(d, timeZone)} ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
};

/** The JSON shapes the server API sends and receives: what a google.script.run round trip must carry unchanged. */
export const ROUND_TRIP_SAMPLE = {
  text: 'Zoë Ñúñez 🙂 <b>&amp;</b> "quoted" \\ back',
  lines: 'one\ntwo\r\nthree\u2028four',
  empty: '',
  zero: 0,
  negative: -1.5,
  large: 9007199254740991,
  yes: true,
  no: false,
  none: null,
  instant: '2026-03-08T07:30:00.000Z',
  day: '2026-03-08',
  list: [1, 'two', [3, { four: 4 }], []],
  nested: { a: { b: { c: 'deep' } }, emptyObject: {} },
  rows: [{ ref: 'R-000123', clientId: '00123', phone: '+1 555 0100', flag: null }],
};

export const PROBES: readonly Probe[] = [
  {
    name: 'text stays text in an automatic cell',
    page: `${REF}/spreadsheet/range#setvaluesvalues`,
    asserts:
      'Text the table layer writes (IDs with leading zeros, phones, formulas, sums, dates, booleans) into a cell of automatic format reads back as exactly that text, no formula made',
    run: (scene) => textThroughTable(scene, 'Automatic', false),
  },
  {
    name: 'text stays text in a Plain-text column',
    page: `${REF}/spreadsheet/range#setnumberformatnumberformat`,
    asserts:
      "The same text written by the table layer into a column formatted Plain text ('@') reads back exactly, with no leading apostrophe kept (the emulator models an apostrophe there as kept as a character)",
    run: (scene) => textThroughTable(scene, 'Plain text', true),
  },
  {
    name: 'a script write is parsed like typing',
    page: `${REF}/spreadsheet/range#setvaluevalue`,
    asserts:
      "A string written as it is into an automatic cell is parsed as a person's typing would be: the reason the table layer guards text",
    run: (scene) => {
      const sheet = scene.tab('Typing');
      const typed = ['00123', '2026-01-02', '=1+1', 'TRUE', "'00123", 'Ms. Rivera'];
      const range = sheet.getRange(1, 1, 1, typed.length);
      range.setValues([typed]);
      const values = range.getValues()[0];
      const formulas = range.getFormulas()[0];
      return {
        expected: [
          ['number', 123],
          ['date', '2026-01-02'],
          ['formula', '=1+1'],
          ['boolean', true],
          ['string', '00123'],
          ['string', 'Ms. Rivera'],
        ],
        got: values.map((v, i) => kindOf(v, formulas[i], scene.timeZone)),
      };
    },
  },
  {
    name: 'dates and their formats in the hub time zone',
    page: 'https://developers.google.com/sheets/api/guides/formats',
    asserts:
      "A day and a day-and-time written by the table layer under the hub's date formats read back as the same day and instant, show as the practice reads them, and keep their formats; a Date written into an automatic cell gets Sheets' own date format",
    run: (scene) => {
      const sheet = scene.tab('Dates');
      sheet.getRange(1, 1, 1, 3).setValues([['Day', 'When', 'Automatic']]);
      sheet.getRange(2, 1, 1, 2).setNumberFormats([[DATE_FORMAT, DATE_TIME_FORMAT]]);
      const when = civilToDate(DST_DAY, scene.timeZone, 14, 30);
      const t = Table.read(scene.scratch, 'Dates', scene.timeZone);
      const row = t.append({ When: when, Automatic: civilToDate(DST_DAY, scene.timeZone) });
      row.setDate('Day', DST_DAY);
      t.commit();
      const back = Table.read(scene.scratch, 'Dates', scene.timeZone).rows[0];
      const range = sheet.getRange(2, 1, 1, 3);
      const got = back?.get('When');
      return {
        expected: {
          day: DST_DAY,
          when: when.toISOString(),
          shown: ['3/8/2026', '3/8/2026 2:30 PM'],
          formats: [DATE_FORMAT, DATE_TIME_FORMAT, 'M/d/yyyy'],
        },
        got: {
          day: back?.date('Day') ?? null,
          when: Object.prototype.toString.call(got) === '[object Date]' ? (got as Date).toISOString() : got,
          shown: range.getDisplayValues()[0].slice(0, 2),
          formats: range.getNumberFormats()[0],
        },
      };
    },
  },
  {
    name: 'dropdown lists',
    page: `${REF}/spreadsheet/data-validation-builder#requirevalueinlistvalues,-showdropdown`,
    asserts:
      "A dropdown as set-up makes it (warning only, with help text) and as the therapist's sheet makes it (rejecting other values) reads back as the same kind, values and settings",
    run: (scene) => {
      const sheet = scene.tab('Dropdowns');
      const values = ['Stay with practice', 'Refer out'];
      const warn = SpreadsheetApp.newDataValidation()
        .setAllowInvalid(true)
        .setHelpText('Choose from the list.')
        .requireValueInList(values, true)
        .build();
      const strict = SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false).build();
      sheet.getRange('A2:A5').setDataValidation(warn);
      sheet.getRange('B2:B5').setDataValidation(strict);
      const read = sheet.getRange('A2:B2').getDataValidations()[0];
      return {
        expected: [
          { type: 'VALUE_IN_LIST', values: [values, true], allowInvalid: true, help: 'Choose from the list.' },
          { type: 'VALUE_IN_LIST', values: [values, true], allowInvalid: false },
        ],
        got: read.map((v, i) => {
          if (!v) return null;
          const out: Record<string, unknown> = {
            type: String(v.getCriteriaType()),
            values: v.getCriteriaValues(),
            allowInvalid: v.getAllowInvalid(),
          };
          if (i === 0) out.help = v.getHelpText();
          return out;
        }),
      };
    },
  },
  {
    name: 'checkboxes',
    page: `${REF}/spreadsheet/range#insertcheckboxes`,
    asserts:
      'Checkboxes (inserted, or a checkbox rule as set-up makes it) read as FALSE, as TRUE once the table layer ticks one, and carry the CHECKBOX rule',
    run: (scene) => {
      const sheet = scene.tab('Checkboxes');
      sheet.getRange(1, 1, 1, 2).setValues([['Ref', 'Done']]);
      sheet.getRange('B2:B3').insertCheckboxes();
      sheet.getRange('C2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      sheet.getRange('A2:A3').setValues([['R-1'], ['R-2']]);
      const t = Table.read(scene.scratch, 'Checkboxes', scene.timeZone);
      t.rows[1]?.set('Done', true);
      t.commit();
      const rules = sheet.getRange('B2:C2').getDataValidations()[0];
      return {
        expected: { values: [false, true], rules: ['CHECKBOX', 'CHECKBOX'] },
        got: {
          values: sheet
            .getRange('B2:B3')
            .getValues()
            .map((r) => r[0]),
          rules: rules.map((v) => (v ? String(v.getCriteriaType()) : null)),
        },
      };
    },
  },
  {
    name: 'a conditional format formula',
    page: `${REF}/spreadsheet/conditional-format-rule-builder#whenformulasatisfiedformula`,
    asserts:
      'The Overdue colouring rule the nightly run makes reads back with its formula exactly as written and over the same range, so the nightly run sees it is already there',
    run: (scene) => {
      const sheet = scene.tab('Colours');
      const formula = overdueFormula(3);
      const rule = SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(formula)
        .setBackground(OVERDUE_BACKGROUND)
        .setRanges([sheet.getRange('A2:D50')])
        .build();
      sheet.setConditionalFormatRules([rule]);
      const back = sheet.getConditionalFormatRules();
      const condition = back[0]?.getBooleanCondition();
      return {
        expected: { rules: 1, type: 'CUSTOM_FORMULA', values: [formula], ranges: ['A2:D50'] },
        got: {
          rules: back.length,
          type: condition ? String(condition.getCriteriaType()) : null,
          values: condition ? condition.getCriteriaValues() : null,
          ranges: back[0] ? back[0].getRanges().map((r) => r.getA1Notation()) : null,
        },
      };
    },
  },
  {
    name: 'a protection only you can edit',
    page: `${REF}/spreadsheet/sheet#protect`,
    asserts:
      "A tab protected the way the therapist's sheet is protected has you as its only editor, no domain editing and no warning-only mode",
    run: (scene) => {
      if (!scene.user) throw new CannotRun('Google did not say who is running the check');
      const protection = scene.tab('Protected').protect().setDescription('Platform check');
      keepOnlyMeAsEditor(protection);
      return {
        expected: { editors: [scene.user], domainEdit: false, warningOnly: false },
        got: {
          editors: emailsOf(protection.getEditors()),
          domainEdit: protection.canDomainEdit(),
          warningOnly: protection.isWarningOnly(),
        },
      };
    },
  },
  {
    name: 'a warning-only protection',
    page: `${REF}/spreadsheet/protection#setwarningonlywarningonly`,
    asserts:
      'A column protected warning-only, as set-up protects the columns the add-on fills in, is found again by its description',
    run: (scene) => {
      const sheet = scene.tab('Warned');
      sheet.getRange('B1:B20').protect().setDescription('Platform check: warning only').setWarningOnly(true);
      const found = sheet
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)
        .filter((p) => p.getDescription() === 'Platform check: warning only');
      return {
        expected: [{ range: 'B1:B20', warningOnly: true }],
        got: found.map((p) => ({ range: p.getRange().getA1Notation(), warningOnly: p.isWarningOnly() })),
      };
    },
  },
  {
    name: 'sharing and unsharing a spreadsheet',
    page: `${REF}/spreadsheet/spreadsheet#addeditoremailaddress`,
    asserts: "Adding an editor shows them among the file's editors, and removing them takes them off again",
    run: (scene) => {
      const other = scene.shareWith;
      if (!other) throw new CannotRun('no second address to share with was given');
      if (other === scene.user) throw new CannotRun('the second address is your own');
      const file = scene.scratch;
      file.addEditor(other);
      scene.undo(`remove ${other} from the check's spreadsheet`, () => file.removeEditor(other));
      const shared = emailsOf(file.getEditors()).includes(other);
      file.removeEditor(other);
      const unshared = !emailsOf(file.getEditors()).includes(other);
      return { expected: { shared: true, unshared: true }, got: { shared, unshared } };
    },
  },
  {
    name: 'document properties',
    page: `${REF}/properties/properties-service#getdocumentproperties`,
    asserts:
      "The hub's document properties (where the import mapping and departures' sheets are kept) store, return and delete a value",
    run: (scene) => {
      requireHub(scene);
      const props = PropertiesService.getDocumentProperties();
      if (!props) return { expected: 'document properties', got: null };
      return roundTripStore(scene, props);
    },
  },
  {
    name: 'user and script properties',
    page: 'https://developers.google.com/apps-script/guides/properties',
    asserts:
      "The user's properties (request drafts, the nightly run's hub) and the script's (sends to resume) store, return and delete a value",
    run: (scene) => ({
      expected: { user: roundTripExpected(), script: roundTripExpected() },
      got: {
        user: roundTripStore(scene, PropertiesService.getUserProperties()).got,
        script: roundTripStore(scene, PropertiesService.getScriptProperties()).got,
      },
    }),
  },
  {
    name: 'user and script caches',
    page: `${REF}/cache/cache-service`,
    asserts:
      "The user's cache (the panel the sidebar opens on) and the script's (sending progress) keep and remove a value",
    run: (scene) => {
      const probe = (cache: GoogleAppsScript.Cache.Cache | null): unknown => {
        if (!cache) return null;
        const key = scratchKey();
        scene.undo('remove the cache entry', () => cache.remove(key));
        cache.put(key, 'kept', 60);
        const kept = cache.get(key);
        cache.remove(key);
        return { kept, removed: cache.get(key) };
      };
      const expected = { kept: 'kept', removed: null };
      return {
        expected: { user: expected, script: expected },
        got: { user: probe(CacheService.getUserCache()), script: probe(CacheService.getScriptCache()) },
      };
    },
  },
  {
    name: 'the document lock',
    page: `${REF}/lock/lock-service#getdocumentlock`,
    asserts:
      'The hub has a document lock, and the check can take and release it (every write of the add-on runs under it)',
    run: (scene) => {
      requireHub(scene);
      const lock = LockService.getDocumentLock();
      if (!lock) return { expected: 'a document lock', got: null };
      const taken = lock.tryLock(10000);
      const held = lock.hasLock();
      if (taken) lock.releaseLock();
      return { expected: { taken: true, held: true }, got: { taken, held } };
    },
  },
  {
    name: 'a one-off time-driven trigger',
    page: `${REF}/script/clock-trigger-builder#aftermilliseconds`,
    asserts:
      "A one-off trigger for the long send's continuation (continueSending, in a week) is created, listed with its handler, and gone once deleted",
    run: (scene) => {
      const clockBefore = ScriptApp.getProjectTriggers().some((t) => String(t.getEventType()) === 'CLOCK');
      let trigger: GoogleAppsScript.Script.Trigger;
      try {
        trigger = ScriptApp.newTrigger('continueSending')
          .timeBased()
          .after(7 * 24 * 3600 * 1000)
          .create();
      } catch (e) {
        // A published Editor add-on holds one time-driven trigger per user per document: the nightly run's.
        if (clockBefore)
          throw new CannotRun(
            `you already have a time-driven trigger (the nightly run) and Google refused a second: ${e instanceof Error ? e.message : String(e)}`,
          );
        throw e;
      }
      const id = trigger.getUniqueId();
      const mine = (): GoogleAppsScript.Script.Trigger[] =>
        ScriptApp.getProjectTriggers().filter((t) => t.getUniqueId() === id);
      scene.undo('delete the one-off trigger', () => mine().forEach((t) => ScriptApp.deleteTrigger(t)));
      const listed = mine().map((t) => ({ handler: t.getHandlerFunction(), type: String(t.getEventType()) }));
      ScriptApp.deleteTrigger(trigger);
      return {
        expected: { listed: [{ handler: 'continueSending', type: 'CLOCK' }], afterDelete: 0 },
        got: { listed, afterDelete: mine().length },
      };
    },
  },
  {
    name: 'the daily email quota',
    page: `${REF}/mail/mail-app#getremainingdailyquota`,
    asserts:
      'MailApp tells how many recipients are left today: a whole number of 0 or more (sends stop and resume by it)',
    run: () => {
      const left = MailApp.getRemainingDailyQuota();
      return { expected: 'a whole number of 0 or more', got: left, passed: Number.isInteger(left) && left >= 0 };
    },
  },
  {
    name: 'who is running',
    page: `${REF}/base/session#getactiveuser`,
    asserts:
      'Session names the person running the check, as the active and the effective user alike (roles, the Log and Updated By rest on it)',
    run: () => {
      const active = Session.getActiveUser().getEmail().toLowerCase();
      const effective = Session.getEffectiveUser().getEmail().toLowerCase();
      return {
        expected: 'your address, as both',
        got: { active, effective },
        passed: active !== '' && active === effective,
      };
    },
  },
  {
    name: 'Utilities.formatDate in the hub time zone',
    page: `${REF}/utilities/utilities#formatdatedate,-timezone,-format`,
    asserts:
      "Utilities.formatDate shows New York's wall time either side of both clock changes, and agrees with the add-on's own reading of the hub's zone across a year",
    run: (scene) => {
      const fmt = (iso: string, tz: string): string => Utilities.formatDate(new Date(iso), tz, 'yyyy-MM-dd HH:mm');
      return {
        expected: {
          newYork: NEW_YORK.map(([, wall]) => wall),
          hub: ACROSS_A_YEAR.map((iso) => wallText(iso, scene.timeZone)),
        },
        got: {
          newYork: NEW_YORK.map(([iso]) => fmt(iso, 'America/New_York')),
          hub: ACROSS_A_YEAR.map((iso) => fmt(iso, scene.timeZone)),
        },
      };
    },
  },
  {
    name: 'Intl.DateTimeFormat in the hub time zone',
    page: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Intl/DateTimeFormat/formatToParts',
    asserts:
      "The runtime's Intl.DateTimeFormat(...).formatToParts, which the add-on's dates rest on, knows the hub's zone and gives New York's wall time either side of both clock changes",
    run: (scene) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: scene.timeZone, year: 'numeric' }).formatToParts(
        new Date('2026-06-15T12:00:00.000Z'),
      );
      return {
        expected: { newYork: NEW_YORK.map(([, wall]) => wall), hubYear: '2026' },
        got: {
          newYork: NEW_YORK.map(([iso]) => wallText(iso, 'America/New_York')),
          hubYear: parts.find((p) => p.type === 'year')?.value ?? null,
        },
      };
    },
  },
  {
    name: 'the pushed HTML pages',
    page: `${REF}/html/html-service#createhtmloutputfromfilefilename`,
    asserts: "The sidebar and this check's dialog were pushed with the script and open",
    run: () => {
      const page = (file: string): string => {
        try {
          return HtmlService.createHtmlOutputFromFile(file).getContent().length > 0 ? 'found' : 'empty';
        } catch {
          return 'missing';
        }
      };
      return {
        expected: { Sidebar: 'found', Check: 'found' },
        got: { Sidebar: page('Sidebar'), Check: page('Check') },
      };
    },
  },
  {
    name: 'google.script.run round trip',
    page: 'https://developers.google.com/apps-script/guides/html/reference/run',
    asserts:
      "The JSON shapes the add-on's API carries (text of any script, numbers, booleans, null, ISO dates, nested lists and records) cross from the server to the page and back unchanged",
    run: (scene) => {
      if (scene.roundTrip === undefined)
        throw new CannotRun(
          'needs the dialog: google.script.run is the page’s (use Handoff ▸ Check this installation)',
        );
      return { expected: ROUND_TRIP_SAMPLE, got: scene.roundTrip };
    },
  },
  {
    name: 'one email to you',
    page: `${REF}/mail/mail-app#sendemailmessage`,
    asserts: 'MailApp sends one email, to you only, with this table (the one email the check may send)',
    run: (scene) => {
      if (!scene.emailMe) throw new CannotRun('not asked for (tick "Email me the results")');
      if (!scene.user) throw new CannotRun('Google did not say who you are, so there is no address to send to');
      if (MailApp.getRemainingDailyQuota() < 1) throw new CannotRun("today's email quota is used up (0 left)");
      MailApp.sendEmail({
        to: scene.user,
        subject: 'Caseload Handoff: platform check results',
        body: resultsText(scene.resultsSoFar),
      });
      return { expected: `sent to ${scene.user}`, got: `sent to ${scene.user}` };
    },
  },
];

/** What tidying up after the check does; reported as the table's last line. */
export const CLEANUP = {
  name: 'the check cleans up after itself',
  page: `${REF}/drive/file#settrashedtrashed`,
  asserts:
    'What the probes made outside the scratch spreadsheet is undone and the scratch spreadsheet is moved to the trash (drive.file: only files the add-on made)',
} as const;

/** The hub's own stores (document properties, the document lock) exist only in a run started from it. */
function requireHub(scene: Scene): void {
  if (!scene.hub) throw new CannotRun('not started from the hub (use Handoff ▸ Check this installation)');
}

function roundTripExpected(): unknown {
  return { read: 'kept', afterDelete: null };
}

function roundTripStore(scene: Scene, props: GoogleAppsScript.Properties.Properties): Outcome {
  const key = scratchKey();
  scene.undo('delete the property', () => props.deleteProperty(key));
  props.setProperty(key, 'kept');
  const read = props.getProperty(key);
  props.deleteProperty(key);
  return { expected: roundTripExpected(), got: { read, afterDelete: props.getProperty(key) } };
}

/** The results as a plain-text table, for the Log and the email. */
export function resultsText(results: readonly ProbeResult[]): string {
  return results
    .map(
      (r) =>
        `${r.status.toUpperCase()}  ${r.probe}\n  expected: ${r.expected}\n  got:      ${r.got}\n  page:     ${r.page}`,
    )
    .join('\n');
}
