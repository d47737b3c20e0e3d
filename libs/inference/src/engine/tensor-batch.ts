// Row-wise tensor plumbing shared by the batcher, the engine and the caches: stack requests along the
// batch dimension (padding sequences to a common length), cut a batch's outputs back into rows, check
// inputs against the model card. Every function copies: callers never share buffers with a batch.
import { DomainError } from '@suite/platform';
import type { TensorSpec } from './inference-backend.js';
import { elementCount, type NamedTensors, type Tensor, type TensorData, type TensorDtype } from './tensor.js';

const ARRAY_TAG: Record<TensorDtype, string> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  int64: 'BigInt64Array',
  int32: 'Int32Array',
  int8: 'Int8Array',
  uint8: 'Uint8Array',
  bool: 'Uint8Array',
  string: 'Array',
};

export function allocateTensorData(dtype: TensorDtype, length: number): TensorData {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int64':
      return new BigInt64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int8':
      return new Int8Array(length);
    case 'uint8':
    case 'bool':
      return new Uint8Array(length);
    case 'string':
      return new Array<string>(length).fill('');
  }
}

function copyElements(
  dst: TensorData,
  dstOffset: number,
  src: TensorData,
  start: number,
  count: number,
): void {
  if (Array.isArray(dst) || Array.isArray(src)) {
    const from = src as string[];
    const to = dst as string[];
    for (let i = 0; i < count; i++) to[dstOffset + i] = from[start + i];
    return;
  }
  // Same dtype on both sides (checked by validateInputs), so set() copies without conversion.
  (dst as Float32Array).set((src as Float32Array).subarray(start, start + count), dstOffset);
}

function fillElements(dst: TensorData, start: number, end: number, value: number): void {
  if (Array.isArray(dst)) dst.fill('', start, end);
  else if (tagOf(dst) === 'BigInt64Array') (dst as BigInt64Array).fill(BigInt(value), start, end);
  else (dst as Float32Array).fill(value, start, end);
}

function tagOf(data: unknown): string {
  // Realm-safe type check: typed arrays made in a worker thread or by native code fail `instanceof`.
  return Object.prototype.toString.call(data).slice(8, -1);
}

export function copyTensor(t: Tensor): Tensor {
  return { dtype: t.dtype, dims: [...t.dims], data: t.data.slice() as TensorData };
}

export function copyTensors(tensors: NamedTensors): NamedTensors {
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, copyTensor(t)]));
}

export function byteSizeOf(tensors: NamedTensors): number {
  let bytes = 0;
  for (const t of Object.values(tensors)) {
    bytes += Array.isArray(t.data)
      ? t.data.reduce((n, s) => n + Buffer.byteLength(s) + 8, 0)
      : (t.data as Float32Array).byteLength;
  }
  return bytes;
}

/**
 * Stacks tensors along the first dimension. With `padLength`, dimension 1 is a sequence axis: each
 * part is padded to that length with `padValue` (rows x padLength x rest).
 */
export function concatRows(parts: readonly Tensor[], padLength?: number, padValue = 0): Tensor {
  const first = parts[0];
  const rest = first.dims.slice(padLength === undefined ? 1 : 2);
  const inner = elementCount(rest);
  const rows = parts.reduce((n, p) => n + p.dims[0], 0);
  const dims = padLength === undefined ? [rows, ...rest] : [rows, padLength, ...rest];
  const data = allocateTensorData(first.dtype, elementCount(dims));
  let offset = 0;
  for (const part of parts) {
    if (padLength === undefined) {
      copyElements(data, offset, part.data, 0, part.data.length);
      offset += part.data.length;
      continue;
    }
    const length = part.dims[1];
    for (let r = 0; r < part.dims[0]; r++) {
      copyElements(data, offset, part.data, r * length * inner, length * inner);
      fillElements(data, offset + length * inner, offset + padLength * inner, padValue);
      offset += padLength * inner;
    }
  }
  return { dtype: first.dtype, dims, data };
}

/** Rows [start, start + rows) of a batch output, optionally cut back to `trimLength` along dim 1. */
export function sliceRows(t: Tensor, start: number, rows: number, trimLength?: number): Tensor {
  const rowSize = elementCount(t.dims.slice(1));
  if (trimLength === undefined || t.dims.length < 2 || trimLength >= t.dims[1]) {
    const data = t.data.slice(start * rowSize, (start + rows) * rowSize) as TensorData;
    return { dtype: t.dtype, dims: [rows, ...t.dims.slice(1)], data };
  }
  const inner = elementCount(t.dims.slice(2));
  const dims = [rows, trimLength, ...t.dims.slice(2)];
  const data = allocateTensorData(t.dtype, elementCount(dims));
  for (let r = 0; r < rows; r++)
    copyElements(data, r * trimLength * inner, t.data, (start + r) * rowSize, trimLength * inner);
  return { dtype: t.dtype, dims, data };
}

function invalid(model: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', `${model}: ${message}`);
}

/** Checks names, dtypes, ranks and fixed dims against the card; returns the number of rows. */
export function validateInputs(model: string, inputs: NamedTensors, specs: readonly TensorSpec[]): number {
  const known = new Set(specs.map((s) => s.name));
  const unknown = Object.keys(inputs).filter((k) => !known.has(k));
  if (unknown.length > 0) throw invalid(model, `unknown input(s) ${unknown.join(', ')}`);
  let rows: number | undefined;
  for (const spec of specs) {
    const t = inputs[spec.name];
    if (!t) throw invalid(model, `missing input ${spec.name}`);
    if (t.dtype !== spec.dtype)
      throw invalid(model, `input ${spec.name} must be ${spec.dtype}, got ${t.dtype}`);
    if (tagOf(t.data) !== ARRAY_TAG[t.dtype])
      throw invalid(model, `input ${spec.name} data is a ${tagOf(t.data)}, not a ${ARRAY_TAG[t.dtype]}`);
    if (t.dims.length !== spec.shape.length)
      throw invalid(model, `input ${spec.name} must have rank ${spec.shape.length}, got ${t.dims.length}`);
    spec.shape.forEach((d, i) => {
      if (d >= 0 && t.dims[i] !== d)
        throw invalid(model, `input ${spec.name} dim ${i} must be ${d}, got ${t.dims[i]}`);
      if (!Number.isInteger(t.dims[i]) || t.dims[i] < 0)
        throw invalid(model, `input ${spec.name} dim ${i} is not a size: ${t.dims[i]}`);
    });
    if (t.data.length !== elementCount(t.dims))
      throw invalid(model, `input ${spec.name} has ${t.data.length} values for shape [${t.dims.join(', ')}]`);
    if (rows !== undefined && t.dims[0] !== rows)
      throw invalid(model, `inputs disagree on the batch dimension (${rows} vs ${t.dims[0]})`);
    rows = t.dims[0];
  }
  if (rows === undefined || rows < 1) throw invalid(model, 'a request needs at least one row');
  return rows;
}

/** A dummy batch shaped by the card's input specs: warm-up runs it before a model is ready. */
export function warmUpInputs(specs: readonly TensorSpec[], rows = 1, dynamicSize = 1): NamedTensors {
  const inputs: NamedTensors = {};
  for (const spec of specs) {
    const dims = spec.shape.map((d, i) => (d >= 0 ? d : i === 0 ? rows : dynamicSize));
    inputs[spec.name] = { dtype: spec.dtype, dims, data: allocateTensorData(spec.dtype, elementCount(dims)) };
  }
  return inputs;
}
