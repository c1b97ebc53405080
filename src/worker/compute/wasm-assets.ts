/// <reference path="./wasm-url.d.ts" />
// The WebAssembly image codecs for the app's worker: the same .wasm files the CLI uses, emitted
// by Vite as assets next to the worker and fetched from the app's own origin.
import jpegUrl from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm?url';
import webpUrl from '@jsquash/webp/codec/dec/webp_dec.wasm?url';
import { provideWasm } from '../../formats/wasm';

const URLS = { jpeg: jpegUrl, webp: webpUrl };

provideWasm(async (codec) => {
  const response = await fetch(URLS[codec]);
  if (!response.ok) throw new Error(`the ${codec} decoder could not be loaded (HTTP ${response.status})`);
  return WebAssembly.compile(await response.arrayBuffer());
});
