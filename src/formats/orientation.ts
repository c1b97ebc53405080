// EXIF orientation, which ConvGrad reports and never applies (PIL's Image.open does not apply it).
// Only a type import, so the renderer can use it without pulling in the decoders.
import type { Tensor } from '../core/problem/types';

/** A decoded image's array, carrying the EXIF orientation it left unapplied (it survives structured cloning). */
export interface ImageTensor extends Tensor {
  readonly orientation?: number;
}

/** What EXIF orientations 2..8 ask a viewer to do, for telling the user what was not done. */
export const ORIENTATIONS: Readonly<Record<number, string>> = {
  2: 'mirror left-right', 3: 'rotate 180°', 4: 'mirror top-bottom', 5: 'mirror and rotate 90° counter-clockwise',
  6: 'rotate 90° clockwise', 7: 'mirror and rotate 90° clockwise', 8: 'rotate 90° counter-clockwise',
};
