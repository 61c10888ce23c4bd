/**
 * What a panel gets from the sidebar shell, and what a panel is. Panels live
 * in src/client/panels/ (one file each) and are listed in panels/index.ts.
 *
 * Results show beside the control that caused them: `busy`, `showError` and
 * `showStatus` take an optional `at` (the control or row the result is
 * about); without it they use the control the person last clicked or
 * changed. After each action focus goes to the result (or stays on the field
 * a panel moved it to), never back to the top of the page.
 */
import type { ServerApi } from './api';

export type Role = 'admin' | 'csr';
export type Params = Record<string, string>;

export interface AskOptions {
  /** The confirming button's label ('Log Call 2', 'Send 42 notices'). */
  yes: string;
  /** The other button's label (default 'Cancel'). */
  no?: string;
  /** The control the question is about; default the one last used. */
  at?: Element | null;
  /** A risky or outward action (sends email): the confirming button is red. */
  danger?: boolean;
}

export interface App {
  /** The server, typed from src/server/index.ts. */
  readonly api: ServerApi;
  /** Who is using the sidebar, as the server sees them. */
  readonly user: { email: string; roles: Role[] };
  /** The hub's time zone and today's date there ('YYYY-MM-DD'). */
  readonly hub: { timeZone: string; today: string };
  /** The parameters this panel was opened with (navigate(id, params) or the menu item). */
  readonly params: Params;
  /**
   * Shows the busy state (buttons disabled, a spinner and `label` beside the
   * control) until the promise settles. On failure the server's message is
   * shown there and the promise rejects with an error the shell already
   * handled, so a handler can simply `await app.busy(...)` and stop there.
   */
  busy<T>(work: Promise<T>, label?: string, at?: Element | null): Promise<T>;
  /** Shows an error beside `at` (a field is marked invalid and focused), replacing any earlier message. */
  showError(error: unknown, at?: Element | null): void;
  /** Shows and announces a result ("Imported 12 clients.") beside `at`; it stays until the next action. */
  showStatus(message: string, at?: Element | null): void;
  /** Removes the message shown (e.g. the case shown changed). */
  clearMessage(): void;
  /** Asks before a step that is out of order, repeated or sends email; resolves true when confirmed. */
  ask(question: string, options: AskOptions): Promise<boolean>;
  /** Switches to another panel, e.g. navigate('case', { ref: 'R-000012' }). */
  navigate(panelId: string, params?: Params): void;
}

export interface Panel {
  readonly id: string;
  /** Tab label in the sidebar, and the panel's one heading (h1). */
  readonly title: string;
  /** Who sees the panel; absent: everyone with a role. Admins are CSRs too. */
  readonly roles?: readonly Role[];
  /** Fills `root` (already empty) with the panel. May return a promise while it loads. */
  render(root: HTMLElement, app: App): void | Promise<void>;
}
