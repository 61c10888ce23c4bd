/**
 * The therapist departure workflow (SPEC.md "Therapist departure"): start,
 * share, sync, close-out and the Departures panel. The nightly run calls
 * syncAllDepartureSheets, closeOutDepartures and revokeTherapistAccess.
 */
export { startDeparture } from './start';
export type { StartResult } from './start';
export { shareDepartureSheet } from './share';
export type { ShareResult } from './share';
export { syncDepartureSheet, syncAllDepartureSheets, syncAllFromMenu } from './sync';
export type { SyncResult, SyncAllResult } from './sync';
export { closeOutDepartures, revokeTherapistAccess } from './closeout';
export type { CloseOutResult, RevokeResult } from './closeout';
export { getDepartures, getDepartureStartOptions, getDepartureCases } from './panel';
export type { DepartureSummary, DeparturesView, StartOptions, DepartureCase } from './panel';
