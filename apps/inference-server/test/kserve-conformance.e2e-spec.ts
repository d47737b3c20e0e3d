// KServe v2 / Open Inference Protocol conformance of apps/inference-server, written from the protocol
// documents, not from our code: each `it` is one point, named by its section, quoting the document.
//   [REQ]  kserve/kserve docs/predict-api/v2/required_api.md (Predict Protocol - Version 2)
//   [OIP]  kserve/open-inference-protocol specification/protocol/inference_rest.md (+ open_inference_rest.yaml)
//   [BIN]  triton-inference-server/server docs/protocol/extension_binary_data.md
//   [REPO] triton-inference-server/server docs/protocol/extension_model_repository.md
// The server is the real AppModule (production HTTP stack, real PostgreSQL) over a Triton-layout model
// repository of real ONNX graphs run by onnxruntime (conformance-repository.ts). The README's
// "KServe v2 conformance" table lists these points.
// This file: health, metadata, inference; kserve-conformance-tensors.e2e-spec.ts: datatypes, binary
// data, model repository. Shared tables and the booted server: conformance-support.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import {
  ABSENT_MODEL,
  MODEL_OF_DTYPE,
  SHIPPED_MODEL,
  TAMPERED_MODEL,
  writeNotReadyRepository,
} from './conformance-repository.js';
import {
  conformanceServer,
  DATATYPES,
  expectErrorBody,
  FP32_MODEL,
  PLATFORMS,
  tensor,
} from './conformance-support.js';

describe('KServe v2 conformance (apps/inference-server)', () => {
  const client = conformanceServer();
  const get = (path: string) => client.get(path);
  const post = (path: string, body?: unknown) => client.post(path, body);

  const fp32 = FP32_MODEL;
  const sut = {
    get server() {
      return client.sut.server;
    },
  };

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
        .set('x-api-key', client.key)
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
