// What a command hands back to the shell, and where it writes.

export const EXIT = { pass: 0, fail: 1, badInput: 2, internal: 3 } as const;

export interface Output {
  write(text: string): unknown;
}
