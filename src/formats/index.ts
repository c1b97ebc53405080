// File formats: images, .npy/.npz, CSV/JSON arrays and sessions, decoded to the core's tensors.
export * from './bmp';
export * from './decode-file';
export * from './decoded-image';
export * from './file-kinds';
export * from './gif';
export * from './image';
export * from './jpeg';
export * from './load-file';
export * from './npy';
export * from './npz';
export * from './png';
export * from './quote';
export * from './session';
export * from './text-array';
export * from './wasm';
export * from './webp';
