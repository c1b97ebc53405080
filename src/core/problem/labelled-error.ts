// Comlink carries only an error's name and message across the worker boundary, so whatever
// the input is (a file, an option) goes into the message: "<file or option>: <problem>".
import { InputError } from './errors';
import type { InputLabels } from './labels';

/** The error with `label: ` in front of its message. */
export function prefixed(label: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new Error(`${label}: ${message}`);
  wrapped.name = error instanceof InputError ? 'InputError' : 'Error';
  return wrapped;
}

/** An InputError prefixed with the label of its subject (e.g. 'grad' -> 'g.npy'); other errors unchanged. */
export function labelled(error: unknown, labels: InputLabels): Error {
  if (!(error instanceof InputError)) return error instanceof Error ? error : new Error(String(error));
  if (!error.subject) return error;
  return prefixed(labels[error.subject] ?? error.subject, error);
}
