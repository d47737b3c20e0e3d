// The KServe v2 / Open Inference Protocol JSON tensors (https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol):
// `{ name, shape, datatype, data }` with data row-major, flat or nested. Used both ways: by our HTTP
// surface to read requests and write responses, and by the remote client to do the opposite.
import type { InferResult, ModelStatus, TensorSpec } from '../engine/inference-backend.js';
import {
  elementCount,
  KSERVE_DATATYPE,
  type NamedTensors,
  type Tensor,
  type TensorDtype,
} from '../engine/tensor.js';
import { decodeBinaryValues, encodeBinaryTensor } from './kserve-binary.js';
import {
  invalid,
  isV2Datatype,
  jsonElement,
  NATURAL_DTYPE,
  toModelData,
  V2_DATATYPES,
  type V2Datatype,
  type WireTensor,
  type WireValues,
} from './tensor-datatypes.js';

export interface V2Tensor {
  name: string;
  shape: number[];
  datatype: string;
  /** Absent when the tensor travels as binary data (parameters.binary_data_size). */
  data?: unknown[];
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
  parameters?: Record<string, unknown>;
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

/** $ready_model_response ({name, ready}), plus the version asked about and why it is not ready. */
export interface V2ModelReadiness {
  name: string;
  version: string;
  ready: boolean;
  reason?: string;
}

export const MAX_TENSOR_RANK = 8;
export const MAX_TENSOR_ELEMENTS = 16 * 1024 * 1024;

/** The datatype a v2 tensor of ours is sent as; any v2 datatype reads back to our closest type. */
export function dtypeOfDatatype(datatype: string, field = 'datatype'): TensorDtype {
  if (!isV2Datatype(datatype))
    throw invalid(
      field,
      `not a datatype of the protocol; one of ${V2_DATATYPES.join(', ')} (case-sensitive)`,
    );
  return NATURAL_DTYPE[datatype];
}

/**
 * `$parameters` (required_api.md, "Parameters"): an object. Values of parameters we do not read are
 * ignored whatever their type; the ones we read are checked where they are read.
 */
export function checkParameters(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(field, 'must be an object of parameters');
  return value as Record<string, unknown>;
}

/** Row-major flattening of nested data; rejects ragged nesting (rows of different lengths). */
function flatten(data: unknown[], field: string): unknown[] {
  if (!data.some(Array.isArray)) return data;
  if (!data.every(Array.isArray)) throw invalid(field, 'mixes nested arrays and scalars');
  const rows = data as unknown[][];
  if (rows.some((r) => r.length !== rows[0].length)) throw invalid(field, 'nested rows differ in length');
  return rows.flatMap((row) => flatten(row, field));
}

function jsonWireValues(datatype: V2Datatype, values: unknown[], field: string): WireValues {
  const out = new Array<number | boolean | string>(values.length);
  for (let i = 0; i < values.length; i++) {
    try {
      out[i] = jsonElement(datatype, values[i]);
    } catch (err) {
      throw invalid(`${field}[${i}]`, `${(err as Error).message} for ${datatype}`);
    }
  }
  return out as WireValues;
}

export interface DecodeOptions {
  /** The model's inputs: each tensor is converted to its input's type (or refused). */
  specs?: readonly TensorSpec[];
  /** The binary data after the JSON object (Triton's binary tensor data extension). */
  binary?: Buffer;
}

/** Reads v2 tensors into our tensors; every error names the offending field (`inputs[1].data`). */
export function decodeV2Tensors(
  tensors: unknown,
  path = 'inputs',
  options: DecodeOptions = {},
): NamedTensors {
  if (!Array.isArray(tensors) || tensors.length === 0) throw invalid(path, 'must be a non-empty array');
  const specs = new Map((options.specs ?? []).map((s) => [s.name, s]));
  const binary = options.binary;
  let offset = 0;
  const out: NamedTensors = {};
  tensors.forEach((raw: unknown, i) => {
    const field = `${path}[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw invalid(field, 'must be an object');
    const t = raw as Partial<V2Tensor>;
    if (typeof t.name !== 'string' || t.name.length === 0)
      throw invalid(`${field}.name`, 'must be a non-empty string');
    if (Object.hasOwn(out, t.name)) throw invalid(`${field}.name`, 'names a tensor given twice');
    if (
      !Array.isArray(t.shape) ||
      t.shape.length > MAX_TENSOR_RANK ||
      !t.shape.every((d) => Number.isInteger(d) && d >= 0)
    ) {
      throw invalid(`${field}.shape`, `must be an array of at most ${MAX_TENSOR_RANK} non-negative integers`);
    }
    const datatype = t.datatype;
    if (!isV2Datatype(datatype))
      throw invalid(
        `${field}.datatype`,
        `not a datatype of the protocol; one of ${V2_DATATYPES.join(', ')} (case-sensitive)`,
      );
    const expected = elementCount(t.shape);
    if (expected > MAX_TENSOR_ELEMENTS)
      throw invalid(`${field}.shape`, `more than ${MAX_TENSOR_ELEMENTS} elements`);
    const parameters = checkParameters(t.parameters, `${field}.parameters`);
    const binarySize = parameters?.binary_data_size;
    let values: WireValues;
    if (binarySize !== undefined) {
      if (typeof binarySize !== 'number' || !Number.isInteger(binarySize) || binarySize < 0)
        throw invalid(`${field}.parameters.binary_data_size`, 'must be a non-negative integer');
      if (!binary || offset + binarySize > binary.length)
        throw invalid(`${field}.parameters.binary_data_size`, 'reaches past the binary data of the body');
      values = decodeBinaryValues(datatype, binary.subarray(offset, offset + binarySize), expected, field);
      offset += binarySize;
    } else {
      if (!Array.isArray(t.data)) throw invalid(`${field}.data`, 'must be an array');
      const flat = flatten(t.data, `${field}.data`);
      if (flat.length !== expected) {
        throw invalid(
          `${field}.data`,
          `has ${flat.length} elements but shape [${t.shape.join(', ')}] needs ${expected}`,
        );
      }
      values = jsonWireValues(datatype, flat, `${field}.data`);
    }
    const wire: WireTensor = { name: t.name, datatype, shape: t.shape, values };
    const dtype = specs.get(t.name)?.dtype ?? NATURAL_DTYPE[datatype];
    out[t.name] = { dtype, dims: [...t.shape], data: toModelData(wire, dtype, field) };
  });
  if (binary && offset !== binary.length)
    throw invalid('body', `${binary.length - offset} bytes of binary data belong to no tensor`);
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

/** An inference response: the JSON object, and the outputs asked for as binary data, in its order. */
export interface EncodedInferResponse {
  body: V2InferResponse;
  binary: Buffer[];
}

function binaryWanted(
  parameters: Record<string, unknown> | undefined,
  fallback: boolean,
  field: string,
): boolean {
  const wanted = parameters?.binary_data;
  if (wanted !== undefined && typeof wanted !== 'boolean') throw invalid(field, 'must be true or false');
  return wanted ?? fallback;
}

/**
 * The response to a request: the outputs it names (all, when it names none), each as JSON data or,
 * where `binary_data` (per output) or `binary_data_output` (per request) asks, as binary data.
 */
export function toV2InferResponse(
  result: InferResult,
  request: Pick<V2InferRequest, 'id' | 'outputs' | 'parameters'>,
): EncodedInferResponse {
  const allBinary = request.parameters?.binary_data_output ?? false;
  if (typeof allBinary !== 'boolean') throw invalid('parameters.binary_data_output', 'must be true or false');
  const requested =
    request.outputs?.map((o, i) => ({
      name: o.name,
      binary: binaryWanted(
        checkParameters(o.parameters, `outputs[${i}].parameters`),
        allBinary,
        `outputs[${i}].parameters.binary_data`,
      ),
    })) ?? Object.keys(result.outputs).map((name) => ({ name, binary: allBinary }));
  const binary: Buffer[] = [];
  const outputs = requested.map(({ name, binary: asBinary }, i): V2Tensor => {
    const t = result.outputs[name];
    if (!t) throw invalid(`outputs[${i}].name`, `the model has no output "${name}"`);
    const head = { name, shape: [...t.dims], datatype: KSERVE_DATATYPE[t.dtype] };
    if (!asBinary) return { ...head, data: jsonValues(t) };
    const bytes = encodeBinaryTensor(t);
    binary.push(bytes);
    return { ...head, parameters: { binary_data_size: bytes.length } };
  });
  return {
    body: {
      model_name: result.modelName,
      model_version: result.modelVersion,
      ...(request.id !== undefined ? { id: request.id } : {}),
      outputs,
    },
    binary,
  };
}

/** Reads a v2 inference response; `binary` is what followed its JSON (binary outputs, in order). */
export function fromV2InferResponse(body: unknown, binary?: Buffer): InferResult {
  if (typeof body !== 'object' || body === null) throw invalid('response', 'must be an object');
  const r = body as Partial<V2InferResponse>;
  return {
    modelName: String(r.model_name ?? ''),
    modelVersion: String(r.model_version ?? ''),
    outputs: decodeV2Tensors(r.outputs, 'outputs', { binary }),
  };
}

const specToV2 = (s: TensorSpec): V2TensorMetadata => ({
  name: s.name,
  datatype: KSERVE_DATATYPE[s.dtype],
  shape: [...s.shape],
});

// required_api.md, "Platforms": an ONNX model for ONNX Runtime is "onnx_onnxv1" (Triton's own
// config.pbtxt calls the backend onnxruntime_onnx; that name stays there).
export const V2_ONNX_PLATFORM = 'onnx_onnxv1';

/** Model metadata; `versions` lists every version that may be requested (default: the one described). */
export function toV2ModelMetadata(
  status: ModelStatus,
  versions: readonly string[] = [status.version],
): V2ModelMetadata {
  return {
    name: status.name,
    versions: [...versions],
    platform: V2_ONNX_PLATFORM,
    inputs: status.inputs.map(specToV2),
    outputs: status.outputs.map(specToV2),
  };
}

export function fromV2TensorMetadata(m: V2TensorMetadata, field: string): TensorSpec {
  return { name: m.name, dtype: dtypeOfDatatype(m.datatype, `${field}.datatype`), shape: [...m.shape] };
}
