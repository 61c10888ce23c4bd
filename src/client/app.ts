/**
 * What a panel gets from the sidebar shell, and what a panel is. Panels live
 * in src/client/panels/ (one file each) and are listed in panels/index.ts.
 */
import type { ServerApi } from './api';

export type Role = 'admin' | 'csr';
export type Params = Record<string, string>;

export interface App {
  /** The server, typed from src/server/index.ts. */
  readonly api: ServerApi;
  /** Who is using the sidebar, as the server sees them. */
  readonly user: { email: string; roles: Role[] };
  /** The parameters this panel was opened with (navigate(id, params) or the menu item). */
  readonly params: Params;
  /**
   * Shows the busy state (buttons disabled, "Working…") until the promise
   * settles. On failure the server's message is shown in the panel and the
   * promise rejects with an error the shell already handled, so a handler can
   * simply `await app.busy(...)` and stop there.
   */
  busy<T>(work: Promise<T>, label?: string): Promise<T>;
  /** Shows an error in the panel (role=alert), replacing any earlier one. */
  showError(error: unknown): void;
  /** Announces a short status ("Imported 12 clients.") in the aria-live region. */
  showStatus(message: string): void;
  /** Switches to another panel, e.g. navigate('case', { ref: 'R-000012' }). */
  navigate(panelId: string, params?: Params): void;
}

export interface Panel {
  readonly id: string;
  /** Tab label in the sidebar. */
  readonly title: string;
  /** Who sees the panel; absent: everyone with a role. Admins are CSRs too. */
  readonly roles?: readonly Role[];
  /** Fills `root` (already empty) with the panel. May return a promise while it loads. */
  render(root: HTMLElement, app: App): void | Promise<void>;
}
