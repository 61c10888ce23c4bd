/**
 * Routes every public method of an emulated class through Kernel.invoke, so
 * no method can forget to count its call, advance the clock, honour injected
 * faults and refuse calls after a kill. Methods whose names start with '_'
 * are internal and left alone; everything else is wrapped.
 *
 * Cost kinds: 'read' and 'write' are data calls (cells, formats, validation,
 * protections, notes, charts, conditional formats) on one spreadsheet; a read
 * applies that spreadsheet's pending writes. 'nav' is any other service call
 * (getRange, getSheetByName, getName …).
 *
 * Builders and value objects (DataValidationBuilder, DataValidation,
 * ConditionalFormatRuleBuilder, EmbeddedChartBuilder, User, PromptResponse)
 * are plain local objects and are not counted: only the calls that create
 * them (SpreadsheetApp.newDataValidation …) and the calls that hand them to a
 * sheet (setDataValidation …) are.
 */
import type { CallCost, Kernel } from '../kernel';

export type CostKind = 'read' | 'write' | 'nav';
export type CostSpec = CostKind | ((self: never, args: unknown[]) => CallCost);

export interface Target {
  kernel: Kernel;
  spreadsheetId?: string;
  cells?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctor = { prototype: any; name: string };

const RAW = Symbol('uncounted implementation');

/** Calls a method's implementation without counting it (for one call that acts on many objects). */
export function callRaw(self: object, method: string, args: unknown[]): unknown {
  const fn = (self as Record<string, unknown>)[method] as ((...a: unknown[]) => unknown) & {
    [RAW]?: (...a: unknown[]) => unknown;
  };
  return (fn[RAW] ?? fn).apply(self, args);
}

/** `free` names methods that stay local (builder steps) and are not counted. */
export function instrument(
  cls: Ctor,
  className: string,
  costs: Record<string, CostSpec>,
  target: (self: never) => Target,
  free: string[] = [],
): void {
  const proto = cls.prototype;
  for (const key of Object.keys(costs)) {
    if (typeof proto[key] !== 'function') throw new Error(`${className}.${key} has a cost but no method`);
  }
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('_') || free.includes(name)) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || typeof desc.value !== 'function') continue;
    const impl = desc.value as (...a: unknown[]) => unknown;
    const spec: CostSpec = costs[name] ?? 'nav';
    const method = `${className}.${name}`;
    const wrapped = function (this: never, ...args: unknown[]): unknown {
      const t = target(this);
      let cost: CallCost;
      if (typeof spec === 'function') cost = spec(this, args);
      else if (spec === 'read') cost = { data: true, read: true, spreadsheetId: t.spreadsheetId, cells: t.cells ?? 0 };
      else if (spec === 'write') cost = { data: true, spreadsheetId: t.spreadsheetId, cells: t.cells ?? 0 };
      else cost = { nav: true };
      return t.kernel.invoke(method, cost, () => impl.apply(this, args));
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(wrapped, RAW, { value: impl });
    Object.defineProperty(proto, name, { ...desc, value: wrapped });
  }
}
