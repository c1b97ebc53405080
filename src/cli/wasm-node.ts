// The WebAssembly image codecs for the CLI: compiled from the .wasm files the npm packages ship.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { provideWasm, type WasmCodec } from '../formats/wasm';

const FILES: Record<WasmCodec, string> = {
  jpeg: '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  webp: '@jsquash/webp/codec/dec/webp_dec.wasm',
};

const require = createRequire(import.meta.url);
/** Node has WebAssembly; the CLI's TypeScript lib (ES2022 without DOM) does not declare it. */
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object> } };

provideWasm(async (codec) => wasm.compile(await readFile(require.resolve(FILES[codec]))));
