/**
 * Utilities contract (developers.google.com/apps-script/reference/utilities/utilities).
 * formatDate follows Java's SimpleDateFormat
 * (docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html).
 */
import { emulator, thrown } from './helpers';
import { expectProbePasses } from './probes';

const { emu, g } = emulator();
const at = (iso: string) => new emu.kernel.Date(Date.parse(iso));
const fmt = (iso: string, tz: string, pattern: string): string => g.Utilities.formatDate(at(iso), tz, pattern);

describe('Utilities.formatDate', () => {
  const t = '2026-03-02T14:05:09.007Z'; // 09:05:09 EST, a Monday

  it.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', '2026-03-02 09:05:09.007'],
    ['EEE, MMM d, yy h:mm a z', 'Mon, Mar 2, 26 9:05 AM EST'],
    ['EEEE MMMM dd', 'Monday March 02'],
    ['M/d/y', '3/2/2026'],
    ['Z|XXX|XX|X', '-0500|-05:00|-0500|-05'],
    ["'Due' yyyy", 'Due 2026'],
    ["h 'o''clock'", "9 o'clock"],
    ['D w u', '61 10 1'],
    ['zzzz', 'Eastern Standard Time'],
  ])('formats %s in America/New_York', (pattern, expected) => {
    expect(fmt(t, 'America/New_York', pattern)).toBe(expected);
  });

  it("reads New York's wall time either side of both clock changes, and the hub's zone as the add-on does, as the live probe asserts", () => {
    expectProbePasses('Utilities.formatDate in the hub time zone');
  });

  it("agrees with the runtime's Intl.DateTimeFormat, as the live probe asserts", () => {
    expectProbePasses('Intl.DateTimeFormat in the hub time zone');
  });

  it('names the zone and offset in effect either side of the spring-forward change (2026-03-08)', () => {
    expect(fmt('2026-03-08T06:59:00Z', 'America/New_York', 'HH:mm z')).toBe('01:59 EST');
    expect(fmt('2026-03-08T07:00:00Z', 'America/New_York', 'HH:mm z XXX')).toBe('03:00 EDT -04:00');
  });

  it('names the zone of each pass through the repeated hour of the fall-back change (2026-11-01)', () => {
    expect(fmt('2026-11-01T05:30:00Z', 'America/New_York', 'z')).toBe('EDT');
    expect(fmt('2026-11-01T06:30:00Z', 'America/New_York', 'z')).toBe('EST');
  });

  it('writes midnight as H=0, h=12, k=24, K=0', () => {
    expect(fmt('2026-03-02T05:00:00Z', 'America/New_York', 'H h k K a')).toBe('0 12 24 0 AM');
  });

  it('gives the calendar date of the zone asked for', () => {
    expect(fmt('2026-03-02T03:00:00Z', 'America/New_York', 'yyyy-MM-dd')).toBe('2026-03-01');
    expect(fmt('2026-03-02T03:00:00Z', 'Asia/Tokyo', 'yyyy-MM-dd HH:mm')).toBe('2026-03-02 12:00');
    expect(fmt('2026-03-02T03:00:00Z', 'Asia/Kolkata', 'HH:mm XXX z')).toBe('08:30 +05:30 IST');
    expect(fmt('2026-07-01T12:00:00Z', 'Europe/London', 'HH:mm z')).toBe('13:00 BST');
    expect(fmt('2026-03-02T03:00:00Z', 'UTC', 'HH:mm z X')).toBe('03:00 UTC Z');
    expect(fmt('2026-03-02T03:00:00Z', 'GMT-05:00', 'HH:mm Z')).toBe('22:00 -0500');
  });

  it('reads an unknown time zone as GMT, as Java does', () => {
    expect(fmt('2026-03-02T14:05:00Z', 'Mars/Olympus', 'HH:mm z')).toBe('14:05 GMT');
  });

  it('refuses a string where a Date belongs with the platform signature text', () => {
    expect(thrown(() => g.Utilities.formatDate('2026-03-02', 'UTC', 'yyyy'))).toBe(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  it('refuses a pattern letter SimpleDateFormat does not know', () => {
    expect(thrown(() => fmt(t, 'UTC', 'yyyy-qq'))).toBe("Illegal pattern character 'q'");
  });
});

describe('Utilities.parseDate', () => {
  it('reads wall time in the given zone and returns a Date of the script', () => {
    const d = g.Utilities.parseDate('03/02/2026 09:30', 'America/New_York', 'MM/dd/yyyy HH:mm');
    expect(d).toBeInstanceOf(emu.kernel.Date);
    expect(d.toISOString()).toBe('2026-03-02T14:30:00.000Z');
  });

  it('moves a wall time skipped by the spring-forward change forward by the gap', () => {
    expect(g.Utilities.parseDate('2026-03-08 02:30', 'America/New_York', 'yyyy-MM-dd HH:mm').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('refuses text that does not fit the pattern', () => {
    expect(thrown(() => g.Utilities.parseDate('next Tuesday', 'UTC', 'yyyy-MM-dd'))).toBe(
      'Unparseable date: "next Tuesday"',
    );
  });
});

describe('Utilities.parseCsv', () => {
  it('splits rows and fields', () => {
    expect(g.Utilities.parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const csv = 'id,note\n"007","Said ""hi"", then left"\n8,"two\nlines"';
    expect(g.Utilities.parseCsv(csv)).toEqual([
      ['id', 'note'],
      ['007', 'Said "hi", then left'],
      ['8', 'two\nlines'],
    ]);
  });

  it('ends rows at CRLF, LF or CR and adds no row for a final line break', () => {
    expect(g.Utilities.parseCsv('a,b\r\nc,d\re,f\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps empty fields, an empty quoted field and leading zeros as text', () => {
    expect(g.Utilities.parseCsv(',x,,""\n00123,+15550100,=1+1')).toEqual([
      ['', 'x', '', ''],
      ['00123', '+15550100', '=1+1'],
    ]);
  });

  it('reads another delimiter', () => {
    expect(g.Utilities.parseCsv('a\tb,c\n1\t2', '\t')).toEqual([
      ['a', 'b,c'],
      ['1', '2'],
    ]);
  });

  it('reads empty text as no rows', () => {
    expect(g.Utilities.parseCsv('')).toEqual([]);
  });

  it('refuses an unterminated quote and text after a closing quote', () => {
    expect(thrown(() => g.Utilities.parseCsv('a,"b\n1,2'))).toBe('Could not parse text.');
    expect(thrown(() => g.Utilities.parseCsv('"a"b,c'))).toBe('Could not parse text.');
  });
});

describe('Utilities: clock, ids, bytes', () => {
  it('sleep moves the virtual clock by the time slept', () => {
    const t0 = emu.kernel.now();
    g.Utilities.sleep(5000);
    expect(emu.kernel.now() - t0).toBe(5000 + emu.kernel.latency.otherCallMs);
  });

  it('sleep refuses more than the documented 5 minutes', () => {
    expect(() => g.Utilities.sleep(300001)).toThrow();
  });

  it('getUuid gives distinct version-4-shaped ids', () => {
    const a = g.Utilities.getUuid();
    const b = g.Utilities.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('base64 round-trips UTF-8 text through Java-style signed bytes', () => {
    expect(g.Utilities.base64Encode('héllo')).toBe('aMOpbGxv');
    const bytes = g.Utilities.base64Decode('aMOpbGxv');
    expect(bytes).toEqual([104, -61, -87, 108, 108, 111]);
    expect(g.Utilities.newBlob(bytes).getDataAsString()).toBe('héllo');
    expect(g.Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
  });

  it('computeHmacSha256Signature signs a string with a string key (RFC 4231 test case 2) as signed bytes', () => {
    // developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)
    const mac = g.Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe') as number[];
    const hex = mac.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(mac.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  it('base64EncodeWebSafe uses - and _ for + and /, keeps the = padding, and decodes back', () => {
    // developers.google.com/apps-script/reference/utilities/utilities#base64EncodeWebSafe(Byte)
    const bytes = [-5, -17, -1, 62];
    const encoded = g.Utilities.base64EncodeWebSafe(bytes);
    expect(encoded).toBe('--__Pg==');
    expect(g.Utilities.base64DecodeWebSafe(encoded)).toEqual(bytes);
  });

  it('computeDigest returns signed bytes of the digest', () => {
    const md5 = g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.MD5, 'abc');
    expect(md5).toHaveLength(16);
    expect(md5[0]).toBe(0x90 - 256);
  });

  it('a Blob keeps its name and content type', () => {
    const blob = g.Utilities.newBlob('x', 'text/plain', 'a.txt');
    expect([blob.getName(), blob.getContentType(), blob.getDataAsString()]).toEqual(['a.txt', 'text/plain', 'x']);
    expect(blob.setName('b.txt').copyBlob().getName()).toBe('b.txt');
  });

  it('formatString fills %s, %d and %.nf', () => {
    expect(g.Utilities.formatString('%s has %d cases (%.1f%%)', 'Pat', 3, 42.25)).toBe('Pat has 3 cases (42.3%)');
  });
});
