/**
 * The client side of HtmlService (developers.google.com/apps-script/guides/html/reference/run):
 * only what the sidebar uses. Every call goes through api.ts, never directly.
 */
interface GoogleScriptRunner {
  withSuccessHandler(handler: (result: any, userObject?: any) => void): GoogleScriptRunner;
  withFailureHandler(handler: (error: Error, userObject?: any) => void): GoogleScriptRunner;
  withUserObject(userObject: unknown): GoogleScriptRunner;
  [serverFunction: string]: (...args: any[]) => any;
}

interface Window {
  google?: {
    script: {
      run: GoogleScriptRunner;
      host: { close(): void; setHeight?(h: number): void; setWidth?(w: number): void; editor?: { focus(): void } };
    };
  };
}
