// Where a failing gradient is wrong, as one class a person recognises: a band along the border,
// particular kernel taps, a lattice (a stride's period), a few isolated elements, one channel or
// batch entry, or everywhere. Computed from the mask of failing elements; the classes are tried in
// that order and each must be dense (most of its cells failing) so a scatter is not called a band.
import { unravelIndex } from '../problem/tensor';
import type { FloatArray } from '../problem/types';
import { fittedFactor } from './hypotheses';

export type Side = 'top' | 'bottom' | 'left' | 'right';

export type Footprint =
  | { readonly kind: 'border'; readonly failing: number; readonly sides: Side[]; readonly width: number }
  | { readonly kind: 'taps'; readonly failing: number; readonly taps: [number, number][] }
  | { readonly kind: 'lattice'; readonly failing: number; readonly period: [number, number]; readonly offset: [number, number] }
  | { readonly kind: 'isolated'; readonly failing: number; readonly at: number[][] }
  | { readonly kind: 'plane'; readonly failing: number; readonly axis: string; readonly index: number }
  | {
      readonly kind: 'everywhere';
      readonly failing: number;
      /** Failing elements over all elements. */
      readonly fraction: number;
      /** Pearson correlation of the error (tested - true) with the true gradient; null where undefined. */
      readonly correlation: number | null;
      /** The least-squares factor c with tested ≈ c * true; null where the true gradient is 0. */
      readonly ratio: number | null;
    };

export type FootprintKind = Footprint['kind'];

/** At most this many failing elements are "isolated", and all of them are listed. */
export const ISOLATED_MAX = 16;
/** A class must have at least this fraction of its cells failing. */
const DENSITY = 0.5;

export interface FootprintInput {
  /** 1 where the element fails. */
  readonly mask: Uint8Array;
  /** The gradient's shape as the user gave it; the last two axes are the plane. */
  readonly shape: readonly number[];
  /** Names of the leading axes, outermost first, e.g. ['n', 'c'] (only the last shape.length - 2 are used). */
  readonly axes: readonly string[];
  /** 'image': border bands are looked for; 'kernel': taps are. */
  readonly space: 'image' | 'kernel';
  readonly tested: FloatArray;
  readonly truth: FloatArray;
}

interface Cells {
  readonly height: number;
  readonly width: number;
  readonly failing: number;
  /** Failing elements as flat indices. Only the first ISOLATED_MAX + 1 are kept when there are many. */
  readonly first: number[];
  /** Planes that hold a failing element. */
  readonly planes: Set<number>;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** The footprint of the failing elements, or null when none fails. */
export function footprintOf(input: FootprintInput): Footprint | null {
  const { mask, shape } = input;
  const height = shape.length >= 2 ? shape[shape.length - 2] : 1;
  const width = shape[shape.length - 1];
  const plane = height * width;
  let failing = 0;
  const first: number[] = [];
  const planes = new Set<number>();
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    failing++;
    if (first.length <= ISOLATED_MAX) first.push(i);
    planes.add(Math.floor(i / plane));
  }
  if (failing === 0) return null;
  const cells: Cells = { height, width, failing, first, planes };
  return (
    (input.space === 'image' ? border(mask, cells) : taps(mask, cells)) ??
    lattice(mask, cells) ??
    isolated(cells, shape) ??
    onePlane(cells, input) ??
    everywhere(cells, input)
  );
}

function border(mask: Uint8Array, cells: Cells): Footprint | undefined {
  const { height: h, width: w, failing, planes } = cells;
  const plane = h * w;
  // The narrowest band that holds every failing element: one more than the largest distance of an element to its nearest side.
  let band = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const r = Math.floor((i % plane) / w);
    const c = i % w;
    band = Math.max(band, Math.min(r, h - 1 - r, c, w - 1 - c) + 1);
  }
  if (band > Math.max(1, Math.floor(Math.min(h, w) / 4))) return undefined;
  // Sides are taken greedily, most failing elements first, until every element lies in one.
  const inSide: Record<Side, (r: number, c: number) => boolean> = {
    top: (r) => r < band,
    bottom: (r) => r >= h - band,
    left: (_r, c) => c < band,
    right: (_r, c) => c >= w - band,
  };
  const sides: Side[] = [];
  let covered = 0;
  while (covered < failing) {
    let best: Side | undefined;
    let bestCount = 0;
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      if (sides.includes(side)) continue;
      let count = 0;
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) continue;
        const r = Math.floor((i % plane) / w);
        const c = i % w;
        if (inSide[side](r, c) && !sides.some((s) => inSide[s](r, c))) count++;
      }
      if (count > bestCount) [best, bestCount] = [side, count];
    }
    if (!best) return undefined;
    sides.push(best);
    covered += bestCount;
  }
  let bandCells = 0;
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (sides.some((s) => inSide[s](r, c))) bandCells++;
  return failing >= DENSITY * bandCells * planes.size ? { kind: 'border', failing, sides, width: band } : undefined;
}

