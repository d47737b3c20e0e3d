// KServe v2 / Open Inference Protocol conformance of apps/inference-server, written from the protocol
// documents, not from our code: each `it` is one point, named by its section, quoting the document.
//   [REQ]  kserve/kserve docs/predict-api/v2/required_api.md (Predict Protocol - Version 2)
//   [OIP]  kserve/open-inference-protocol specification/protocol/inference_rest.md (+ open_inference_rest.yaml)
//   [BIN]  triton-inference-server/server docs/protocol/extension_binary_data.md
//   [REPO] triton-inference-server/server docs/protocol/extension_model_repository.md
// The server is the real AppModule (production HTTP stack, real PostgreSQL) over a Triton-layout model
// repository of real ONNX graphs run by onnxruntime (conformance-repository.ts). The README's
// "KServe v2 conformance" table lists these points.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INFERENCE_SCOPE } from '@suite/inference';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import {
  ABSENT_MODEL,
  MODEL_OF_DTYPE,
  SHIPPED_MODEL,
  TAMPERED_MODEL,
  writeNotReadyRepository,
  writeReadyRepository,
} from './conformance-repository.js';

// [REQ] "Tensor Data Types": every datatype of the table.
const DATATYPES = [
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
const PLATFORMS = [
  'tensorrt_plan',
  'tensorflow_graphdef',
  'tensorflow_savedmodel',
  'onnx_onnxv1',
  'pytorch_torchscript',
  'mxnet_mxnet',
  'caffe2_netdef',
];

type Bytes = Buffer;
const le = (size: number, write: (b: Buffer, v: never, o: number) => void) => (values: unknown[]) => {
  const b = Buffer.alloc(values.length * size);
  values.forEach((v, i) => write(b, v as never, i * size));
  return b;
};
const u16 = (bits: number[]) => le(2, (b, v: number, o) => b.writeUInt16LE(v, o))(bits);

interface DatatypeCase {
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

const bytesOf = (strings: string[]) =>
  Buffer.concat(
    strings.flatMap((s) => {
      const len = Buffer.alloc(4);
      len.writeUInt32LE(Buffer.byteLength(s));
      return [len, Buffer.from(s)];
    }),
  );

const CASES: DatatypeCase[] = [
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
function splitBinaryResponse(res: request.Response): { json: Record<string, unknown>; tail: Buffer } {
  const body = res.body as Buffer;
  const header = res.headers['inference-header-content-length'];
  const headerLength = header === undefined ? body.length : Number(header);
  return {
    json: JSON.parse(body.subarray(0, headerLength).toString('utf8')) as Record<string, unknown>,
    tail: body.subarray(headerLength),
  };
}

const rawParser = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

function expectErrorBody(res: request.Response, status: number | 'any4xx' = 400): void {
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

describe('KServe v2 conformance (apps/inference-server)', () => {
  let repo: string;
  let sut: TestApp;
  let key: string;

  const get = (path: string) => request(sut.server).get(path).set('x-api-key', key);
  const post = (path: string, body?: unknown) =>
    request(sut.server)
      .post(path)
      .set('x-api-key', key)
      .send(body as object);
  const tensor = (data: unknown[], datatype = 'FP32', shape = [2, 2], name = 'x') => ({
    name,
    shape,
    datatype,
    data,
  });
  const fp32 = MODEL_OF_DTYPE.float32;
  const binaryPost = (path: string, header: object, ...tail: Buffer[]) => {
    const json = Buffer.from(JSON.stringify(header));
    return request(sut.server)
      .post(path)
      .set('x-api-key', key)
      .set('content-type', 'application/octet-stream')
      .set('inference-header-content-length', String(json.length))
      .buffer(true)
      .parse(rawParser as unknown as Parameters<request.Test['parse']>[0])
      .send(Buffer.concat([json, ...tail]));
  };

  beforeAll(async () => {
    repo = mkdtempSync(join(tmpdir(), 'kserve-conformance-'));
    writeReadyRepository(repo);
    sut = await startTestApp(AppModule, HTTP_APP, {
      MODELS_DIR: repo,
      INFERENCE_WORKERS: '1',
      INFERENCE_INTRA_OP_THREADS: '1',
    });
    key = await sut.createKey(SERVICE, [INFERENCE_SCOPE]);
  });

  afterAll(async () => {
    await sut?.close();
    rmSync(repo, { recursive: true, force: true });
  });

  describe('[REQ] Health', () => {
    it('H1 GET v2/health/live: 200 indicates true', async () => {
      expect((await request(sut.server).get('/v2/health/live')).status).toBe(200);
    });
    it('H2 [OIP] server live body is $live_server_response {"live": true}', async () => {
      expect((await request(sut.server).get('/v2/health/live')).body).toMatchObject({ live: true });
    });
    it('H3 GET v2/health/ready: 200 when all models are ready for inferencing', async () => {
      expect((await request(sut.server).get('/v2/health/ready')).status).toBe(200);
    });
    it('H4 [OIP] server ready body says ready: true', async () => {
      expect((await request(sut.server).get('/v2/health/ready')).body).toMatchObject({ ready: true });
    });
    it('H5 a model whose weights were never installed is listed, and does not hold back server readiness', async () => {
      const index = await post('/v2/repository/index', {});
      expect(index.body).toContainEqual(
        expect.objectContaining({ name: ABSENT_MODEL, state: 'UNAVAILABLE' }),
      );
      expect((await request(sut.server).get('/v2/health/ready')).status).toBe(200);
    });
    it('H6 GET v2/models/{name}/ready: 200 for a ready model', async () => {
      expect((await request(sut.server).get(`/v2/models/${fp32}/ready`)).status).toBe(200);
    });
    it('H7 [OIP] model ready body is $ready_model_response {"name", "ready": true}', async () => {
      const res = await request(sut.server).get(`/v2/models/${fp32}/ready`);
      expect(res.body).toMatchObject({ name: fp32, ready: true });
    });
    it('H8 GET v2/models/{name}/versions/{version}/ready: 200 for a ready version', async () => {
      const res = await request(sut.server).get(`/v2/models/${fp32}/versions/1/ready`);
      expect([res.status, res.body.name, res.body.ready]).toEqual([200, fp32, true]);
    });
    it('H9 a model that is not ready: 4xx indicates false, with the readiness body {"ready": false}', async () => {
      const res = await request(sut.server).get(`/v2/models/${ABSENT_MODEL}/ready`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ name: ABSENT_MODEL, ready: false });
    });
    it('H10 a not-ready version by URL: 4xx with the readiness body', async () => {
      const res = await request(sut.server).get(`/v2/models/${ABSENT_MODEL}/versions/1/ready`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ name: ABSENT_MODEL, ready: false });
    });
    it('H11 model ready of an unknown model: 4xx (false)', async () => {
      const res = await request(sut.server).get('/v2/models/no-such-model/ready');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
    it('H12 model ready of an unknown version: 4xx (false)', async () => {
      const res = await request(sut.server).get(`/v2/models/${fp32}/versions/99/ready`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
    it('H13 health APIs "can be used directly" as Kubernetes probes: no credentials needed', async () => {
      for (const path of ['/v2/health/live', '/v2/health/ready', `/v2/models/${fp32}/ready`])
        expect((await request(sut.server).get(path)).status).toBe(200);
    });
  });

  describe('[REQ] Server Metadata', () => {
    it('S1 GET v2: 200', async () => {
      expect((await get('/v2')).status).toBe(200);
    });
    it('S2 "name": a descriptive name for the server ($string)', async () => {
      const { body } = await get('/v2');
      expect(typeof body.name).toBe('string');
      expect(body.name.length).toBeGreaterThan(0);
    });
    it('S3 "version": the server version ($string)', async () => {
      const { body } = await get('/v2');
      expect(typeof body.version).toBe('string');
      expect(body.version.length).toBeGreaterThan(0);
    });
    it('S4 "extensions": [ $string, ... ]', async () => {
      const { body } = await get('/v2');
      expect(Array.isArray(body.extensions)).toBe(true);
      for (const e of body.extensions) expect(typeof e).toBe('string');
    });
    it('S5 [BIN] "binary_tensor_data" in the extensions', async () => {
      expect((await get('/v2')).body.extensions).toContain('binary_tensor_data');
    });
    it('S6 [REPO] "model_repository" in the extensions', async () => {
      expect((await get('/v2')).body.extensions).toContain('model_repository');
    });
    it('S7 the body is JSON (application/json)', async () => {
      expect((await get('/v2')).headers['content-type']).toMatch(/^application\/json/);
    });
    it('S8 [OIP yaml] GET /v2/ (the path as the OpenAPI document spells it) leads to the metadata', async () => {
      const res = await get('/v2/');
      if (res.status === 200) expect(res.body).toEqual((await get('/v2')).body);
      else expect([res.status, res.headers.location]).toEqual([308, '/v2']);
    });
  });

  describe('[REQ] Model Metadata', () => {
    it('M1 GET v2/models/{name}: 200', async () => {
      expect((await get(`/v2/models/${fp32}`)).status).toBe(200);
    });
    it('M2 "name": the name of the model', async () => {
      expect((await get(`/v2/models/${fp32}`)).body.name).toBe(fp32);
    });
    it('M3 "versions": the versions that may be explicitly requested', async () => {
      const { body } = await get(`/v2/models/${fp32}`);
      expect([...body.versions].sort()).toEqual(['1', '2']);
    });
    it('M4 "platform": one of the allowed platform names', async () => {
      expect(PLATFORMS).toContain((await get(`/v2/models/${fp32}`)).body.platform);
    });
    it('M5 "inputs": [$metadata_tensor] with name, datatype and shape', async () => {
      const { body } = await get(`/v2/models/${fp32}`);
      expect(body.inputs).toEqual([{ name: 'x', datatype: 'FP32', shape: [-1, 2] }]);
    });
    it('M6 "outputs": [$metadata_tensor] with name, datatype and shape', async () => {
      const { body } = await get(`/v2/models/${fp32}`);
      expect(body.outputs).toEqual([
        { name: 'y', datatype: 'FP32', shape: [-1, 2] },
        { name: 'z', datatype: 'FP32', shape: [-1, 2] },
      ]);
    });
    it('M7 every tensor datatype is a name from the Tensor Data Types table', async () => {
      for (const name of [...Object.values(MODEL_OF_DTYPE), SHIPPED_MODEL]) {
        const { body } = await get(`/v2/models/${name}`);
        for (const t of [...body.inputs, ...body.outputs]) expect(DATATYPES).toContain(t.datatype);
      }
    });
    it('M8 variable-size dimensions are -1, the others non-negative integers', async () => {
      const { body } = await get(`/v2/models/${SHIPPED_MODEL}`);
      for (const t of [...body.inputs, ...body.outputs])
        for (const d of t.shape) expect(d === -1 || (Number.isInteger(d) && d >= 0)).toBe(true);
    });
    it('M9 GET v2/models/{name}/versions/{version}: 200 with that model', async () => {
      const res = await get(`/v2/models/${fp32}/versions/2`);
      expect([res.status, res.body.name]).toEqual([200, fp32]);
    });
    it('M10 unknown model: error status and {"error": $string}', async () => {
      expectErrorBody(await get('/v2/models/no-such-model'), 404);
    });
    it('M11 unknown version: error status and {"error": $string}', async () => {
      expectErrorBody(await get(`/v2/models/${fp32}/versions/99`), 404);
    });
  });

  describe('[REQ] Inference', () => {
    const path = `/v2/models/${fp32}/infer`;
    const x = [1, 2, 3, 4];

    it('I1 POST v2/models/{name}/infer: 200 with $inference_response', async () => {
      expect((await post(path, { inputs: [tensor(x)] })).status).toBe(200);
    });
    it('I2 "model_name": the name of the model used', async () => {
      expect((await post(path, { inputs: [tensor(x)] })).body.model_name).toBe(fp32);
    });
    it('I3 "model_version": the specific version used ($string)', async () => {
      expect((await post(path, { inputs: [tensor(x)] })).body.model_version).toBe('2');
    });
    it('I4 "id": if specified in the request, it must be returned in the response', async () => {
      expect((await post(path, { id: '42', inputs: [tensor(x)] })).body.id).toBe('42');
    });
    it('I5 without a request id the response carries no invented one', async () => {
      const { body } = await post(path, { inputs: [tensor(x)] });
      expect(body.id === undefined || body.id === '').toBe(true);
    });
    it('I6 each $response_output has name, shape, datatype and data', async () => {
      const { body } = await post(path, { inputs: [tensor(x)] });
      for (const o of body.outputs) {
        expect(Object.keys(o)).toEqual(expect.arrayContaining(['name', 'shape', 'datatype', 'data']));
        expect(o.datatype).toBe('FP32');
        expect(o.shape).toEqual([2, 2]);
      }
    });
    it('I7 POST v2/models/{name}/versions/{version}/infer runs that version', async () => {
      const res = await post(`/v2/models/${fp32}/versions/1/infer`, { inputs: [tensor(x)] });
      expect([res.status, res.body.model_version]).toEqual([200, '1']);
    });
    it('I8 tensor data in its natural multi-dimensional representation', async () => {
      const res = await post(path, {
        inputs: [
          tensor([
            [1, 2],
            [3, 4],
          ]),
        ],
      });
      expect([res.status, res.body.outputs[0].data.flat()]).toEqual([200, x]);
    });
    it('I9 tensor data flattened, row-major, in linear order', async () => {
      const res = await post(path, { inputs: [tensor([5, 6, 7, 8])] });
      expect(res.body.outputs[0].data).toEqual([5, 6, 7, 8]);
    });
    it('I10 "outputs" not specified: all outputs produced by the model are returned', async () => {
      const { body } = await post(path, { inputs: [tensor(x)] });
      expect(body.outputs.map((o: { name: string }) => o.name).sort()).toEqual(['y', 'z']);
    });
    it('I11 "outputs": [{"name"}] returns that output only', async () => {
      const { body } = await post(path, { inputs: [tensor(x)], outputs: [{ name: 'z' }] });
      expect(body.outputs.map((o: { name: string }) => o.name)).toEqual(['z']);
    });
    it('I12 a requested output the model does not produce: 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [tensor(x)], outputs: [{ name: 'nope' }] }));
    });
    it('I13 request "parameters": string, number and boolean values are accepted', async () => {
      const res = await post(path, { parameters: { a: 'b', n: 1.5, t: true }, inputs: [tensor(x)] });
      expect(res.status).toBe(200);
    });
    it('I14 $request_input "parameters" are accepted', async () => {
      const res = await post(path, { inputs: [{ ...tensor(x), parameters: { note: 'hi' } }] });
      expect(res.status).toBe(200);
    });
    it('I15 $request_output "parameters" are accepted', async () => {
      const res = await post(path, { inputs: [tensor(x)], outputs: [{ name: 'y', parameters: { k: 1 } }] });
      expect([res.status, res.body.outputs.length]).toEqual([200, 1]);
    });
    it('I16 the protocol example shapes (input0 [2, 2] UINT32): shape and data describe the batch', async () => {
      const res = await post(`/v2/models/${MODEL_OF_DTYPE.int64}/infer`, {
        id: '42',
        inputs: [{ name: 'x', shape: [2, 2], datatype: 'UINT32', data: [1, 2, 3, 4] }],
        outputs: [{ name: 'y' }],
      });
      expect([res.status, res.body.id, res.body.outputs[0].shape]).toEqual([200, '42', [2, 2]]);
    });
    it('I17 the shipped model (real weights) answers a well-formed request', async () => {
      const meta = (await get(`/v2/models/${SHIPPED_MODEL}`)).body;
      const inputs = meta.inputs.map((t: { name: string; datatype: string; shape: number[] }) => {
        const shape = t.shape.map((d) => (d === -1 ? 1 : d));
        const n = shape.reduce((a, b) => a * b, 1);
        return { name: t.name, datatype: t.datatype, shape, data: Array.from({ length: n }, () => 0) };
      });
      const res = await post(`/v2/models/${SHIPPED_MODEL}/infer`, { inputs });
      expect(res.status).toBe(200);
      expect(res.body.outputs.length).toBe(meta.outputs.length);
    });
    it('I18 missing "inputs": 400 with {"error"}', async () => {
      expectErrorBody(await post(path, {}));
    });
    it('I19 an input without "name": 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [{ shape: [2, 2], datatype: 'FP32', data: x }] }));
    });
    it('I20 an input without "shape": 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [{ name: 'x', datatype: 'FP32', data: x }] }));
    });
    it('I21 an input without "datatype": 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [{ name: 'x', shape: [2, 2], data: x }] }));
    });
    it('I22 an input without "data": 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [{ name: 'x', shape: [2, 2], datatype: 'FP32' }] }));
    });
    it('I23 a datatype not in the table: 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [tensor(x, 'FLOAT32')] }));
    });
    it('I24 "all strings in all contexts are case-sensitive": "fp32" is not FP32', async () => {
      expectErrorBody(await post(path, { inputs: [tensor(x, 'fp32')] }));
    });
    it('I25 data whose element count differs from the shape: 400 with {"error"}', async () => {
      expectErrorBody(await post(path, { inputs: [tensor([1, 2, 3])] }));
    });
    it('I26 a shape dimension not representable as an unsigned integer (-1): 400', async () => {
      expectErrorBody(await post(path, { inputs: [tensor(x, 'FP32', [-1, 4])] }));
    });
    it('I27 a shape the model cannot take (fixed dimension 2): 400 naming the tensor', async () => {
      const res = await post(path, { inputs: [tensor([1, 2, 3], 'FP32', [1, 3])] });
      expectErrorBody(res);
      expect(res.body.error).toMatch(/\bx\b/);
    });
    it('I28 an input the model does not have: 400 naming it', async () => {
      const res = await post(path, { inputs: [tensor(x), tensor(x, 'FP32', [2, 2], 'extra')] });
      expectErrorBody(res);
      expect(res.body.error).toMatch(/extra/);
    });
    it('I29 a missing model input: 400 naming it', async () => {
      const res = await post(path, { inputs: [tensor(x, 'FP32', [2, 2], 'w')] });
      expectErrorBody(res);
    });
    it('I30 an unknown model: 404 with {"error"}', async () => {
      expectErrorBody(await post('/v2/models/no-such-model/infer', { inputs: [tensor(x)] }), 404);
    });
    it('I31 an unknown version: 404 with {"error"}', async () => {
      expectErrorBody(await post(`/v2/models/${fp32}/versions/99/infer`, { inputs: [tensor(x)] }), 404);
    });
    it('I32 a body that is not JSON: 400 with {"error"}', async () => {
      const res = await request(sut.server)
        .post(path)
        .set('x-api-key', key)
        .set('content-type', 'application/json')
        .send('{"inputs": [');
      expectErrorBody(res);
    });
    it('I33 a model that is not ready: an error status with {"error"}', async () => {
      const res = await post(`/v2/models/${ABSENT_MODEL}/infer`, { inputs: [tensor(x)] });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys(res.body)).toEqual(['error']);
    });
    it('I34 an element of the wrong JSON type for its datatype: 400 naming the tensor', async () => {
      const res = await post(path, { inputs: [tensor([1, 'two', 3, 4])] });
      expectErrorBody(res);
      expect(res.body.error).toMatch(/inputs\[0\]|\bx\b/);
    });
    it('I35 errors without credentials are {"error"} bodies too (401)', async () => {
      expectErrorBody(
        await request(sut.server)
          .post(path)
          .send({ inputs: [tensor(x)] }),
        401,
      );
    });
  });

  describe('[REQ] Tensor Data Types, as JSON', () => {
    it.each(CASES)('T-$datatype accepted by a model that holds its values without loss', async (c) => {
      const res = await post(`/v2/models/${c.model}/infer`, {
        inputs: [{ name: 'x', shape: [2, 2], datatype: c.datatype, data: c.data }],
        outputs: [{ name: 'y' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.outputs[0]).toMatchObject({ name: 'y', datatype: c.outDatatype, shape: [2, 2] });
      expect(res.body.outputs[0].data.flat()).toEqual(c.outData);
    });

    const refusals: [string, string, string, unknown[]][] = [
      ['FP32 into an INT32 input (fractions do not convert)', MODEL_OF_DTYPE.int32, 'FP32', [0.5, 1, 2, 3]],
      ['FP64 into an FP32 input, not exactly representable', fp32, 'FP64', [0.1, 1, 2, 3]],
      ['INT64 into an INT32 input, out of its range', MODEL_OF_DTYPE.int32, 'INT64', [2 ** 40, 1, 2, 3]],
      ['UINT8 with a value outside UINT8', MODEL_OF_DTYPE.uint8, 'UINT8', [256, 1, 2, 3]],
      ['INT8 with a fraction', MODEL_OF_DTYPE.int8, 'INT8', [1.5, 1, 2, 3]],
      ['BYTES into an FP32 input', fp32, 'BYTES', ['a', 'b', 'c', 'd']],
      ['BOOL into an FP32 input', fp32, 'BOOL', [true, false, true, false]],
      ['BOOL with a number', MODEL_OF_DTYPE.bool, 'BOOL', [1, 0, 1, 0]],
      ['INT32 into a BYTES input', MODEL_OF_DTYPE.string, 'INT32', [1, 2, 3, 4]],
    ];
    it.each(refusals)('T-refuse %s: 400 naming the tensor and datatype', async (_, model, datatype, data) => {
      const res = await post(`/v2/models/${model}/infer`, {
        inputs: [{ name: 'x', shape: [2, 2], datatype, data }],
      });
      expectErrorBody(res);
      expect(res.body.error).toMatch(/\bx\b|inputs\[0\]/);
      expect(res.body.error).toContain(datatype);
    });
  });

  describe('[BIN] Binary Tensor Data Extension', () => {
    it.each(CASES)('B-$datatype as binary input (binary_data_size) gives the JSON answer', async (c) => {
      const res = await binaryPost(
        `/v2/models/${c.model}/infer`,
        {
          inputs: [
            {
              name: 'x',
              shape: [2, 2],
              datatype: c.datatype,
              parameters: { binary_data_size: c.binary.length },
            },
          ],
          outputs: [{ name: 'y' }],
        },
        c.binary,
      );
      expect(res.status).toBe(200);
      const { json } = splitBinaryResponse(res);
      const out = (json.outputs as { datatype: string; data: unknown[] }[])[0];
      expect(out.datatype).toBe(c.outDatatype);
      expect(out.data.flat()).toEqual(c.outData);
    });

    it('B1 output "binary_data": true returns it as binary after the JSON, with binary_data_size', async () => {
      const res = await binaryPost(`/v2/models/${fp32}/infer`, {
        inputs: [tensor([1.5, -2, 3, 4])],
        outputs: [{ name: 'y', parameters: { binary_data: true } }],
      });
      expect(res.status).toBe(200);
      const { json, tail } = splitBinaryResponse(res);
      const out = (json.outputs as { parameters: { binary_data_size: number }; data?: unknown }[])[0];
      expect(out.parameters.binary_data_size).toBe(16);
      expect(out.data).toBeUndefined();
      expect([0, 4, 8, 12].map((o) => tail.readFloatLE(o))).toEqual([1.5, -2, 3, 4]);
    });
    it('B2 a binary response has Inference-Header-Content-Length and Content-Length = JSON + binary', async () => {
      const res = await binaryPost(`/v2/models/${fp32}/infer`, {
        inputs: [tensor(x4())],
        outputs: [{ name: 'y', parameters: { binary_data: true } }],
      });
      const headerLength = Number(res.headers['inference-header-content-length']);
      expect(headerLength).toBeGreaterThan(0);
      expect(Number(res.headers['content-length'])).toBe(headerLength + 16);
    });
    it('B3 "binary_data_output": true returns every output as binary, in the order of the JSON', async () => {
      const res = await binaryPost(`/v2/models/${fp32}/infer`, {
        parameters: { binary_data_output: true },
        inputs: [tensor([1, 2, 3, 4])],
      });
      const { json, tail } = splitBinaryResponse(res);
      const outputs = json.outputs as { parameters: { binary_data_size: number } }[];
      expect(outputs.map((o) => o.parameters.binary_data_size)).toEqual([16, 16]);
      expect(tail.length).toBe(32);
      expect(tail.readFloatLE(16)).toBe(1);
    });
    it('B4 "binary_data": false on an output overrides "binary_data_output"', async () => {
      const res = await binaryPost(`/v2/models/${fp32}/infer`, {
        parameters: { binary_data_output: true },
        inputs: [tensor([1, 2, 3, 4])],
        outputs: [{ name: 'y', parameters: { binary_data: false } }, { name: 'z' }],
      });
      const { json, tail } = splitBinaryResponse(res);
      const [y, z] = json.outputs as { data?: unknown[]; parameters?: { binary_data_size?: number } }[];
      expect(y.data).toEqual([1, 2, 3, 4]);
      expect(z.parameters?.binary_data_size).toBe(16);
      expect(tail.length).toBe(16);
    });
    it('B5 binary BOOL output: one byte per element, 1 for true', async () => {
      const res = await binaryPost(`/v2/models/${MODEL_OF_DTYPE.bool}/infer`, {
        inputs: [{ name: 'x', shape: [2, 2], datatype: 'BOOL', data: [true, false, true, true] }],
        outputs: [{ name: 'y', parameters: { binary_data: true } }],
      });
      expect([...splitBinaryResponse(res).tail]).toEqual([1, 0, 1, 1]);
    });
    it('B6 binary BYTES output: 4-byte little-endian length, then the bytes', async () => {
      const strings = ['ab', '', 'é', 'xyz'];
      const res = await binaryPost(`/v2/models/${MODEL_OF_DTYPE.string}/infer`, {
        inputs: [{ name: 'x', shape: [2, 2], datatype: 'BYTES', data: strings }],
        outputs: [{ name: 'y', parameters: { binary_data: true } }],
      });
      expect(splitBinaryResponse(res).tail.equals(bytesOf(strings))).toBe(true);
    });
    it('B7 JSON and binary inputs may be mixed in one request', async () => {
      const res = await binaryPost(
        `/v2/models/${fp32}/infer`,
        { inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', parameters: { binary_data_size: 8 } }] },
        le(4, (b, v: number, o) => b.writeFloatLE(v, o))([7, 8]),
      );
      expect(splitBinaryResponse(res).json.outputs).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'y', data: [7, 8] })]),
      );
    });
    it('B8 binary_data_size that disagrees with shape and datatype: 400 with {"error"}', async () => {
      const res = await binaryPost(
        `/v2/models/${fp32}/infer`,
        { inputs: [{ name: 'x', shape: [2, 2], datatype: 'FP32', parameters: { binary_data_size: 12 } }] },
        Buffer.alloc(12),
      );
      expect(res.status).toBe(400);
      expect(Object.keys(JSON.parse(res.body.toString()))).toEqual(['error']);
    });
    it('B9 binary sizes beyond the body: 400 with {"error"}', async () => {
      const res = await binaryPost(
        `/v2/models/${fp32}/infer`,
        { inputs: [{ name: 'x', shape: [2, 2], datatype: 'FP32', parameters: { binary_data_size: 16 } }] },
        Buffer.alloc(8),
      );
      expect(res.status).toBe(400);
      expect(Object.keys(JSON.parse(res.body.toString()))).toEqual(['error']);
    });
    it('B10 Inference-Header-Content-Length larger than the body: 400 with {"error"}', async () => {
      const res = await request(sut.server)
        .post(`/v2/models/${fp32}/infer`)
        .set('x-api-key', key)
        .set('content-type', 'application/octet-stream')
        .set('inference-header-content-length', '5000')
        .send(Buffer.from('{"inputs": []}'));
      expectErrorBody(res);
    });
    it('B11 the protocol example: UINT32 [2, 2] (16 bytes) and binary output, request id echoed', async () => {
      const res = await binaryPost(
        `/v2/models/${MODEL_OF_DTYPE.int64}/infer`,
        {
          id: 'bin-1',
          inputs: [{ name: 'x', shape: [2, 2], datatype: 'UINT32', parameters: { binary_data_size: 16 } }],
          outputs: [{ name: 'y', parameters: { binary_data: true } }],
        },
        le(4, (b, v: number, o) => b.writeUInt32LE(v, o))([1, 2, 3, 4]),
      );
      const { json, tail } = splitBinaryResponse(res);
      expect(json.id).toBe('bin-1');
      expect([0, 8, 16, 24].map((o) => Number(tail.readBigInt64LE(o)))).toEqual([1, 2, 3, 4]);
    });
  });

  describe('[REPO] Model Repository Extension', () => {
    it('R1 POST v2/repository/index: 200, [{name, version, state, reason}] for every model, loaded or not', async () => {
      const res = await post('/v2/repository/index', {});
      expect(res.status).toBe(200);
      const names = new Set(res.body.map((e: { name: string }) => e.name));
      for (const name of [...Object.values(MODEL_OF_DTYPE), ABSENT_MODEL, SHIPPED_MODEL])
        expect(names.has(name)).toBe(true);
      for (const e of res.body) {
        expect(typeof e.state).toBe('string');
        expect(typeof e.reason).toBe('string');
      }
    });
    it('R2 "ready": true returns only models ready for inferencing', async () => {
      const res = await post('/v2/repository/index', { ready: true });
      expect(res.body.some((e: { name: string }) => e.name === ABSENT_MODEL)).toBe(false);
      expect(res.body.length).toBeGreaterThan(0);
    });
    it('R3 POST v2/repository/models/{name}/unload: 200, then the model is not ready', async () => {
      const model = MODEL_OF_DTYPE.int8;
      expect((await post(`/v2/repository/models/${model}/unload`)).status).toBe(200);
      expect((await request(sut.server).get(`/v2/models/${model}/ready`)).body.ready).toBe(false);
    });
    it('R4 POST v2/repository/models/{name}/load: 200, then the model is ready again', async () => {
      const model = MODEL_OF_DTYPE.int8;
      expect((await post(`/v2/repository/models/${model}/load`)).status).toBe(200);
      expect((await request(sut.server).get(`/v2/models/${model}/ready`)).status).toBe(200);
    });
    it('R5 load of a model the repository does not have: error status with {"error"}', async () => {
      expectErrorBody(await post('/v2/repository/models/no-such-model/load'), 'any4xx');
    });
    it('R6 a failed index request is {"error"} (malformed body)', async () => {
      expectErrorBody(await post('/v2/repository/index', { ready: 'yes' }));
    });
  });

  describe('[REQ] Health of a server with a model that cannot load', () => {
    let other: TestApp;
    let otherRepo: string;

    beforeAll(async () => {
      otherRepo = mkdtempSync(join(tmpdir(), 'kserve-not-ready-'));
      writeNotReadyRepository(otherRepo);
      other = await startTestApp(AppModule, HTTP_APP, {
        MODELS_DIR: otherRepo,
        INFERENCE_WORKERS: '1',
        INFERENCE_INTRA_OP_THREADS: '1',
      });
    });

    afterAll(async () => {
      await other?.close();
      rmSync(otherRepo, { recursive: true, force: true });
      process.env.MODELS_DIR = repo;
    });

    it('N1 server ready: a 4xx status indicates false, with {"ready": false}', async () => {
      const res = await request(other.server).get('/v2/health/ready');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ ready: false });
    });
    it('N2 server live stays 200 although a model failed', async () => {
      expect((await request(other.server).get('/v2/health/live')).status).toBe(200);
    });
    it('N3 model ready of the failed model: 4xx with {"name", "ready": false}', async () => {
      const res = await request(other.server).get(`/v2/models/${TAMPERED_MODEL}/ready`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ name: TAMPERED_MODEL, ready: false });
    });
  });
});

function x4(): number[] {
  return [1, 2, 3, 4];
}
