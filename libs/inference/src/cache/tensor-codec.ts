// Named tensors as bytes, for the L2 cache table, and the cache key: sha256 over the model, its
// version and every input tensor (name, dtype, shape, values). The version is in the key, so a new
// version can never be served an older version's output.
import { createHash } from 'node:crypto';
import { allocateTensorData } from '../engine/tensor-batch.js';
import type { NamedTensors, TensorData, TensorDtype } from '../engine/tensor.js';

interface SegmentHeader {
  name: string;
  dtype: TensorDtype;
  dims: number[];
  byteLength: number;
  strings?: string[];
}

const ALIGN = 8;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

function bytesOf(data: TensorData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(0);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function headersOf(tensors: NamedTensors): SegmentHeader[] {
  return Object.keys(tensors)
    .sort()
    .map((name) => {
      const t = tensors[name];
      const strings = Array.isArray(t.data) ? t.data : undefined;
      return {
        name,
        dtype: t.dtype,
        dims: t.dims,
        byteLength: bytesOf(t.data).byteLength,
        ...(strings ? { strings } : {}),
      };
    });
}

export function resultCacheKey(model: string, version: string, inputs: NamedTensors): string {
  const hash = createHash('sha256');
  const headers = headersOf(inputs);
  // Lengths are in the header, so the concatenated values cannot be read two ways.
  hash.update(JSON.stringify({ model, version, inputs: headers }));
  for (const h of headers) hash.update(bytesOf(inputs[h.name].data));
  return hash.digest('hex');
}

/** Layout: uint32 header length, JSON header, then each tensor's bytes at 8-byte aligned offsets. */
export function encodeTensors(tensors: NamedTensors): Buffer {
  const headers = headersOf(tensors);
  const header = Buffer.from(JSON.stringify(headers));
  let size = align(4 + header.byteLength);
  for (const h of headers) size += align(h.byteLength);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(header.byteLength, 0);
  header.copy(out, 4);
  let offset = align(4 + header.byteLength);
  for (const h of headers) {
    out.set(bytesOf(tensors[h.name].data), offset);
    offset += align(h.byteLength);
  }
  return out;
}

export function decodeTensors(bytes: Uint8Array): NamedTensors {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.readUInt32LE(0);
  const headers = JSON.parse(view.subarray(4, 4 + headerLength).toString('utf8')) as SegmentHeader[];
  let offset = align(4 + headerLength);
  const tensors: NamedTensors = {};
  for (const h of headers) {
    let data: TensorData;
    if (h.strings) data = h.strings;
    else {
      data = allocateTensorData(h.dtype, 0);
      const copy = new Uint8Array(h.byteLength);
      copy.set(view.subarray(offset, offset + h.byteLength));
      const Ctor = data.constructor as new (buffer: ArrayBuffer) => TensorData;
      data = new Ctor(copy.buffer);
    }
    tensors[h.name] = { dtype: h.dtype, dims: h.dims, data };
    offset += align(h.byteLength);
  }
  return tensors;
}
