// Triton's binary tensor data extension (server docs/protocol/extension_binary_data.md): after the
// JSON object, tensors as little-endian row-major bytes in the native size of their datatype, BOOL as
// one byte (0 or 1), BYTES as a 4-byte unsigned length before each element's bytes; the
// Inference-Header-Content-Length header gives the JSON's length. Hand-written because no npm library
// implements it (Triton's clients are Python, C++ and Java).
import type { Tensor } from '../engine/tensor.js';
import {
  bf16ToNumber,
  ELEMENT_SIZE,
  halfToNumber,
  invalid,
  type V2Datatype,
  type WireValues,
} from './tensor-datatypes.js';

export const INFERENCE_HEADER_LENGTH = 'inference-header-content-length';

// The same prototype-poisoning rule as Fastify's JSON parser ('error' for __proto__ and
// constructor.prototype), which the JSON of the other requests goes through.
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('__proto__ key');
  if (key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value)
    throw new SyntaxError('constructor.prototype key');
  return value;
}

/** The JSON object and the binary data behind it, from a whole request or response body. */
export function splitInferenceBody(
  body: Buffer,
  headerLength: string | undefined,
): { json: unknown; tail: Buffer } {
  const n = Number(headerLength);
  if (!/^\d{1,12}$/.test(headerLength ?? '') || n > body.length)
    throw invalid(
      'Inference-Header-Content-Length',
      `must be an integer no larger than the body (${body.length} bytes)`,
    );
  let json: unknown;
  try {
    json = JSON.parse(body.subarray(0, n).toString('utf8'), refusePrototypeKeys);
  } catch {
    throw invalid(
      'body',
      `the first ${n} bytes (Inference-Header-Content-Length) are not a JSON object, or set a prototype`,
    );
  }
  return { json, tail: body.subarray(n) };
}

/** Decodes one tensor's binary data; `field` names it in errors. Linear in the bytes. */
export function decodeBinaryValues(
  datatype: V2Datatype,
  bytes: Buffer,
  count: number,
  field: string,
): WireValues {
  if (datatype === 'BYTES') return decodeBinaryStrings(bytes, count, field);
  const size = ELEMENT_SIZE[datatype];
  if (bytes.length !== count * size)
    throw invalid(
      `${field}.parameters.binary_data_size`,
      `is ${bytes.length} bytes, but the shape holds ${count} ${datatype} elements of ${size} byte(s)`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = <T>(make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
  switch (datatype) {
    case 'BOOL':
      return read((i) => {
        const b = bytes[i];
        if (b > 1) throw invalid(`${field}.data[${i}]`, 'a BOOL byte must be 0 or 1');
        return b === 1;
      });
    case 'UINT8':
      return Uint8Array.from(bytes);
    case 'INT8':
      return Int8Array.from(bytes, (b) => (b << 24) >> 24);
    case 'UINT16':
      return read((i) => view.getUint16(i * 2, true));
    case 'INT16':
      return read((i) => view.getInt16(i * 2, true));
    case 'UINT32':
      return read((i) => view.getUint32(i * 4, true));
    case 'INT32':
      return read((i) => view.getInt32(i * 4, true));
    case 'UINT64':
      return read((i) => view.getBigUint64(i * 8, true));
    case 'INT64':
      return read((i) => view.getBigInt64(i * 8, true));
    case 'FP16':
      return read((i) => halfToNumber(view.getUint16(i * 2, true)));
    case 'BF16':
      return read((i) => bf16ToNumber(view.getUint16(i * 2, true)));
    case 'FP32':
      return read((i) => view.getFloat32(i * 4, true));
    case 'FP64':
      return read((i) => view.getFloat64(i * 8, true));
  }
}

function decodeBinaryStrings(bytes: Buffer, count: number, field: string): string[] {
  const out: string[] = [];
  let offset = 0;
  while (offset < bytes.length && out.length < count) {
    if (offset + 4 > bytes.length) break;
    const length = bytes.readUInt32LE(offset);
    offset += 4;
    if (offset + length > bytes.length) break;
    out.push(bytes.toString('utf8', offset, offset + length));
    offset += length;
  }
  if (out.length !== count || offset !== bytes.length)
    throw invalid(
      `${field}.parameters.binary_data_size`,
      `does not hold exactly ${count} BYTES elements (4-byte length, then the bytes)`,
    );
  return out;
}

/** A model output in binary form (the host is little-endian, as every platform Node ships for). */
export function encodeBinaryTensor(t: Tensor): Buffer {
  if (Array.isArray(t.data)) {
    return Buffer.concat(
      t.data.flatMap((s) => {
        const text = Buffer.from(s, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32LE(text.length);
        return [length, text];
      }),
    );
  }
  const data = t.data;
  if (t.dtype === 'bool') return Buffer.from(Uint8Array.from(data as Uint8Array, (v) => (v ? 1 : 0)));
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
