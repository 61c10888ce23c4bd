/** What a cell holds. Dates are numbers (serials) under a date format. */
export class Formula {
  constructor(readonly text: string) {}
}
export type Cell = number | boolean | string | Formula;
