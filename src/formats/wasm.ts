// The WebAssembly codecs (JPEG: libjpeg-turbo's decoder as built into MozJPEG; WebP: libwebp) are
// compiled by whoever hosts the formats: the CLI reads the .wasm files from node_modules, the
// app's worker fetches them as build assets. The formats only ask for them, once per codec.

export type WasmCodec = 'jpeg' | 'webp';
/** A compiled WebAssembly.Module; opaque here because the formats' TypeScript lib has no WebAssembly types. */
export type WasmModule = object;
export type WasmSource = (codec: WasmCodec) => Promise<WasmModule>;

let source: WasmSource | undefined;

/** Called once at start-up by the CLI and by the app's worker. */
export function provideWasm(compile: WasmSource): void {
  source = compile;
}

export function wasmModule(codec: WasmCodec): Promise<WasmModule> {
  if (!source) throw new Error(`no WebAssembly source for the ${codec} codec (provideWasm was not called)`);
  return source(codec);
}
