/**
 * Bad input: a one-line message without the file name, which the caller knows and prefixes.
 * `subject` names the input it is about ('x', 'w', 'bias', 'grad', 'target', 'analytic-dx',
 * 'analytic-dw') or the option ('stride', 'padding', ...), so each front end can phrase it.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
