/** The hub tabs an email batch reads, once per execution, shared by planners, previews and the engine. */
import type { Env } from '../../../services/context';
import { CASE_HEADERS, CLIENT_HEADERS, CLINICIAN_HEADERS, DEPARTURE_HEADERS, TAB } from '../../../core/schema';
import { type Row, Table } from '../../../table/table';
import { perExecution } from './memo';

const read = (env: Env, tab: string, required: readonly string[]) => (): Table =>
  Table.read(env.ctx.ss, tab, env.ctx.timeZone, { required });

export const casesTable = (env: Env): Table => perExecution(env, 'table:cases', read(env, TAB.cases, CASE_HEADERS));
export const clientsTable = (env: Env): Table =>
  perExecution(env, 'table:clients', read(env, TAB.clients, CLIENT_HEADERS));
export const cliniciansTable = (env: Env): Table =>
  perExecution(env, 'table:clinicians', read(env, TAB.clinicians, CLINICIAN_HEADERS));
export const departuresTable = (env: Env): Table =>
  perExecution(env, 'table:departures', read(env, TAB.departures, DEPARTURE_HEADERS));

/** Rows by key, indexed once per execution. */
export function indexed(env: Env, name: string, table: Table, header: string): Map<string, Row> {
  return perExecution(env, `index:${name}:${header}`, () => table.indexBy(header));
}
