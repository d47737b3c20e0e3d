// The Open Inference Protocol's tensor data types (required_api.md, "Tensor Data Types") and how a
// request tensor of any of them becomes a tensor of the type the model takes: converted where every
// value survives exactly (UINT16 into an INT32 input, FP16 into FP32), refused otherwise, naming the
// tensor and both types. Values are checked one by one, so a narrower model type takes a request
// whose values fit it (INT64 [1, 2] into INT32) and refuses one that does not.
import { DomainError } from '@suite/platform';
import { KSERVE_DATATYPE, type TensorData, type TensorDtype } from '../engine/tensor.js';

export const V2_DATATYPES = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
  'BF16',
] as const;

export type V2Datatype = (typeof V2_DATATYPES)[number];

const DATATYPE_SET = new Set<string>(V2_DATATYPES);

export function isV2Datatype(value: unknown): value is V2Datatype {
  return typeof value === 'string' && DATATYPE_SET.has(value);
}

/** Bytes per element in binary form (BYTES is variable: 4-byte length + bytes). */
export const ELEMENT_SIZE: Record<Exclude<V2Datatype, 'BYTES'>, number> = {
  BOOL: 1,
  UINT8: 1,
  UINT16: 2,
  UINT32: 4,
  UINT64: 8,
  INT8: 1,
  INT16: 2,
  INT32: 4,
  INT64: 8,
  FP16: 2,
  FP32: 4,
  FP64: 8,
  BF16: 2,
};

type Kind = 'bool' | 'int' | 'float' | 'bytes';

const KIND: Record<V2Datatype, Kind> = {
  BOOL: 'bool',
  UINT8: 'int',
  UINT16: 'int',
  UINT32: 'int',
  UINT64: 'int',
  INT8: 'int',
  INT16: 'int',
  INT32: 'int',
  INT64: 'int',
  FP16: 'float',
  FP32: 'float',
  FP64: 'float',
  BF16: 'float',
  BYTES: 'bytes',
};

/** Integer ranges as bigints (64-bit ones exceed doubles). */
const INT_RANGE: Partial<Record<V2Datatype | TensorDtype, [bigint, bigint]>> = {
  UINT8: [0n, 255n],
  UINT16: [0n, 65535n],
  UINT32: [0n, 4294967295n],
  UINT64: [0n, 18446744073709551615n],
  INT8: [-128n, 127n],
  INT16: [-32768n, 32767n],
  INT32: [-2147483648n, 2147483647n],
  INT64: [-9223372036854775808n, 9223372036854775807n],
  uint8: [0n, 255n],
  int8: [-128n, 127n],
  int32: [-2147483648n, 2147483647n],
  int64: [-9223372036854775808n, 9223372036854775807n],
};

/** The engine type a datatype becomes when the model's input type is not known (or is its own). */
export const NATURAL_DTYPE: Record<V2Datatype, TensorDtype> = {
  BOOL: 'bool',
  UINT8: 'uint8',
  UINT16: 'int32',
  UINT32: 'int64',
  UINT64: 'int64',
  INT8: 'int8',
  INT16: 'int32',
  INT32: 'int32',
  INT64: 'int64',
  FP16: 'float32',
  FP32: 'float32',
  FP64: 'float64',
  BYTES: 'string',
  BF16: 'float32',
};

/** A request tensor's values as its datatype defines them (floats already rounded to it). */
export type WireValues = ArrayLike<number> | ArrayLike<bigint> | boolean[] | string[];

export interface WireTensor {
  name: string;
  datatype: V2Datatype;
  shape: number[];
  values: WireValues;
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
    fields: [{ field, messages: [message] }],
  });
}

// IEEE 754 binary16 and bfloat16 by hand: Node 20 has no Math.f16round or Float16Array.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Rounds to the nearest binary16 (ties to even); Infinity beyond its range. */
export function roundToHalf(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  if (a >= 65520) return Math.sign(v) * Infinity;
  // Spacing of binary16 values around a: 2^(e-10) for normals, 2^-24 for subnormals.
  let e = Math.floor(Math.log2(a));
  // log2 can round across a power of two: settle e so that 2^e <= a < 2^(e+1).
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  e = Math.max(e, -14);
  const step = 2 ** (e - 10);
  const q = a / step;
  let r = Math.round(q);
  if (r - q === 0.5 && r % 2 === 1) r -= 1;
  return Math.sign(v) * r * step;
}

export function bf16ToNumber(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0];
}

