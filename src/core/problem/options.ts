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
