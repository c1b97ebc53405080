import type { DType, FloatArray, Tensor } from './types';

export type FloatArrayConstructor = Float64ArrayConstructor | Float32ArrayConstructor;

export function arrayType(dtype: DType): FloatArrayConstructor {
  return dtype === 'f32' ? Float32Array : Float64Array;
}

export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? 'f32' : 'f64';
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function tensor(shape: readonly number[], data: FloatArray): Tensor {
  if (sizeOf(shape) !== data.length) {
    throw new Error(`tensor: shape ${formatShape(shape)} does not hold ${data.length} values`);
  }
  return { shape: [...shape], data };
}

export function zeros(shape: readonly number[], dtype: DType): Tensor {
  return { shape: [...shape], data: new (arrayType(dtype))(sizeOf(shape)) };
}

/**
 * The values of `t` in `dtype`: `t.data` itself when it already is that type (copying a
 * megapixel image costs more than a 5×5 forward pass of it), so the result is read-only.
 */
export function castData(t: Tensor, dtype: DType): FloatArray {
  const Float = arrayType(dtype);
  return t.data instanceof Float ? t.data : new Float(t.data);
}

/** "(3,64,64)"; a shape of more than 8 dimensions shows its first and last three, so a hostile file cannot make a message long. */
export function formatShape(shape: readonly number[]): string {
  if (shape.length <= 8) return `(${shape.join(',')})`;
  return `(${shape.slice(0, 3).join(',')},…,${shape.slice(-3).join(',')}) [${shape.length} dimensions]`;
}

function withoutLeadingOnes(shape: readonly number[]): readonly number[] {
  let i = 0;
  while (i < shape.length - 1 && shape[i] === 1) i++;
  return shape.slice(i);
}

/** Shapes agree when they differ only by leading dimensions of size 1: (1,1,H,W) is (H,W). */
export function sameShapeUpToLeadingOnes(a: readonly number[], b: readonly number[]): boolean {
  const x = withoutLeadingOnes(a);
  const y = withoutLeadingOnes(b);
  return x.length === y.length && x.every((d, i) => d === y[i]);
}

/** Row-major index of flat position `flat` in an array of `shape`. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}
