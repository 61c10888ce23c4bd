/**
 * Time zones and Sheets serial numbers. Sheets stores a date as a serial
 * number of days since 1899-12-30 in the spreadsheet's wall time, and decides
 * that it is a date from the cell's number format. A script sees an instant
 * (a Date): the wall time read in the spreadsheet's time zone.
 */

export const DAY_MS = 86_400_000;
/** Serial number of 1970-01-01. */
export const UNIX_EPOCH_SERIAL = 25569;

import { isKnownTimeZone, offsetMinutes } from '../tz';

const offsets = new Map<string, Map<number, number>>();
const BUCKET_MS = 15 * 60 * 1000;

/** An IANA zone a spreadsheet may be set to (the wall-clock arithmetic itself lives in ../tz). */
export function isValidTimeZone(tz: unknown): tz is string {
  return typeof tz === 'string' && tz !== '' && isKnownTimeZone(tz);
}

/** Offset of the zone's wall time from UTC at an instant, in ms; cached per quarter hour (offsets change on quarter-hour boundaries). */
export function offsetMs(tz: string, ms: number): number {
  let cache = offsets.get(tz);
  if (!cache) offsets.set(tz, (cache = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const off = offsetMinutes(bucket * BUCKET_MS, tz) * 60000;
  cache.set(bucket, off);
  return off;
}

export function instantToSerial(ms: number, tz: string): number {
  return (ms + offsetMs(tz, ms)) / DAY_MS + UNIX_EPOCH_SERIAL;
}

export function serialToInstant(serial: number, tz: string): number {
  const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS);
  let t = wall - offsetMs(tz, wall);
  const o2 = offsetMs(tz, t);
  if (wall - o2 !== t) {
    const t2 = wall - o2;
    // In a DST gap neither guess maps back: keep the later instant, as Sheets does.
    t = t2 + offsetMs(tz, t2) === wall ? t2 : Math.max(t, t2);
  }
  return t;
}

export interface WallParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  dow: number;
}

/** Wall-clock parts of a serial number (no zone involved: serials are wall time). */
export function serialParts(serial: number): WallParts {
  const d = new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS));
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    dow: d.getUTCDay(),
  };
}

export function partsSerial(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** True when the date exists (no 2026-02-30). */
export function validYmd(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
