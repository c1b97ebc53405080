// Comlink carries only an error's name and message across the worker boundary, so the
// core's InputError subject is folded into the message here: "<file or option>: <problem>".
import { InputError } from './core/errors';
import type { InputLabels } from './protocol';

export function labelled(error: unknown, labels: InputLabels): Error {
  if (!(error instanceof InputError)) return error instanceof Error ? error : new Error(String(error));
  const label = error.subject ? (labels[error.subject] ?? error.subject) : undefined;
  const wrapped = new Error(label ? `${label}: ${error.message}` : error.message);
  wrapped.name = 'InputError';
  return wrapped;
}
