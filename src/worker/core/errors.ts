export class InputError extends Error { constructor(message: string, readonly subject?: string) { super(message); this.name = 'InputError'; } }
