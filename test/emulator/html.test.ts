/**
 * HtmlService contract (developers.google.com/apps-script/reference/html/html-service,
 * templates: developers.google.com/apps-script/guides/html/templates).
 */
import { emulator, fixtureRunner, thrown } from './helpers';
import { expectProbePasses } from './probes';

describe('HtmlService templates', () => {
  it("opens the project's pages pushed with the script (the sidebar, the check's dialog), as the live probe asserts", () => {
    expectProbePasses('the pushed HTML pages');
  });

  it('escapes printing scriptlets, leaves force-printing ones raw and runs code scriptlets', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('renderTemplate', '<script>alert("x")</script>', '<i>raw</i>')).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><i>raw</i><ul><li>0</li><li>1</li></ul>',
    );
  });

  it('reads templates from the project files and lets scriptlets call the script (an include helper)', () => {
    const { runner } = fixtureRunner();
    expect(runner.call('renderSidebar')).toEqual({
      html: '<!DOCTYPE html>\n<html><body><h1>Hello &lt;b&gt;Brianna&lt;/b&gt;</h1><footer>part</footer>\n</body></html>\n',
      title: 'Handoff',
      width: 300,
    });
  });

  it('refuses a file the project lacks with the platform text', () => {
    const { runner } = fixtureRunner();
    expect(runner.run('missingFile').error).toBe('No HTML file named Nope was found.');
  });

  it('fails evaluate() when a scriptlet names a variable nobody assigned', () => {
    const { g } = emulator();
    expect(thrown(() => g.HtmlService.createTemplate('<?= nobody ?>').evaluate())).toBe('nobody is not defined');
  });

  it('tolerates a trailing semicolon in a printing scriptlet', () => {
    const { g } = emulator();
    const t = g.HtmlService.createTemplate('<?= name; ?>');
    t.name = 'Pat';
    expect(t.evaluate().getContent()).toBe('Pat');
  });

  it('prints null and undefined as nothing', () => {
    const { g } = emulator();
    const t = g.HtmlService.createTemplate('[<?= a ?>|<?!= b ?>]');
    t.a = null;
    t.b = undefined;
    expect(t.evaluate().getContent()).toBe('[|]');
  });

  it('lets a scriptlet append to the output being built', () => {
    const { g } = emulator();
    const t = g.HtmlService.createTemplate('<? output.append("<b>"); output.appendUntrusted("<i>"); ?>');
    expect(t.evaluate().getContent()).toBe('<b>&lt;i&gt;');
  });
});

describe('HtmlOutput', () => {
  it('keeps content, title, size, modes and meta tags as set', () => {
    const { g } = emulator();
    const out = g.HtmlService.createHtmlOutput('<p>a</p>')
      .append('<p>b</p>')
      .appendUntrusted('<c>')
      .setTitle('Case')
      .setWidth(400)
      .setHeight(200)
      .setSandboxMode(g.HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(g.HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width')
      .setFaviconUrl('https://example.org/i.png');
    expect(out.getContent()).toBe('<p>a</p><p>b</p>&lt;c&gt;');
    expect([out.getTitle(), out.getWidth(), out.getHeight(), out.getFaviconUrl()]).toEqual([
      'Case',
      400,
      200,
      'https://example.org/i.png',
    ]);
    expect(out.getMetaTags().map((t: { getName(): string }) => t.getName())).toEqual(['viewport']);
    out.setContent('<x/>');
    expect(out.getContent()).toBe('<x/>');
  });

  it('refuses a negative width', () => {
    const { g } = emulator();
    expect(thrown(() => g.HtmlService.createHtmlOutput('').setWidth(-1))).toBe('Invalid argument: width');
  });
});
