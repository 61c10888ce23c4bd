/** RangeList: one call that acts on several ranges (Sheet.getRangeList). */
import { Ctx } from './ctx';
import { callRaw, instrument } from './instrument';
import type { Range } from './range';

const ACTIONS = [
  'activate',
  'breakApart',
  'check',
  'uncheck',
  'clear',
  'clearContent',
  'clearDataValidations',
  'clearFormat',
  'clearNote',
  'insertCheckboxes',
  'removeCheckboxes',
  'setBackground',
  'setBackgroundRGB',
  'setFontColor',
  'setFontWeight',
  'setFontStyle',
  'setFontSize',
  'setFontFamily',
  'setFontLine',
  'setHorizontalAlignment',
  'setVerticalAlignment',
  'setNote',
  'setNumberFormat',
  'setValue',
  'setFormula',
  'setWrap',
  'setWrapStrategy',
  'setTextRotation',
  'setBorder',
];

export class RangeList {
  constructor(
    readonly _x: Ctx,
    readonly _ranges: Range[],
  ) {}
  getRanges(): Range[] {
    return this._ranges.slice();
  }
}

const proto = RangeList.prototype as unknown as Record<string, unknown>;
for (const action of ACTIONS) {
  proto[action] = function (this: RangeList, ...args: unknown[]) {
    for (const r of this._ranges) callRaw(r, action, args);
    return this;
  };
}

instrument(
  RangeList,
  'RangeList',
  Object.fromEntries(
    ACTIONS.filter((a) => a !== 'activate').map((a) => [
      a,
      (self: RangeList) => ({
        data: true,
        spreadsheetId: self._ranges[0]?._b.id,
        cells: self._ranges.reduce((n, r) => n + r._box.nr * r._box.nc, 0),
      }),
    ]),
  ) as never,
  ((self: RangeList) => ({ kernel: self._x.kernel })) as never,
);
