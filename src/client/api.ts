/**
 * The sidebar's one way to call the server. Its type is derived from the
 * module the bundle exports (src/server/index.ts), so a renamed or re-shaped
 * server function is a compile error here (`npx tsc -p src/client`), not a
 * silent failure in front of a CSR.
 */
import type * as Server from '../server/index';

type ServerModule = typeof Server;
type FunctionNames = {
  [K in keyof ServerModule]: ServerModule[K] extends (...args: never[]) => unknown ? K : never;
}[keyof ServerModule];

/** Each server export as the sidebar sees it: same arguments, the result arriving later. */
export type ServerApi = {
  [K in FunctionNames]: ServerModule[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** A server failure as the person should read it: the Error's sentence, without the runtime's prefix. */
export class ServerError extends Error {
  constructor(
    readonly fn: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

export function cleanMessage(e: unknown): string {
  const raw = e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  // The platform reports thrown errors as "Error: …" or "Exception: …"; the sentence after it is ours.
  return raw.replace(/^\s*(?:[A-Za-z]*Error|Exception):\s*/, '').trim() || 'The server did not say what went wrong.';
}

function runner(): GoogleScriptRunner {
  const run = window.google?.script?.run;
  if (!run)
    throw new ServerError(
      '',
      'This page must be opened from the Handoff menu of the hub spreadsheet: the connection to the add-on is missing.',
    );
  return run;
}

/** Calls one server function through google.script.run and settles with its result or its Error. */
export function callServer(fn: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const run = runner()
      .withSuccessHandler((result) => resolve(result))
      .withFailureHandler((error) => reject(new ServerError(fn, cleanMessage(error))));
    const target = run[fn];
    if (typeof target !== 'function') {
      reject(
        new ServerError(
          fn,
          `The add-on has no server function "${fn}". Reload the sidebar after the add-on is updated.`,
        ),
      );
      return;
    }
    target.apply(run, args);
  });
}

/** The typed client: `api.previewImport(csv)` returns a Promise of previewImport's result. */
export const api: ServerApi = new Proxy({} as ServerApi, {
  get: (_target, name) => (typeof name === 'string' ? (...args: unknown[]) => callServer(name, args) : undefined),
});
