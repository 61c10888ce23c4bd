/**
 * The Handoff menu and the sidebar. The menu is data: each workflow adds its
 * item to MENU when its function lands in src/server/index.ts (a bundle test
 * checks that every item names an exported function). Items run with no
 * arguments, so an item that opens a sidebar panel has its own small function.
 */
import { Role } from '../../core/schema';
import { rolesOf } from '../../services/roles';
import { Settings } from '../../table/settings';
import { rememberSidebarPanel } from './sidebar';

export interface MenuItem {
  readonly caption: string;
  /** A top-level function of the bundle (an export of src/server/index.ts). */
  readonly functionName: string;
  /** Who the item is for; the function itself checks again on the server. */
  readonly role: Role | 'any';
}
export type MenuEntry = MenuItem | 'separator';

export const MENU_TITLE = 'Handoff';

export const MENU: readonly MenuEntry[] = [
  { caption: 'Open sidebar', functionName: 'showSidebar', role: 'csr' },
  { caption: 'New reassignment request…', functionName: 'showRequestPanel', role: 'csr' },
  'separator',
  { caption: 'Import client roster…', functionName: 'showImportPanel', role: 'admin' },
  { caption: 'Start therapist departure…', functionName: 'showStartDeparture', role: 'admin' },
  { caption: 'Sync therapist sheets', functionName: 'syncTherapistSheetsFromMenu', role: 'admin' },
  { caption: 'Send departure notices…', functionName: 'showDeparturesPanel', role: 'admin' },
  'separator',
  { caption: 'Refresh dashboard', functionName: 'refreshDashboardFromMenu', role: 'csr' },
  { caption: 'Run nightly check now', functionName: 'runNightlyFromMenu', role: 'admin' },
  { caption: 'Turn nightly run on', functionName: 'turnNightlyOnFromMenu', role: 'admin' },
  { caption: 'Turn nightly run off', functionName: 'turnNightlyOffFromMenu', role: 'admin' },
  'separator',
  { caption: 'Set up workbook', functionName: 'setUpWorkbookFromMenu', role: 'admin' },
  { caption: 'Check this installation', functionName: 'showPlatformCheck', role: 'admin' },
];

type OpenEvent = { authMode?: unknown } | undefined;

/**
 * Builds the menu. Installed as an add-on and not yet used in this document
 * (AuthMode.NONE) it must be the add-on menu and may not read the sheet; in a
 * bound or enabled document a known CSR does not see admin-only items.
 */
export function onOpen(e?: OpenEvent): void {
  const ui = SpreadsheetApp.getUi();
  const limitedToAddonMenu = !!e && String(e.authMode) === 'NONE';
  const menu = limitedToAddonMenu ? ui.createAddonMenu() : ui.createMenu(MENU_TITLE);
  const visible = limitedToAddonMenu ? (): boolean => true : visibleFor(rolesIfKnown());
  let pendingSeparator = false;
  let any = false;
  for (const entry of MENU) {
    if (entry === 'separator') {
      pendingSeparator = any;
      continue;
    }
    if (!visible(entry)) continue;
    if (pendingSeparator) menu.addSeparator();
    pendingSeparator = false;
    menu.addItem(entry.caption, entry.functionName);
    any = true;
  }
  menu.addToUi();
}

export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

/** The caller's roles, or null when they cannot be known (no email, no Settings, no admin yet). */
function rolesIfKnown(): Role[] | null {
  try {
    // The active user only: in a simple trigger the effective user may be someone else.
    const user = (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (!user || !ss) return null;
    const settings = Settings.read(ss, ss.getSpreadsheetTimeZone());
    if (!settings.emails('Admin Emails').length) return null;
    return rolesOf(user, settings);
  } catch {
    // A damaged workbook still gets the full menu, so Set up workbook can repair it.
    return null;
  }
}

function visibleFor(roles: Role[] | null): (item: MenuItem) => boolean {
  if (!roles || roles.length === 0) return () => true;
  return (item) => item.role === 'any' || roles.includes(item.role);
}

// ---- the sidebar -------------------------------------------------------------

export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'Caseload Handoff';

/**
 * Opens the sidebar, on a panel when one is named: the request waits in the
 * user's cache until the sidebar's first call (whoAmI) takes it.
 */
export function openSidebar(panel?: unknown, params: Record<string, string> = {}): void {
  let output: GoogleAppsScript.HTML.HtmlOutput;
  try {
    output = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE);
  } catch {
    throw new Error(
      `The sidebar page (${SIDEBAR_FILE}.html) is not part of this build of Caseload Handoff, so it cannot open. The menu items that do not need it still work.`,
    );
  }
  // A menu click passes no panel (or an event object): the sidebar then opens on the role's default.
  if (typeof panel === 'string' && panel) rememberSidebarPanel(panel, params);
  SpreadsheetApp.getUi().showSidebar(output.setTitle(SIDEBAR_TITLE).setWidth(300));
}
