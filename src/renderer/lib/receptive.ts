// Hover outlines: which outputs read an input pixel, and which input pixels (taps) an output
// reads. Both follow from the core's resolved geometry (stride, dilation, padding size and
// mode), so reflect/replicate/circular padding is honoured: an edge pixel is also read
// through the padding positions that copy it.
import { reachOf, type Axis, type Geometry, type Reach } from '../../core/problem/geometry';

export interface Cell {
  readonly row: number;
  readonly col: number;
}

/** Per-axis reach tables, computed once per geometry and reused on every hover. */
export interface ReachTables {
  readonly rows: Reach;
  readonly cols: Reach;
}

export function reachTables(geometry: Geometry): ReachTables {
  return { rows: reachOf(geometry.rows), cols: reachOf(geometry.cols) };
}

function outputsOf(reach: Reach, a: number): number[] {
  return Array.from(reach.outputs.subarray(reach.outputStart[a], reach.outputStart[a + 1]));
}

/** Every output (row, col) whose window reads input pixel (row, col). */
export function outputsReading(tables: ReachTables, row: number, col: number): Cell[] {
  const rows = outputsOf(tables.rows, row);
  const cols = outputsOf(tables.cols, col);
  return rows.flatMap((r) => cols.map((c) => ({ row: r, col: c })));
}

/** A kernel window in input coordinates; it may extend into the padding (outside the image). */
export interface Window {
  readonly top: number;
  readonly left: number;
  /** Exclusive. */
  readonly bottom: number;
  readonly right: number;
}

export interface OutputField {
  readonly window: Window;
  /** The input pixels the output reads, one per kernel tap that lands on the image or copies it. */
  readonly taps: Cell[];
}

function axisTaps(axis: Axis, o: number): { start: number; sources: number[] } {
  const first = o * axis.stride;
  const sources: number[] = [];
  for (let k = 0; k < axis.kernel; k++) sources.push(axis.source[first + k * axis.dilation] ?? -1);
  return { start: first - axis.before, sources };
}

/** The input window and taps of output (row, col). */
export function fieldOf(geometry: Geometry, row: number, col: number): OutputField {
  const r = axisTaps(geometry.rows, row);
  const c = axisTaps(geometry.cols, col);
  const extentRows = geometry.rows.dilation * (geometry.rows.kernel - 1) + 1;
  const extentCols = geometry.cols.dilation * (geometry.cols.kernel - 1) + 1;
  const taps: Cell[] = [];
  for (const sr of r.sources) {
    if (sr < 0) continue;
    for (const sc of c.sources) if (sc >= 0) taps.push({ row: sr, col: sc });
  }
  return {
    window: { top: r.start, left: c.start, bottom: r.start + extentRows, right: c.start + extentCols },
    taps,
  };
}
