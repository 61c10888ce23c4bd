/**
 * The sidebar's panels, in the order their tabs appear. Each panel is one
 * file in this folder exporting a `Panel`; add yours here with one line
 * (order: Departures, Case, New request, Import, Settings).
 */
import type { Panel } from '../app';
import { casePanel } from './case';
import { departuresPanel } from './departures';
import { importPanel } from './import';
import { requestPanel } from './request';
import { settingsPanel } from './settings';

export const PANELS: readonly Panel[] = [departuresPanel, casePanel, requestPanel, importPanel, settingsPanel];
