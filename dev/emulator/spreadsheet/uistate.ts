/** What the spreadsheet's UI has shown, recorded for tests and the playground. */

export interface MenuEntry {
  kind: 'item' | 'separator' | 'submenu';
  caption?: string;
  functionName?: string;
  items?: MenuEntry[];
}
export interface MenuRecord {
  caption: string | null;
  addon: boolean;
  items: MenuEntry[];
}
export interface ShownHtml {
  title: string | null;
  html: string;
  width: number | null;
  height: number | null;
}
export interface DialogRecord extends ShownHtml {
  kind: 'modal' | 'modeless';
}
export interface AlertRecord {
  title: string | null;
  prompt: string;
  buttons: string;
  answer: string;
}
export interface PromptRecord extends AlertRecord {
  text: string;
}
export interface ToastRecord {
  spreadsheetId: string;
  message: string;
  title: string;
  timeoutSeconds: number;
}
/** A scripted answer: a button name ('YES', 'OK', 'CANCEL' …) or a prompt reply. */
export type UiAnswer = string | { button: string; text?: string };

export interface UiState {
  /** False where the platform has no UI (triggers): getUi() then throws. */
  available: boolean;
  menus: MenuRecord[];
  sidebar: ShownHtml | null;
  dialogs: DialogRecord[];
  alerts: AlertRecord[];
  prompts: PromptRecord[];
  toasts: ToastRecord[];
  answers: UiAnswer[];
}

export function newUiState(): UiState {
  return { available: true, menus: [], sidebar: null, dialogs: [], alerts: [], prompts: [], toasts: [], answers: [] };
}
