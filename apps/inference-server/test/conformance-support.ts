// Shared by the KServe v2 conformance specs: the protocol's tables (datatypes, platforms), one case
// per datatype with its binary form as the documents define it, and a client of a booted server.
import request from 'supertest';
import { type TestApp } from '../../../test/support/test-app.js';
import { serveRepository, type ServedRepository } from './serve-repository.js';
import { MODEL_OF_DTYPE, writeReadyRepository } from './conformance-repository.js';

// [REQ] "Tensor Data Types": every datatype of the table.
export const DATATYPES = [
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
];
// [REQ] "Platforms": the allowed platform names.
export const PLATFORMS = [
  'tensorrt_plan',
  'tensorflow_graphdef',
  'tensorflow_savedmodel',
  'onnx_onnxv1',
  'pytorch_torchscript',
  'mxnet_mxnet',
  'caffe2_netdef',
];

type Bytes = Buffer;
export const le = (size: number, write: (b: Buffer, v: never, o: number) => void) => (values: unknown[]) => {
  const b = Buffer.alloc(values.length * size);
  values.forEach((v, i) => write(b, v as never, i * size));
  return b;
};
export const u16 = (bits: number[]) => le(2, (b, v: number, o) => b.writeUInt16LE(v, o))(bits);

export interface DatatypeCase {
  datatype: string;
  /** The model that takes these values without loss (its input type holds every value). */
  model: string;
  data: unknown[];
  /** [BIN] little-endian, native size; BOOL one byte; BYTES 4-byte length + bytes. */
  binary: Bytes;
  /** What the model returns: its own type and the same values. */
  outDatatype: string;
  outData: unknown[];
}

export const bytesOf = (strings: string[]) =>
  Buffer.concat(
    strings.flatMap((s) => {
      const len = Buffer.alloc(4);
      len.writeUInt32LE(Buffer.byteLength(s));
      return [len, Buffer.from(s)];
    }),
  );

export const CASES: DatatypeCase[] = [
  {
    datatype: 'BOOL',
    model: MODEL_OF_DTYPE.bool,
    data: [true, false, false, true],
    binary: Buffer.from([1, 0, 0, 1]),
    outDatatype: 'BOOL',
    outData: [true, false, false, true],
  },
  {
    datatype: 'UINT8',
    model: MODEL_OF_DTYPE.uint8,
    data: [0, 255, 7, 128],
    binary: Buffer.from([0, 255, 7, 128]),
    outDatatype: 'UINT8',
    outData: [0, 255, 7, 128],
  },
  {
    datatype: 'UINT16',
    model: MODEL_OF_DTYPE.int32,
    data: [0, 65535, 7, 40000],
    binary: u16([0, 65535, 7, 40000]),
    outDatatype: 'INT32',
    outData: [0, 65535, 7, 40000],
  },
  {
    datatype: 'UINT32',
    model: MODEL_OF_DTYPE.int64,
    data: [0, 4294967295, 7, 3000000000],
    binary: le(4, (b, v: number, o) => b.writeUInt32LE(v, o))([0, 4294967295, 7, 3000000000]),
    outDatatype: 'INT64',
    outData: [0, 4294967295, 7, 3000000000],
  },
  {
    datatype: 'UINT64',
    model: MODEL_OF_DTYPE.int64,
    data: [0, 9007199254740991, 7, 9],
    binary: le(8, (b, v: bigint, o) => b.writeBigUInt64LE(v, o))([0n, 9007199254740991n, 7n, 9n]),
    outDatatype: 'INT64',
    outData: [0, 9007199254740991, 7, 9],
  },
  {
    datatype: 'INT8',
    model: MODEL_OF_DTYPE.int8,
    data: [-128, 127, 0, -1],
    binary: le(1, (b, v: number, o) => b.writeInt8(v, o))([-128, 127, 0, -1]),
    outDatatype: 'INT8',
    outData: [-128, 127, 0, -1],
  },
  {
    datatype: 'INT16',
    model: MODEL_OF_DTYPE.int32,
    data: [-32768, 32767, 0, -1],
    binary: le(2, (b, v: number, o) => b.writeInt16LE(v, o))([-32768, 32767, 0, -1]),
    outDatatype: 'INT32',
    outData: [-32768, 32767, 0, -1],
  },
  {
    datatype: 'INT32',
    model: MODEL_OF_DTYPE.int32,
    data: [-2147483648, 2147483647, 0, -1],
    binary: le(4, (b, v: number, o) => b.writeInt32LE(v, o))([-2147483648, 2147483647, 0, -1]),
    outDatatype: 'INT32',
    outData: [-2147483648, 2147483647, 0, -1],
  },
  {
    datatype: 'INT64',
    model: MODEL_OF_DTYPE.int64,
    data: [-9007199254740991, 9007199254740991, 0, -1],
    binary: le(8, (b, v: bigint, o) => b.writeBigInt64LE(v, o))([
      -9007199254740991n,
      9007199254740991n,
      0n,
      -1n,
    ]),
    outDatatype: 'INT64',
    outData: [-9007199254740991, 9007199254740991, 0, -1],
  },
  {
    // IEEE 754 binary16: 0.5 = 0x3800, -2 = 0xc000, 1.5 = 0x3e00, 0.25 = 0x3400.
    datatype: 'FP16',
    model: MODEL_OF_DTYPE.float32,
    data: [0.5, -2, 1.5, 0.25],
    binary: u16([0x3800, 0xc000, 0x3e00, 0x3400]),
    outDatatype: 'FP32',
    outData: [0.5, -2, 1.5, 0.25],
  },
  {
    datatype: 'FP32',
    model: MODEL_OF_DTYPE.float32,
    data: [0.5, -2.25, Math.fround(3.14), Math.fround(1e-3)],
    binary: le(4, (b, v: number, o) => b.writeFloatLE(v, o))([0.5, -2.25, 3.14, 1e-3]),
    outDatatype: 'FP32',
    outData: [0.5, -2.25, Math.fround(3.14), Math.fround(1e-3)],
  },
  {
    datatype: 'FP64',
    model: MODEL_OF_DTYPE.float64,
    data: [0.1, -2.5, 1e300, 3],
    binary: le(8, (b, v: number, o) => b.writeDoubleLE(v, o))([0.1, -2.5, 1e300, 3]),
    outDatatype: 'FP64',
    outData: [0.1, -2.5, 1e300, 3],
  },
  {
    datatype: 'BYTES',
    model: MODEL_OF_DTYPE.string,
    data: ['a', '', 'héllo', 'x y'],
    binary: bytesOf(['a', '', 'héllo', 'x y']),
    outDatatype: 'BYTES',
    outData: ['a', '', 'héllo', 'x y'],
  },
  {
    // bfloat16 is the upper half of binary32: 0.5 = 0x3f00, -2 = 0xc000, 1.5 = 0x3fc0, 0.25 = 0x3e80.
    datatype: 'BF16',
    model: MODEL_OF_DTYPE.float32,
    data: [0.5, -2, 1.5, 0.25],
    binary: u16([0x3f00, 0xc000, 0x3fc0, 0x3e80]),
    outDatatype: 'FP32',
    outData: [0.5, -2, 1.5, 0.25],
  },
];

