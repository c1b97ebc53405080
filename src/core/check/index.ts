// The gradient check: settings, the finite differences, comparison, verdict and the pipeline.
export * from './black-box';
export * from './check';
export * from './compare';
export * from './cost';
export * from './difference';
export * from './directional';
export * from './numerical';
export * from './partition';
export * from './pipeline';
export * from './progress';
export * from './reference';
export * from './settings';
export * from './sliced-fill';
export * from './step';
export * from './types';
