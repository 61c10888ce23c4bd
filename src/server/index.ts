/**
 * Caseload Handoff's public API. Every function a menu, a trigger, the sidebar
 * (google.script.run) or `clasp run` calls is exported here, and only here; the
 * build turns each export into a top-level function of dist/Code.js. Arguments
 * and results are plain JSON (dates as ISO strings).
 */
