// The tensor shape every backend (local onnxruntime, remote KServe v2) speaks. Data is row-major,
// first dimension is the batch.
import type { TensorDtype } from '@suite/onnx';

/** The model card's element types (libs/onnx), which every backend's tensors speak. */
export type { TensorDtype };

export type TensorData =
  Float32Array | Float64Array | BigInt64Array | Int32Array | Int8Array | Uint8Array | string[];

export interface Tensor {
  dtype: TensorDtype;
  dims: number[];
  data: TensorData;
}

export type NamedTensors = Record<string, Tensor>;

/** KServe v2 / Triton datatype names. */
export const KSERVE_DATATYPE: Record<TensorDtype, string> = {
  float32: 'FP32',
  float64: 'FP64',
  int64: 'INT64',
  int32: 'INT32',
  int8: 'INT8',
  uint8: 'UINT8',
  bool: 'BOOL',
  string: 'BYTES',
};

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

export function float32Tensor(data: ArrayLike<number>, dims: number[]): Tensor {
  return { dtype: 'float32', dims, data: Float32Array.from(data) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function int64Tensor(data: ArrayLike<number | bigint>, dims: number[]): Tensor {
  const out = new BigInt64Array(data.length);
  if (LITTLE_ENDIAN && data instanceof Int32Array) {
    // Word writes with sign extension: BigInt() per element dominated the NER text path (8M feature
    // ids for a 100,000-token document) and its garbage.
    const words = new Int32Array(out.buffer);
    for (let i = 0; i < data.length; i++) {
      words[2 * i] = data[i];
      words[2 * i + 1] = data[i] >> 31;
    }
  } else for (let i = 0; i < data.length; i++) out[i] = BigInt(data[i]);
  return { dtype: 'int64', dims, data: out };
}
