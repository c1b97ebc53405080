import { type BenchCase, square } from './case';
import { forwardCase } from './forward';
import { forwardVjpCase } from './forward-vjp';
import { numericalCase } from './numerical';
import { poolCase } from './pool';

/** The measured cases, in table order. The targets: VJP 1024² rows and numerical 512² f64. */
export const CASES: readonly BenchCase[] = [
  forwardCase(square(512, 5), 'f64'),
  forwardVjpCase(square(1024, 5), 'f64', 'half-of-convolve2d'),
  forwardVjpCase(square(1024, 11), 'f64', 'fftconvolve'),
  forwardVjpCase(square(1024, 5), 'f32', 'none'),
  numericalCase(square(256, 5), 'f64'),
  numericalCase(square(512, 5), 'f64', 500),
  numericalCase(square(256, 5), 'f32'),
  poolCase(square(2048, 5), 'f64', 2, 1.7),
];