function taps(mask: Uint8Array, cells: Cells): Footprint | undefined {
  const { height: h, width: w, failing } = cells;
  const plane = h * w;
  const seen = new Uint8Array(plane);
  for (let i = 0; i < mask.length; i++) if (mask[i]) seen[i % plane] = 1;
  const list: [number, number][] = [];
  for (let t = 0; t < plane; t++) if (seen[t]) list.push([Math.floor(t / w), t % w]);
  return list.length < plane ? { kind: 'taps', failing, taps: list } : undefined;
}

function lattice(mask: Uint8Array, cells: Cells): Footprint | undefined {
  const { height: h, width: w, failing, planes } = cells;
  if (failing < 4) return undefined;
  const plane = h * w;
  const r0 = Math.floor((cells.first[0] % plane) / w);
  const c0 = cells.first[0] % w;
  let pr = 0;
  let pc = 0;
  let [rMin, rMax, cMin, cMax] = [h, -1, w, -1];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const r = Math.floor((i % plane) / w);
    const c = i % w;
    pr = gcd(pr, r - r0);
    pc = gcd(pc, c - c0);
    [rMin, rMax, cMin, cMax] = [Math.min(rMin, r), Math.max(rMax, r), Math.min(cMin, c), Math.max(cMax, c)];
  }
  // One row or column is a line, not a lattice; a period of 1 on both axes is a solid block.
  if (pr === 0 || pc === 0 || (pr === 1 && pc === 1)) return undefined;
  const points = ((rMax - rMin) / pr + 1) * ((cMax - cMin) / pc + 1) * planes.size;
  if (failing < DENSITY * points) return undefined;
  return { kind: 'lattice', failing, period: [pr, pc], offset: [rMin % pr, cMin % pc] };
}

function isolated(cells: Cells, shape: readonly number[]): Footprint | undefined {
  if (cells.failing > ISOLATED_MAX) return undefined;
  return { kind: 'isolated', failing: cells.failing, at: cells.first.map((i) => unravelIndex(i, shape)) };
}

function onePlane(cells: Cells, input: FootprintInput): Footprint | undefined {
  const lead = input.shape.slice(0, -2);
  const names = input.axes.slice(input.axes.length - lead.length);
  const plane = cells.height * cells.width;
  const indices = [...cells.planes].map((p) => unravelIndex(p, lead));
  for (let a = 0; a < lead.length; a++) {
    if (lead[a] < 2) continue;
    const at = indices[0][a];
    if (indices.every((idx) => idx[a] === at)) {
      // Dense within that slice: most of its elements fail.
      const size = plane * lead.reduce((p, d, i) => (i === a ? p : p * d), 1);
      if (cells.failing >= DENSITY * size) return { kind: 'plane', failing: cells.failing, axis: names[a], index: at };
    }
  }
  return undefined;
}

function everywhere(cells: Cells, input: FootprintInput): Footprint {
  const { tested, truth } = input;
  const n = truth.length;
  let mt = 0;
  let me = 0;
  for (let i = 0; i < n; i++) {
    mt += truth[i];
    me += tested[i] - truth[i];
  }
  mt /= n;
  me /= n;
  let st = 0;
  let se = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    const dt = truth[i] - mt;
    const de = tested[i] - truth[i] - me;
    st += dt * dt;
    se += de * de;
    cross += dt * de;
  }
  const correlation = st > 0 && se > 0 && Number.isFinite(cross) ? cross / Math.sqrt(st * se) : null;
  return { kind: 'everywhere', failing: cells.failing, fraction: cells.failing / n, correlation, ratio: fittedFactor(tested, truth) ?? null };
}
