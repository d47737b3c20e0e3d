// The KServe v2 / Open Inference Protocol JSON tensors (https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol):
// `{ name, shape, datatype, data }` with data row-major, flat or nested. Used both ways: by our HTTP
// surface to read requests and write responses, and by the remote client to do the opposite.
import { DomainError } from '@suite/platform';
import type { InferResult, ModelStatus, TensorSpec } from '../engine/inference-backend.js';
import {
  elementCount,
  KSERVE_DATATYPE,
  type NamedTensors,
  type Tensor,
  type TensorDtype,
} from '../engine/tensor.js';

export interface V2Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown[];
  parameters?: Record<string, unknown>;
}

export interface V2InferRequest {
  id?: string;
  parameters?: Record<string, unknown>;
  inputs: V2Tensor[];
  outputs?: { name: string; parameters?: Record<string, unknown> }[];
}

export interface V2InferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  outputs: V2Tensor[];
}

export interface V2TensorMetadata {
  name: string;
  datatype: string;
  shape: number[];
}

export interface V2ModelMetadata {
  name: string;
  versions?: string[];
  platform: string;
  inputs: V2TensorMetadata[];
  outputs: V2TensorMetadata[];
}

/** Our model-ready body: KServe's status code semantics plus the reason a model is not ready. */
export interface V2ModelReadiness {
  name: string;
  version: string;
  ready: boolean;
  reason?: string;
}

const DTYPE_OF_DATATYPE = new Map<string, TensorDtype>(
  (Object.entries(KSERVE_DATATYPE) as [TensorDtype, string][]).map(([dtype, datatype]) => [datatype, dtype]),
);

export const MAX_TENSOR_RANK = 8;
export const MAX_TENSOR_ELEMENTS = 16 * 1024 * 1024;

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
    fields: [{ field, messages: [message] }],
  });
}

export function dtypeOfDatatype(datatype: string, field = 'datatype'): TensorDtype {
  const dtype = DTYPE_OF_DATATYPE.get(datatype);
  if (!dtype) {
    throw invalid(
      field,
      `unsupported datatype "${datatype}"; one of ${[...DTYPE_OF_DATATYPE.keys()].join(', ')}`,
    );
  }
  return dtype;
}

/** Row-major flattening of nested data; rejects ragged nesting (rows of different lengths). */
function flatten(data: unknown[], field: string): unknown[] {
  if (!data.some(Array.isArray)) return data;
  if (!data.every(Array.isArray)) throw invalid(field, 'mixes nested arrays and scalars');
  const rows = data as unknown[][];
  if (rows.some((r) => r.length !== rows[0].length)) throw invalid(field, 'nested rows differ in length');
  return rows.flatMap((row) => flatten(row, field));
}

const INTEGER_RANGE: Partial<Record<TensorDtype, [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int8: [-128, 127],
  uint8: [0, 255],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function typedData(dtype: TensorDtype, values: unknown[], field: string): Tensor['data'] {
  const bad = (i: number, expected: string) => invalid(`${field}[${i}]`, `expected ${expected}`);
  switch (dtype) {
    case 'float32':
    case 'float64': {
      const out = dtype === 'float32' ? new Float32Array(values.length) : new Float64Array(values.length);
      values.forEach((v, i) => {
        if (typeof v !== 'number') throw bad(i, 'a number');
        out[i] = v;
      });
      return out;
    }
    case 'int64':
    case 'int32':
    case 'int8':
    case 'uint8': {
      const [lo, hi] = INTEGER_RANGE[dtype] ?? [0, 0];
      const check = (v: unknown, i: number): number => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
          throw bad(i, `an integer in [${lo}, ${hi}]`);
        }
        return v;
      };
      if (dtype === 'int64') return BigInt64Array.from(values, (v, i) => BigInt(check(v, i)));
      if (dtype === 'int32') return Int32Array.from(values, check);
      return dtype === 'int8' ? Int8Array.from(values, check) : Uint8Array.from(values, check);
    }
    case 'bool':
      return Uint8Array.from(values, (v, i) => {
        if (typeof v !== 'boolean') throw bad(i, 'a boolean');
        return v ? 1 : 0;
      });
    case 'string':
      return values.map((v, i) => {
        if (typeof v !== 'string') throw bad(i, 'a string');
        return v;
      });
  }
}

