// The maps `convgrad render` draws, by the names the app's export gives them. Apart from the
// rest of the command (which loads the core and the maps' code) because `--help` lists them.
import { MAP_IDS, type MapId } from '../core/problem/options';

/** Every map but the app's comparison with ConvGrad's VJP, which the command does not compute. */
export const RENDER_MAPS: readonly MapId[] = MAP_IDS.filter((id) => !id.endsWith('-vs-vjp'));

/** The maps rendered when --maps is left out: Y, the gradients under test and their error maps. */
export const DEFAULT_RENDER_MAPS: readonly MapId[] = ['y', 'dx-analytic', 'dw-analytic', 'dx-error', 'dw-error'];

export const RENDER_FORMATS = ['png', 'svg'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
