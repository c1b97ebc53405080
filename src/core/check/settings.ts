import { InputError } from '../problem/errors';
import { KINK_CONVENTIONS, type ConvOptions, type FdMethod, type KinkConvention, type Tolerance } from '../problem/types';
import { FD_METHODS } from '../problem/options';

/** The settings of a check as a user gives them (the app's fields, the CLI's options), before any is trusted. */
export interface CheckSettingsInput {
  readonly method?: FdMethod;
  readonly h?: number;
  readonly tolerance?: Partial<Tolerance>;
  readonly kinkConvention?: string;
  readonly directions?: number;
  readonly conv?: Pick<ConvOptions, 'padding' | 'stride' | 'dilation'>;
}

/** One invalid setting: the field it belongs to (the app shows the message there) and why, in one line. */
export interface SettingProblem {
  readonly field: 'h' | 'atol' | 'rtol' | 'method' | 'kink-convention' | 'directions' | 'stride' | 'dilation' | 'padding';
  readonly message: string;
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : value === undefined || value === null || value === '' ? 'nothing' : JSON.stringify(value);
}

function positiveStep(value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return `h must be a number > 0, got ${describe(value)}`;
  if (!Number.isFinite(value) || value <= 0) return `h must be a finite number > 0, got ${value}`;
  return undefined;
}

function nonNegative(name: string, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${name} must be a finite number >= 0, got ${describe(value)}`;
  return undefined;
}

function pair(name: string, value: readonly number[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.every((v) => Number.isInteger(v) && v >= 1)) return `${name} must be integers >= 1, got ${value.join(',')}`;
  return undefined;
}

/**
 * Every problem with a check's settings, empty when they are valid. The one validation of
 * settings: the CLI turns the first problem into its error (exit 2), the app shows each at its
 * field and computes no verdict while any remains. Settings left out are not checked (the
 * defaults are valid).
 */
export function validateSettings(input: CheckSettingsInput): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (field: SettingProblem['field'], message: string | undefined) => {
    if (message) problems.push({ field, message });
  };
  if (input.method !== undefined && !(FD_METHODS as readonly FdMethod[]).includes(input.method)) add('method', `method must be one of ${FD_METHODS.join('|')}, got ${describe(input.method)}`);
  if ('h' in input) add('h', positiveStep(input.h));
  if (input.tolerance && 'atol' in input.tolerance) add('atol', nonNegative('atol', input.tolerance.atol));
  if (input.tolerance && 'rtol' in input.tolerance) add('rtol', nonNegative('rtol', input.tolerance.rtol));
  if (input.kinkConvention !== undefined && !KINK_CONVENTIONS.includes(input.kinkConvention as KinkConvention)) {
    add('kink-convention', `kink convention must be one of ${KINK_CONVENTIONS.join('|')}, got ${describe(input.kinkConvention)}`);
  }
  if (input.directions !== undefined && !(Number.isInteger(input.directions) && input.directions >= 1)) {
    add('directions', `directions must be an integer >= 1, got ${describe(input.directions)}`);
  }
  const conv = input.conv;
  if (conv) {
    add('stride', pair('stride', conv.stride));
    add('dilation', pair('dilation', conv.dilation));
    if (conv.padding === 'same' && conv.stride.some((s) => s !== 1)) add('padding', `padding 'same' needs stride 1, got ${conv.stride.join(',')}`);
    if (Array.isArray(conv.padding) && !conv.padding.every((p: number) => Number.isInteger(p) && p >= 0)) {
      add('padding', `padding must be four integers >= 0 (top,bottom,left,right), got ${conv.padding.join(',')}`);
    }
  }
  return problems;
}

/** Throws the first problem of validateSettings as an InputError naming its field. */
export function assertValidSettings(input: CheckSettingsInput): void {
  const [first] = validateSettings(input);
  if (first) throw new InputError(first.message, first.field);
}
