/**
 * "A clinician is named by the Name or the Email of their Clinicians row"
 * (SPEC.md Server API): the one rule both the departure and the request
 * workflows find a clinician by. Each says for itself what none or several
 * matches mean to its caller.
 */
import { nameKey, normalizeHeader, sameName } from '../../core/text';
import type { Row, Table } from '../../table/table';

/** The named Clinicians rows matching a name (spelling-insensitive) or an email (case-insensitive). */
export function cliniciansMatching(clinicians: Table, nameOrEmail: unknown): Row[] {
  const key = String(nameOrEmail ?? '').trim();
  if (key === '') return [];
  const byEmail = key.includes('@');
  return clinicians.rows.filter(
    (r) =>
      r.text('Name') !== '' &&
      (byEmail ? r.text('Email').toLowerCase() === key.toLowerCase() : sameName(r.text('Name'), key)),
  );
}

/** Active clients per clinician, keyed by nameKey of the Clients tab's Clinician, from one pass over Clients. */
export function activeClientCounts(clients: Table): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of clients.rows) {
    if (normalizeHeader(r.text('Status')) !== 'active') continue;
    const key = nameKey(r.text('Clinician'));
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
