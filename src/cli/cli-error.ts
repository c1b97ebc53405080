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
    return this.subject ? `${this.subject}: ${this.message}` : this.message;
  }
}