/**
 * Reads a binary-extension response: the JSON header, then each binary output in order. Without
 * binary outputs there is no Inference-Header-Content-Length and the whole body is the JSON.
 */
export function splitBinaryResponse(res: request.Response): { json: Record<string, unknown>; tail: Buffer } {
  const body = res.body as Buffer;
  const header = res.headers['inference-header-content-length'];
  const headerLength = header === undefined ? body.length : Number(header);
  return {
    json: JSON.parse(body.subarray(0, headerLength).toString('utf8')) as Record<string, unknown>,
    tail: body.subarray(headerLength),
  };
}

export const rawParser = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

export function expectErrorBody(res: request.Response, status: number | 'any4xx' = 400): void {
  if (status === 'any4xx') {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  } else {
    expect(res.status).toBe(status);
  }
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body as object)).toEqual(['error']);
  expect(typeof res.body.error).toBe('string');
  expect(res.body.error.length).toBeGreaterThan(0);
}

export interface ConformanceClient {
  readonly sut: TestApp;
  readonly key: string;
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
  binaryPost(path: string, header: object, ...tail: Buffer[]): request.Test;
}

export const tensor = (data: unknown[], datatype = 'FP32', shape = [2, 2], name = 'x') => ({
  name,
  shape,
  datatype,
  data,
});

/** Boots the real AppModule over the ready repository for the enclosing describe block. */
export function conformanceServer(): ConformanceClient {
  let served: ServedRepository | undefined;
  let sut: TestApp;
  let key: string;
  beforeAll(async () => {
    served = await serveRepository('kserve-conformance', writeReadyRepository);
    ({ sut, key } = served);
  });
  afterAll(() => served?.close());
  return {
    get sut() {
      return sut;
    },
    get key() {
      return key;
    },
    get: (path) => request(sut.server).get(path).set('x-api-key', key),
    post: (path, body) =>
      request(sut.server)
        .post(path)
        .set('x-api-key', key)
        .send(body as object),
    binaryPost: (path, header, ...tail) => {
      const json = Buffer.from(JSON.stringify(header));
      return request(sut.server)
        .post(path)
        .set('x-api-key', key)
        .set('content-type', 'application/octet-stream')
        .set('inference-header-content-length', String(json.length))
        .buffer(true)
        .parse(rawParser as unknown as Parameters<request.Test['parse']>[0])
        .send(Buffer.concat([json, ...tail]));
    },
  };
}

export const FP32_MODEL = MODEL_OF_DTYPE.float32;