/** Reads v2 tensors into our tensors; every error names the offending field (`inputs[1].data`). */
export function decodeV2Tensors(tensors: unknown, path = 'inputs'): NamedTensors {
  if (!Array.isArray(tensors) || tensors.length === 0) throw invalid(path, 'must be a non-empty array');
  const out: NamedTensors = {};
  tensors.forEach((raw: unknown, i) => {
    const field = `${path}[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw invalid(field, 'must be an object');
    const t = raw as Partial<V2Tensor>;
    if (typeof t.name !== 'string' || t.name.length === 0)
      throw invalid(`${field}.name`, 'must be a non-empty string');
    if (Object.hasOwn(out, t.name)) throw invalid(`${field}.name`, `duplicate tensor "${t.name}"`);
    if (
      !Array.isArray(t.shape) ||
      t.shape.length > MAX_TENSOR_RANK ||
      !t.shape.every((d) => Number.isInteger(d) && d >= 0)
    ) {
      throw invalid(`${field}.shape`, `must be an array of at most ${MAX_TENSOR_RANK} non-negative integers`);
    }
    const dtype = dtypeOfDatatype(String(t.datatype), `${field}.datatype`);
    if (!Array.isArray(t.data)) throw invalid(`${field}.data`, 'must be an array');
    const expected = elementCount(t.shape);
    if (expected > MAX_TENSOR_ELEMENTS)
      throw invalid(`${field}.shape`, `more than ${MAX_TENSOR_ELEMENTS} elements`);
    const values = flatten(t.data, `${field}.data`);
    if (values.length !== expected) {
      throw invalid(
        `${field}.data`,
        `has ${values.length} elements but shape [${t.shape.join(', ')}] needs ${expected}`,
      );
    }
    out[t.name] = { dtype, dims: [...t.shape], data: typedData(dtype, values, `${field}.data`) };
  });
  return out;
}

function jsonValues(t: Tensor): unknown[] {
  // float32 -> double is exact and JSON prints the shortest text that parses back to the same double,
  // so a client that stores it as float32 again gets bit-identical values.
  if (t.data instanceof BigInt64Array) return Array.from(t.data, (v) => Number(v));
  if (t.dtype === 'bool') return Array.from(t.data as Uint8Array, (v) => v !== 0);
  if (Array.isArray(t.data)) return [...t.data];
  return Array.from(t.data as ArrayLike<number>);
}

export function encodeV2Tensors(tensors: NamedTensors, only?: readonly string[]): V2Tensor[] {
  const names = only ?? Object.keys(tensors);
  return names.map((name) => {
    const t = tensors[name];
    if (!t) throw invalid('outputs', `the model has no output "${name}"`);
    return { name, shape: [...t.dims], datatype: KSERVE_DATATYPE[t.dtype], data: jsonValues(t) };
  });
}

export function toV2InferResponse(
  result: InferResult,
  request: Pick<V2InferRequest, 'id' | 'outputs'>,
): V2InferResponse {
  const requested = request.outputs?.map((o) => o.name);
  return {
    model_name: result.modelName,
    model_version: result.modelVersion,
    ...(request.id !== undefined ? { id: request.id } : {}),
    outputs: encodeV2Tensors(result.outputs, requested),
  };
}

export function fromV2InferResponse(body: unknown): InferResult {
  if (typeof body !== 'object' || body === null) throw invalid('response', 'must be an object');
  const r = body as Partial<V2InferResponse>;
  return {
    modelName: String(r.model_name ?? ''),
    modelVersion: String(r.model_version ?? ''),
    outputs: decodeV2Tensors(r.outputs, 'outputs'),
  };
}

const specToV2 = (s: TensorSpec): V2TensorMetadata => ({
  name: s.name,
  datatype: KSERVE_DATATYPE[s.dtype],
  shape: [...s.shape],
});

export function toV2ModelMetadata(status: ModelStatus): V2ModelMetadata {
  return {
    name: status.name,
    versions: [status.version],
    platform: status.platform,
    inputs: status.inputs.map(specToV2),
    outputs: status.outputs.map(specToV2),
  };
}

export function fromV2TensorMetadata(m: V2TensorMetadata, field: string): TensorSpec {
  return { name: m.name, dtype: dtypeOfDatatype(m.datatype, `${field}.datatype`), shape: [...m.shape] };
}
