// Every list of choices, once: the core's types derive from these, and so do the CLI's parsers
// and the app's menus (labels live with the UI), so a new choice is added in one place.

export const DTYPES = ['f64', 'f32'] as const;
export const OPS = ['conv', 'xcorr'] as const;
export const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;
export const ACTIVATIONS = ['identity', 'relu', 'tanh', 'sigmoid'] as const;
export const LOSS_KINDS = ['linear', 'l2'] as const;
export const FD_METHODS = ['central', 'forward', 'backward'] as const;
export const KINK_CONVENTIONS = ['zero', 'one', 'any'] as const;
/** The deliberately wrong backward passes of the study (core/study/inject.ts), by name. */
export const BUG_NAMES = [
  'kernel-not-mirrored',
  'padding-off-by-one',
  'kernel-transposed',
  'seed-unpad',
  'stride-ignored',
  'dilation-ignored',
  'dw-not-mirrored',
  'channels-swapped',
] as const;

/** Whether `name` is one of BUG_NAMES (a CLI option or a session names a bug as text). */
export function isBugName(name: string): name is (typeof BUG_NAMES)[number] {
  return (BUG_NAMES as readonly string[]).includes(name);
}

/** The gradients with maps of their own in the app, and each one's maps. */
const GRADIENT_MAP_PREFIXES = ['dx', 'dw'] as const;
const GRADIENT_MAPS = ['analytic', 'numerical', 'error', 'vs-vjp'] as const;
export type GradientMapPrefix = (typeof GRADIENT_MAP_PREFIXES)[number];
type GradientMapId = `${GradientMapPrefix}-${(typeof GRADIENT_MAPS)[number]}`;
/** The app's maps by id (src/export/maps.ts), as its exports and `convgrad render` name their files. */
export type MapId = 'x' | 'y' | 'gy' | 'w' | GradientMapId;
/** Every map's id, in the order the app shows them. */
export const MAP_IDS: readonly MapId[] = ['x', 'y', 'gy', 'w', ...GRADIENT_MAP_PREFIXES.flatMap((p) => GRADIENT_MAPS.map((m): GradientMapId => `${p}-${m}`))];
/** A map's colour scale: 'full' spans every value (symmetric about 0 for signed maps), 'robust' ends at a percentile and clips the rest. */
export const COLOUR_RANGES = ['full', 'robust'] as const;
export type ColourRange = (typeof COLOUR_RANGES)[number];
