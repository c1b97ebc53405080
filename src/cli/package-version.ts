import { readFile } from 'node:fs/promises';

/** ConvGrad's version from package.json, recorded in every report. */
export async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
