import { type BenchCase, square } from './case';
import { forwardCase } from './forward';
import { forwardVjpCase } from './forward-vjp';
import { numericalCase } from './numerical';
import { poolCase } from './pool';
import { cliStartCase, wholeCheckCase } from './whole-command';

/** The measured cases, in table order: the core's loops warm, then whole CLI commands in fresh processes. */
export const CASES: readonly BenchCase[] = [
  forwardCase(square(512, 5), 'f64'),
  forwardVjpCase(square(1024, 5), 'f64', 'half-of-convolve2d'),
  forwardVjpCase(square(1024, 11), 'f64', 'fftconvolve'),
  forwardVjpCase(square(1024, 5), 'f32', 'none'),
  numericalCase(square(256, 5), 'f64'),
  numericalCase(square(512, 5), 'f64', 500),
  numericalCase(square(256, 5), 'f32'),
  poolCase(square(2048, 5), 'f64', 2, 1.7),
  cliStartCase(),
  wholeCheckCase(512, 5, 'full'),
  wholeCheckCase(1024, 5, 'none'),
];
