/**
 * Caseload Handoff's public API. Every function a menu, a trigger, the sidebar
 * (google.script.run) or `clasp run` calls is exported here, and only here; the
 * build turns each export into a top-level function of dist/Code.js. Arguments
 * and results are plain JSON (dates as ISO strings).
 */

import { action } from './api';
import * as sidebar from './workflows/sidebar';
import * as settingsPanel from './workflows/settingsPanel';

/** Who is using the sidebar (email, roles) and which panel a menu item asked it to open. */
export const whoAmI = action({ name: 'Open the sidebar', role: 'any', writes: false }, sidebar.whoAmI);
/** The Settings tab as a form: every setting's value in effect, description and kind. */
export const getSettings = action({ name: 'Show settings', role: 'admin', writes: false }, settingsPanel.getSettings);
/** Checks and saves settings from the sidebar form (name → value); writes nothing if any value is wrong. */
export const saveSettings = action({ name: 'Save settings', role: 'admin', writes: true }, settingsPanel.saveSettings);
