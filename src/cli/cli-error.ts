import { InputError } from '../core/problem/errors';

/** The longest stderr line ConvGrad writes for bad input (a message a person can read at once). */
export const MAX_MESSAGE_LENGTH = 200;

/**
 * Bad usage or bad input, reported as one stderr line `convgrad: <subject>: <message>` with exit status 2.
 * `subject` names what was wrong: an option (`--stride`) or an option with its file (`--x data/img.npy`).
 */
export class CliError extends Error {
  readonly subject: string;

  constructor(subject: string, message: string) {
    super(message);
    this.name = 'CliError';
    this.subject = subject;
  }

  get line(): string {
    return errorLine(this.subject, this.message);
  }
}

/** What a catch block rethrows: bad input (an InputError from the core) as `subject`'s CliError, anything else as it is. */
export function asCliError(subject: string, error: unknown): unknown {
  return error instanceof InputError ? new CliError(subject, error.message) : error;
}

/** Control characters as \xNN, so a file name or value cannot move the cursor or clear the terminal. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * `subject: message` on one line of at most MAX_MESSAGE_LENGTH characters after `convgrad: `: a long
 * subject (a deep path) is shortened in the middle first, then the message at its end.
 */
export function errorLine(subject: string, message: string): string {
  const room = MAX_MESSAGE_LENGTH - 'convgrad: '.length;
  const text = escapeControl(message.replace(/\s*\n\s*/g, ' '));
  let label = escapeControl(subject);
  const messageRoom = Math.min(text.length, room - (label ? 2 : 0) - Math.min(label.length, 40));
  const labelRoom = room - messageRoom - (label ? 2 : 0);
  if (label.length > labelRoom) {
    const half = Math.floor((labelRoom - 1) / 2);
    label = `${label.slice(0, half)}…${label.slice(label.length - (labelRoom - 1 - half))}`;
  }
  const body = text.length > messageRoom ? `${text.slice(0, messageRoom - 1)}…` : text;
  return label ? `${label}: ${body}` : body;
}
