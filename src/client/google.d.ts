/**
 * The client side of HtmlService (developers.google.com/apps-script/guides/html/reference/run):
 * only what the sidebar uses. Every call goes through api.ts, never directly.
 */
interface GoogleScriptRunner {
  withSuccessHandler(handler: (result: unknown, userObject?: unknown) => void): GoogleScriptRunner;
  withFailureHandler(handler: (error: Error, userObject?: unknown) => void): GoogleScriptRunner;
  withUserObject(userObject: unknown): GoogleScriptRunner;
  [serverFunction: string]: (...args: unknown[]) => unknown;
}

interface Window {
  google?: {
    script: {
      run: GoogleScriptRunner;
      host: { close(): void; setHeight?(h: number): void; setWidth?(w: number): void; editor?: { focus(): void } };
    };
  };
}
