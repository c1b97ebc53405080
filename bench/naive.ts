/**
 * The baseline the issue quotes (0.6-0.8 multiply-adds per ns): a true convolution with the
 * seed's padding written as the four textbook loops, with no blocking, unrolling or reordering.
 * Y[i,j] = sum over k,l of W[k,l] * X[i+K-1-k, j+L-1-l], X zero beyond its end.
 */
export function naiveConvolve(x: Float64Array, h: number, w: number, kernel: Float64Array, k: number, l: number): Float64Array {
  const wp = w + l - 1;
  const xp = new Float64Array((h + k - 1) * wp);
  for (let i = 0; i < h; i++) xp.set(x.subarray(i * w, (i + 1) * w), i * wp);
  const y = new Float64Array(h * w);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      let sum = 0;
      for (let kk = 0; kk < k; kk++) {
        for (let ll = 0; ll < l; ll++) sum += kernel[(k - 1 - kk) * l + (l - 1 - ll)] * xp[(i + kk) * wp + j + ll];
      }
      y[i * w + j] = sum;
    }
  }
  return y;
}
