import { type BenchCase, square } from './case';
import { forwardCase } from './forward';
import { forwardVjpCase } from './forward-vjp';
import { numericalCase } from './numerical';
import { poolCase } from './pool';
import { jpegDecodeCase } from './jpeg';
import { coldForwardVjpCase, threadStartCase } from './startup';
import { cliStartCase, wholeCheckCase } from './whole-command';

/** The measured cases, in table order: the core's loops warm, then cold starts and whole CLI commands in fresh processes. */
export const CASES: readonly BenchCase[] = [
  forwardCase(square(512, 5), 'f64'),
  forwardVjpCase(square(1024, 5), 'f64', 'half-of-convolve2d'),
  forwardVjpCase(square(1024, 11), 'f64', 'fftconvolve'),
  forwardVjpCase(square(1024, 5), 'f32', 'none'),
  numericalCase(square(256, 5), 'f64'),
  numericalCase(square(512, 5), 'f64', 500),
  numericalCase(square(256, 5), 'f32'),
  poolCase(square(2048, 5), 'f64', 2, 1.7),
  coldForwardVjpCase(square(1024, 5), 'f64'),
  threadStartCase(2),
  jpegDecodeCase(3000, 2000),
  cliStartCase(),
  wholeCheckCase({ h: 512, w: 512, kernel: 5, numerical: 'full' }),
  wholeCheckCase({ h: 1024, w: 1024, kernel: 5, numerical: 'none' }),
  wholeCheckCase({ h: 2000, w: 3000, kernel: 15, numerical: 'full', grad: 'random', runs: 1, numericalTargetMs: 12_000 }),
];
