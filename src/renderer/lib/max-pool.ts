// An error map drawn smaller than its data must not lose a bad element: each screen pixel shows
// the largest error among the elements it covers (never an average, never one sampled element),
// so one wrong pixel of a 6-megapixel map stays visible at any zoom.
import type { Plane } from '../../export/planes';

export interface Pooled {
  readonly plane: Plane;
  /** 1 where every element of the cell is a kink (painted as one); undefined without kinks. */
  readonly kinks?: Uint8Array;
  /** Elements per cell along each axis. */
  readonly factor: number;
}

/**
 * Elements per cell along each axis for a map drawn at `devicePixelsPerElement`: 1 until an
 * element is smaller than a device pixel, then a power of two (zooming reuses few reductions),
 * rounded up to pool (a cell may cover several device pixels, no element is left out) or down to
 * sample (samplePlane: at least one cell per device pixel, as sharp as the whole plane drawn
 * scaled down).
 */
export function cellFactor(devicePixelsPerElement: number, reduction: 'pool' | 'sample'): number {
  if (!(devicePixelsPerElement < 1) || devicePixelsPerElement <= 0) return 1;
  const exact = Math.log2(1 / devicePixelsPerElement);
  return 2 ** (reduction === 'pool' ? Math.ceil(exact) : Math.floor(exact));
}

/**
 * The plane in `factor` x `factor` cells, each holding its largest value; a non-finite value wins
 * (it is the worst error there is), and kink elements (not measured) count only when the whole
 * cell is kinks.
 */
export function maxPool(plane: Plane, factor: number, kinks?: Uint8Array): Pooled {
  const height = Math.ceil(plane.height / factor);
  const width = Math.ceil(plane.width / factor);
  const data = new Float64Array(height * width).fill(-Infinity);
  const counted = new Uint8Array(height * width);
  // Cell by cell along each row, not a division per element: a 3000×2000 map is pooled on the main thread.
  for (let r = 0; r < plane.height; r++) {
    const row = Math.floor(r / factor) * width;
    for (let col = 0; col < width; col++) {
      const cell = row + col;
      const end = r * plane.width + Math.min((col + 1) * factor, plane.width);
      for (let i = r * plane.width + col * factor; i < end; i++) {
        if (kinks !== undefined && kinks[i]) continue;
        const v = plane.data[i];
        counted[cell] = 1;
        if (!Number.isFinite(v)) data[cell] = Number.isNaN(data[cell]) ? data[cell] : Number.isNaN(v) ? NaN : Math.max(data[cell], v);
        else if (v > data[cell]) data[cell] = v;
      }
    }
  }
  const allKinks = kinks ? Uint8Array.from(counted, (seen) => (seen ? 0 : 1)) : undefined;
  for (let cell = 0; cell < data.length; cell++) if (!counted[cell]) data[cell] = 0;
  return { plane: { height, width, data }, kinks: allKinks, factor };
}
