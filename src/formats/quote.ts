/** A short, printable quotation of text from a file: at most 20 characters, control characters escaped. */
export function quote(text: string): string {
  const short = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  return `'${short.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}
