// The steps and sample size a sweep takes by default, apart from the sweep itself so that reading
// a command line (the CLI's argument resolution) does not load the convolution and check code.

/** `count` values from 10^fromExp to 10^toExp, evenly spaced in log10 (either direction). */
export function logspace(fromExp: number, toExp: number, count: number): number[] {
  // 15 significant digits: 10 ** -4 is 9.999999999999999e-5, which should read 1e-4 in a CSV.
  const at = (exp: number) => Number((10 ** exp).toPrecision(15));
  if (count === 1) return [at(fromExp)];
  return Array.from({ length: count }, (_, i) => at(fromExp + ((toExp - fromExp) * i) / (count - 1)));
}

/** 1e-1 down to 1e-13, two points per decade: wide enough to show both the truncation and the round-off regime. */
export const DEFAULT_SWEEP_HS: readonly number[] = logspace(-1, -13, 25);

/** Per gradient, at most this many elements are differenced at each h (a fixed random sample of larger gradients). */
export const DEFAULT_SWEEP_ELEMENTS = 256;
