/** Every write operation runs under the document lock, so two people (or a person and the nightly run) never interleave writes. */

export class BusyError extends Error {
  constructor(what: string) {
    super(
      `Another change to the workbook is in progress, so "${what}" did not start. Nothing was changed; try again in a moment.`,
    );
    this.name = 'BusyError';
  }
}

export function withDocumentLock<T>(what: string, fn: () => T, waitMs = 10000): T {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) throw new BusyError(what);
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
