// The problem: tensors, convolution options, losses and activations, presets, geometry, budgets.
export * from './activation';
export * from './budget';
export * from './clock';
export * from './defaults';
export * from './errors';
export * from './geometry';
export * from './labels';
export * from './labelled-error';
export * from './loss';
export * from './pad';
export * from './presets';
export * from './problem';
export * from './random';
export * from './ranges';
export * from './tensor';
export * from './twin';
export * from './types';
