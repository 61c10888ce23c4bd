/**
 * Embedded charts: Sheet.newChart() builders, the chart objects getCharts
 * returns, and the `Charts` global's enums. The typed builders
 * (asBarChart() …) are the same builder: their setters store options.
 */
import { Ctx } from './ctx';
import { checkArgs, fail } from './errors';
import { makeRange } from './facades';
import { ChartData, EmSpreadsheet, SheetState } from './model';
import type { Range } from './range';

const names = (...keys: string[]) =>
  Object.freeze(Object.fromEntries(keys.map((k) => [k, k])) as Record<string, string>);

export const ChartType = names(
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
);

/** The `Charts` global (enums only: the add-on builds charts through Sheet.newChart()). */
export const chartsGlobal = Object.freeze({
  ChartType,
  Position: names('TOP', 'RIGHT', 'BOTTOM', 'NONE'),
  CurveStyle: names('NORMAL', 'SMOOTH'),
  PointStyle: names('NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'),
  ChartHiddenDimensionStrategy: names('IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH'),
  ChartMergeStrategy: names('MERGE_COLUMNS', 'MERGE_ROWS'),
  TextAlignment: names('CENTER', 'LEFT', 'RIGHT'),
});

/** Builder setters that are chart options under another name. */
const OPTION_SETTERS: Record<string, string> = {
  setTitle: 'title',
  setLegendPosition: 'legend.position',
  setColors: 'colors',
  setStacked: 'isStacked',
  setXAxisTitle: 'hAxis.title',
  setYAxisTitle: 'vAxis.title',
  setBackgroundColor: 'backgroundColor',
  setPointStyle: 'pointSize',
  setCurveStyle: 'curveType',
  set3D: 'is3D',
  reverseCategories: 'reverseCategories',
  setPieHole: 'pieHole',
  useLogScale: 'vAxis.logScale',
  setRange: 'vAxis.viewWindow',
  setLegendTextStyle: 'legend.textStyle',
  setTitleTextStyle: 'titleTextStyle',
  setXAxisTextStyle: 'hAxis.textStyle',
  setYAxisTextStyle: 'vAxis.textStyle',
  setXAxisTitleTextStyle: 'hAxis.titleTextStyle',
  setYAxisTitleTextStyle: 'vAxis.titleTextStyle',
  reverseDirection: 'reverseDirection',
};

export class EmbeddedChart {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    readonly _s: SheetState,
    readonly _d: ChartData,
  ) {}
  getChartId(): number {
    return this._d.chartId;
  }
  getId(): string {
    return `u${this._d.chartId}`;
  }
  getRanges(): Range[] {
    return this._d.ranges.map(({ sheetId, ...box }) =>
      makeRange(this._x, this._b, this._b.sheetById(sheetId) ?? this._s, box),
    );
  }
  getOptions(): { get(option: string): unknown; getOrDefault(option: string): unknown } {
    const options = this._d.options;
    return { get: (k: string) => options[k] ?? null, getOrDefault: (k: string) => options[k] ?? null };
  }
  getContainerInfo(): {
    getAnchorRow(): number;
    getAnchorColumn(): number;
    getOffsetX(): number;
    getOffsetY(): number;
  } {
    const p = this._d.position;
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.col,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    };
  }
  getHiddenDimensionStrategy(): string {
    return this._d.hiddenDimensionStrategy;
  }
  getMergeStrategy(): string {
    return this._d.mergeStrategy;
  }
  getNumHeaders(): number {
    return this._d.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._d.transpose;
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this._x, this._b, this._s, structuredClone(this._d));
  }
}

export class EmbeddedChartBuilder {
  constructor(
    readonly _x: Ctx,
    readonly _b: EmSpreadsheet,
    readonly _s: SheetState,
    public _d: ChartData,
  ) {}

  static _blank(ctx: Ctx, book: EmSpreadsheet, sh: SheetState): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(ctx, book, sh, {
      chartId: 0,
      type: 'LINE',
      ranges: [],
      options: {},
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      hiddenDimensionStrategy: 'IGNORE_BOTH',
      mergeStrategy: 'MERGE_COLUMNS',
      numHeaders: -1,
      transpose: false,
    });
  }

  addRange(range: Range): this {
    checkArgs(
      !!range && typeof range === 'object' && '_box' in range,
      [range],
      'SpreadsheetApp.EmbeddedChartBuilder.addRange',
    );
    if (range._b !== this._b) fail('A chart can only use ranges of its own spreadsheet.');
    this._d.ranges.push({ sheetId: range._s.id, ...range._box });
    return this;
  }
  removeRange(range: Range): this {
    this._d.ranges = this._d.ranges.filter(
      (r) =>
        !(
          r.sheetId === range._s.id &&
          r.r === range._box.r &&
          r.c === range._box.c &&
          r.nr === range._box.nr &&
          r.nc === range._box.nc
        ),
    );
    return this;
  }
  clearRanges(): this {
    this._d.ranges = [];
    return this;
  }
  getRanges(): Range[] {
    return new EmbeddedChart(this._x, this._b, this._s, this._d).getRanges();
  }
  setChartType(type: string): this {
    checkArgs(
      typeof type === 'string' && type in ChartType,
      [type],
      'SpreadsheetApp.EmbeddedChartBuilder.setChartType',
    );
    this._d.type = type;
    return this;
  }
  getChartType(): string {
    return this._d.type;
  }
  setOption(option: string, value: unknown): this {
    this._d.options[String(option)] = value;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this._d.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }
  getContainer(): ReturnType<EmbeddedChart['getContainerInfo']> {
    return new EmbeddedChart(this._x, this._b, this._s, this._d).getContainerInfo();
  }
  setHiddenDimensionStrategy(strategy: string): this {
    this._d.hiddenDimensionStrategy = strategy;
    return this;
  }
  setMergeStrategy(strategy: string): this {
    this._d.mergeStrategy = strategy;
    return this;
  }
  setNumHeaders(headers: number): this {
    this._d.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this._d.transpose = Boolean(transpose);
    return this;
  }
  setDimensions(width: number, height: number): this {
    this._d.options.width = width;
    this._d.options.height = height;
    return this;
  }
  build(): EmbeddedChart {
    if (!this._d.ranges.length) fail('A chart needs at least one range: call addRange before build().');
    return new EmbeddedChart(this._x, this._b, this._s, structuredClone(this._d));
  }
}

// asBarChart(), asPieChart() … switch the type and keep the same builder.
const TYPED: Record<string, string> = {
  asAreaChart: 'AREA',
  asBarChart: 'BAR',
  asColumnChart: 'COLUMN',
  asComboChart: 'COMBO',
  asHistogramChart: 'HISTOGRAM',
  asLineChart: 'LINE',
  asPieChart: 'PIE',
  asScatterChart: 'SCATTER',
  asTableChart: 'TABLE',
};
const proto = EmbeddedChartBuilder.prototype as unknown as Record<string, unknown>;
for (const [method, type] of Object.entries(TYPED)) {
  proto[method] = function (this: EmbeddedChartBuilder) {
    this._d.type = type;
    return this;
  };
}
for (const [method, option] of Object.entries(OPTION_SETTERS)) {
  proto[method] = function (this: EmbeddedChartBuilder, ...args: unknown[]) {
    this._d.options[option] = args.length === 0 ? true : args.length === 1 ? args[0] : args;
    return this;
  };
}

/** The stored data of a chart handed to insertChart/updateChart. */
export function chartData(chart: unknown, method: string): ChartData {
  checkArgs(chart instanceof EmbeddedChart, [chart], method);
  return structuredClone((chart as EmbeddedChart)._d);
}
