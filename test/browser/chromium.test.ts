/** Without Chromium the browser tests fail with a message saying what to install; they never skip. */
import { CHROMIUM, requireChromium } from './harness';

describe('the browser test harness', () => {
  it('refuses to run without Chromium, naming the path and how to install it', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(
      /Chromium is not installed at \/nonexistent\/chromium.*apt-get install chromium/,
    );
  });

  it('finds Chromium where CI installs it', () => {
    expect(() => requireChromium(CHROMIUM)).not.toThrow();
  });
});
