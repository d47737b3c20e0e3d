// KServe v2 / Open Inference Protocol conformance of apps/inference-server, written from the protocol
// documents, not from our code: each `it` is one point, named by its section, quoting the document.
//   [REQ]  kserve/kserve docs/predict-api/v2/required_api.md (Predict Protocol - Version 2)
//   [OIP]  kserve/open-inference-protocol specification/protocol/inference_rest.md (+ open_inference_rest.yaml)
//   [BIN]  triton-inference-server/server docs/protocol/extension_binary_data.md
//   [REPO] triton-inference-server/server docs/protocol/extension_model_repository.md
// The server is the real AppModule (production HTTP stack, real PostgreSQL) over a Triton-layout model
// repository of real ONNX graphs run by onnxruntime (conformance-repository.ts). The README's
// "KServe v2 conformance" table lists these points.
// This file: tensor data types, binary tensor data, model repository (see kserve-conformance.e2e-spec.ts).
import request from 'supertest';
import { ABSENT_MODEL, MODEL_OF_DTYPE, SHIPPED_MODEL } from './conformance-repository.js';
import {
  bytesOf,
  CASES,
  conformanceServer,
  expectErrorBody,
  FP32_MODEL,
  le,
  splitBinaryResponse,
  tensor,
} from './conformance-support.js';

describe('KServe v2 conformance (apps/inference-server): tensors and extensions', () => {
  const client = conformanceServer();
  const post = (path: string, body?: unknown) => client.post(path, body);
  const binaryPost = (path: string, header: object, ...tail: Buffer[]) =>
    client.binaryPost(path, header, ...tail);

  const fp32 = FP32_MODEL;
  const sut = {
    get server() {
      return client.sut.server;
    },
  };
  const key = () => client.key;

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
        inputs: [tensor([1, 2, 3, 4])],
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
        .set('x-api-key', key())
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
});
