// The size budget: how many elements one array (or one derived buffer) may hold and how many bytes
// one file may have. Checked from headers and shapes *before* anything is allocated, so a hostile
// or mistaken input is refused in milliseconds instead of exhausting memory.
import { InputError } from './errors';

/** 64 Mi elements: 512 MB as float64, comfortable on a small machine with several buffers alive. */
export const DEFAULT_MAX_ELEMENTS = 64 * 2 ** 20;
/** The largest budget accepted (--max-elements, the app setting): 2^31 - 1, the longest typed array index. */
export const MAX_MAX_ELEMENTS = 2 ** 31 - 1;
/** The smallest budget accepted: small enough for tests, large enough for any useful image. */
export const MIN_MAX_ELEMENTS = 1024;

export interface Budget {
  /** Elements one array or derived buffer may hold. */
  readonly maxElements: number;
}

export const DEFAULT_BUDGET: Budget = { maxElements: DEFAULT_MAX_ELEMENTS };

/** The budget for a limit a user set, or the default when it is unset or outside MIN..MAX_MAX_ELEMENTS. */
export function budgetOf(maxElements: number | undefined): Budget {
  const valid = maxElements !== undefined && Number.isSafeInteger(maxElements) && maxElements >= MIN_MAX_ELEMENTS && maxElements <= MAX_MAX_ELEMENTS;
  return valid ? { maxElements } : DEFAULT_BUDGET;
}

/**
 * Bytes one file may have: a float64 .npy of maxElements values and its header. Text and images
 * hold fewer elements per byte than that only in pathological files, which are then refused.
 */
export function maxFileBytes(budget: Budget): number {
  return budget.maxElements * 8 + 2 ** 20;
}

/** The product of `factors`, or Infinity once it leaves the safe-integer range (never a wrapped or rounded count). */
export function checkedProduct(factors: readonly number[]): number {
  let product = 1;
  for (const f of factors) {
    if (!Number.isSafeInteger(f) || f < 0) return Infinity;
    product *= f;
    if (product > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return product;
}

/**
 * A count as a user reads it: 67108864 -> "67,108,864"; Infinity -> "more than 2^53". The commas
 * are put in by hand: toLocaleString would load ICU's locale data, ~30 ms of `convgrad --help`.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n > Number.MAX_SAFE_INTEGER) return 'more than 2^53';
  return String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * Throws an InputError when `count` elements exceed the budget; `what` names the array in words
 * ("the image (20000 x 20000)"), `subject` the input or option the error is about.
 */
export function checkElements(count: number, what: string, budget: Budget = DEFAULT_BUDGET, subject?: string): void {
  if (count <= budget.maxElements) return;
  throw new InputError(`${what} has ${formatCount(count)} elements, over the limit of ${formatCount(budget.maxElements)} (raise it with --max-elements or the app's element limit)`, subject);
}

/** Throws an InputError when a file of `bytes` bytes exceeds the budget's file size. */
export function checkFileBytes(bytes: number, budget: Budget = DEFAULT_BUDGET): void {
  const max = maxFileBytes(budget);
  if (bytes <= max) return;
  throw new InputError(`file of ${formatCount(bytes)} bytes is over the limit of ${formatCount(max)} bytes (raise it with --max-elements or the app's element limit)`);
}
