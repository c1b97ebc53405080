/** Display names for the core's InputError subjects (e.g. 'x' -> the file X came from), used to prefix error messages. */
export type InputLabels = Readonly<Partial<Record<string, string>>>;