/** Rounds to the nearest bfloat16 (ties to even) through its float32 bits. */
export function roundToBf16(v: number): number {
  f32[0] = v;
  const bits = u32[0];
  if ((bits & 0x7f800000) === 0x7f800000) return f32[0];
  const rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
  u32[0] = rounded >>> 0;
  return f32[0];
}

/** Reads one JSON element of a datatype, or says why it cannot be one. */
export function jsonElement(datatype: V2Datatype, v: unknown): number | boolean | string {
  switch (KIND[datatype]) {
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError('expected true or false');
      return v;
    case 'bytes':
      if (typeof v !== 'string') throw new TypeError('expected a string');
      return v;
    case 'int': {
      const [lo, hi] = INT_RANGE[datatype]!;
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError('expected an integer');
      // JSON numbers past 2^53 are no longer exact: such values need the binary data extension.
      if (!Number.isSafeInteger(v)) throw new TypeError('integers beyond 2^53 must be sent as binary data');
      if (BigInt(v) < lo || BigInt(v) > hi) throw new TypeError(`expected an integer in [${lo}, ${hi}]`);
      return v;
    }
    case 'float':
      if (typeof v !== 'number') throw new TypeError('expected a number');
      if (datatype === 'FP32') return Math.fround(v);
      if (datatype === 'FP16') return roundToHalf(v);
      if (datatype === 'BF16') return roundToBf16(v);
      return v;
  }
}

function cannot(field: string, wire: WireTensor, dtype: TensorDtype, why: string): DomainError {
  const model = KSERVE_DATATYPE[dtype];
  return invalid(
    `${field}.datatype`,
    `tensor "${wire.name}" is ${wire.datatype}, which the model's ${model} input cannot take (${why})`,
  );
}

const FLOAT_EXACT_LIMIT: Partial<Record<TensorDtype, number>> = { float32: 2 ** 24, float64: 2 ** 53 };

/**
 * The tensor data the model takes, from a request tensor: the same values in the model's type, or a
 * refusal naming the tensor (`field`), the datatype sent and the type expected. Linear in the values.
 */
export function toModelData(wire: WireTensor, dtype: TensorDtype, field: string): TensorData {
  const { datatype, values } = wire;
  const kind = KIND[datatype];
  const n = values.length;
  const at = (i: number, why: string) =>
    invalid(
      `${field}.data[${i}]`,
      `a ${datatype} value of tensor "${wire.name}" does not fit the model's ${KSERVE_DATATYPE[dtype]} input (${why})`,
    );
  switch (dtype) {
    case 'bool':
      if (kind !== 'bool') throw cannot(field, wire, dtype, 'only BOOL converts to BOOL');
      return Uint8Array.from(values as boolean[], (v) => (v ? 1 : 0));
    case 'string':
      if (kind !== 'bytes') throw cannot(field, wire, dtype, 'only BYTES converts to BYTES');
      return [...(values as string[])];
    case 'float32':
    case 'float64': {
      if (kind !== 'int' && kind !== 'float') throw cannot(field, wire, dtype, 'not a number type');
      const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      const limit = FLOAT_EXACT_LIMIT[dtype]!;
      for (let i = 0; i < n; i++) {
        const raw = (values as ArrayLike<number | bigint>)[i];
        const v = Number(raw);
        if (kind === 'int' && (Math.abs(v) > limit || (typeof raw === 'bigint' && BigInt(v) !== raw)))
          throw at(i, `integers beyond 2^${Math.log2(limit)} are not exact in it`);
        if (dtype === 'float32' && kind === 'float' && !Number.isNaN(v) && Math.fround(v) !== v)
          throw at(i, 'not exactly representable');
        out[i] = v;
      }
      return out;
    }
    case 'int64':
    case 'int32':
    case 'int8':
    case 'uint8': {
      if (kind !== 'int') throw cannot(field, wire, dtype, 'only integer datatypes convert to integers');
      const [lo, hi] = INT_RANGE[dtype]!;
      // Doubles compare exactly with every bound but the 64-bit ones, which no safe integer reaches.
      const [loN, hiN] = [Number(lo), Number(hi)];
      const src = values as ArrayLike<number | bigint>;
      const check = (i: number): void => {
        const raw = src[i];
        const outside = typeof raw === 'bigint' ? raw < lo || raw > hi : raw < loN || raw > hiN;
        if (outside) throw at(i, `outside [${lo}, ${hi}]`);
      };
      if (dtype === 'int64') {
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) {
          check(i);
          out[i] = BigInt(src[i]);
        }
        return out;
      }
      const out =
        dtype === 'int32' ? new Int32Array(n) : dtype === 'int8' ? new Int8Array(n) : new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        check(i);
        out[i] = Number(src[i]);
      }
      return out;
    }
  }
}
