// Studies around a check: injected mistakes, the step-size sweep and the Taylor test.
export * from './inject';
export * from './sweep';
export * from './sweep-steps';
