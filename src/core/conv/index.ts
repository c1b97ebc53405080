// The convolution: forward pass, VJP and the analysis (Y, dL/dY, the exact gradients).
export * from './analyze';
export * from './correlate';
export * from './correlate-fft';
export * from './correlation-shape';
export * from './fft';
export * from './forward';
export * from './framed-input';
export * from './vjp';
