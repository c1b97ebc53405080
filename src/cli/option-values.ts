// The options a command line gave, and the parsers that turn their text into checked values.
// Every failure is a CliError naming the option.

import { formatCount } from '../core/problem/budget';
import { DECIMAL, type IntegerRange } from '../core/problem/ranges';
import { CliError } from './cli-error';

/** Option values by name (without the leading --); flags are present as `true`. */
export type Given = Readonly<Record<string, string | true | undefined>>;

/** The text given for a value option, or undefined; an empty value is an error. */
export function valueOf(given: Given, name: string): string | undefined {
  const value = given[name];
  if (value === true) throw new Error(`--${name} is a flag, not a value option`);
  if (value === '') throw new CliError(`--${name}`, 'empty value');
  return value;
}

/** The parsed value of an option, or `fallback` when it is not given. */
export function parsed<T>(given: Given, name: string, parse: (text: string) => T, fallback: T): T {
  const text = valueOf(given, name);
  return text === undefined ? fallback : parse(text);
}

export function flag(given: Given, name: string): boolean {
  return given[name] === true;
}

export function oneOf<T extends string>(given: Given, name: string, allowed: readonly T[], fallback: T): T {
  const value = valueOf(given, name);
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name}`, `must be one of ${allowed.join('|')}, got '${value}'`);
}

/** An integer within `range`, written in decimal digits (no 0x, 0b, exponent or fraction). */
export function integerIn(option: string, text: string, range: IntegerRange, what = 'each value'): number {
  const value = integer(option, text, what);
  if (value < range.min || value > range.max) {
    throw new CliError(option, `${what} must be ${range.min} to ${formatCount(range.max)}, got ${value}`);
  }
  return value;
}

export function integer(option: string, text: string, what: string): number {
  const value = /^\s*[-+]?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value)) throw new CliError(option, `${what} must be an integer in decimal digits, got ${shortQuote(text)}`);
  return value;
}

/** A decimal number (1e-3, .5, -2): the one syntax of every real-valued option, as of text arrays. */
export function finiteNumber(option: string, text: string): number {
  const trimmed = text.trim();
  const value = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value)) throw new CliError(option, `must be a finite decimal number, got ${shortQuote(text)}`);
  return value;
}

export function positiveNumber(option: string, text: string): number {
  const value = finiteNumber(option, text);
  if (value <= 0) throw new CliError(option, `must be > 0, got ${text}`);
  return value;
}

export function nonNegativeNumber(option: string, text: string): number {
  const value = finiteNumber(option, text);
  if (value < 0) throw new CliError(option, `must be >= 0, got ${text}`);
  return value;
}

/** A value echoed in a message: at most 24 characters (the line escapes control characters). */
function shortQuote(text: string): string {
  return `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;
}
