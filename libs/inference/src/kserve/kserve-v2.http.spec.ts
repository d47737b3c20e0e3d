// The KServe v2 surface on the production HTTP stack (auth, validation, error filter, real PostgreSQL
// for API keys), and the remote client talking to it over a real socket.
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { DomainError, PlatformModule } from '@suite/platform';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { INFERENCE_BACKEND } from '../engine/inference-backend.js';
import type { NamedTensors } from '../engine/tensor.js';
import { attr, OnnxGraphBuilder } from '@suite/onnx';
import { InferenceHttpModule } from './inference-http.module.js';
import { INFERENCE_SCOPE } from './kserve-v2.controller.js';
import { OnnxTestBackend } from '../../testing/index.js';
import { RemoteInferenceBackend } from './remote-inference.backend.js';
import { migrations } from '@suite/migrations';

const backend = new OnnxTestBackend();

@Module({
  imports: [
    PlatformModule.forService({ service: 'inference', migrations }),
    InferenceHttpModule.register({ backend: { provide: INFERENCE_BACKEND, useValue: backend } }),
  ],
})
class KServeTestModule {}

function logisticModel(): Uint8Array {
  const b = new OnnxGraphBuilder('logit')
    .input('x', 'float32', ['batch', 3])
    .output('p', 'float32', ['batch', 1])
    .output('label', 'int64', ['batch']);
  b.initializer('W', Float32Array.of(0.5, -1, 2), [3, 1]);
  b.initializer('B', Float32Array.of(0.25), [1]);
  b.initializer('threshold', Float32Array.of(0.5), []);
  b.initializer('axes', BigInt64Array.of(1n), [1]);
  const p = b.node('Sigmoid', [b.node('Gemm', ['x', 'W', 'B'], 1, { beta: attr.float(1) })], ['p']);
  const above = b.node('Greater', [p, 'threshold']);
  b.node('Squeeze', [b.node('Cast', [above], 1, { to: attr.int(7) }), 'axes'], ['label']); // 7: INT64
  return b.toBytes();
}

const SIGNATURE = {
  inputs: [{ name: 'x', dtype: 'float32' as const, shape: [-1, 3] }],
  outputs: [
    { name: 'p', dtype: 'float32' as const, shape: [-1, 1] },
    { name: 'label', dtype: 'int64' as const, shape: [-1] },
  ],
};

const body = (data: unknown, shape = [2, 3]) => ({
  id: 'req-1',
  parameters: { content_type: 'np', anything: { nested: true } },
  inputs: [{ name: 'x', shape, datatype: 'FP32', data }],
});

describe('KServe v2 over HTTP', () => {
  let sut: TestApp;
  let key: string;
  let baseUrl: string;

  beforeAll(async () => {
    await backend.addModel('logit', '1', logisticModel(), SIGNATURE);
    await backend.addModel('corrupt', '2', Uint8Array.of(1, 2, 3, 4), SIGNATURE);
    sut = await startTestApp(KServeTestModule, { title: 'inference test' });
    key = await sut.createKey('inference', [INFERENCE_SCOPE]);
    await sut.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sut.close();
    await backend.close();
  });

  it('answers live and ready without a key', async () => {
    expect((await request(sut.server).get('/v2/health/live')).body).toEqual({ live: true });
    const ready = await request(sut.server).get('/v2/health/ready');
    expect([ready.status, ready.body]).toEqual([200, { ready: true }]);
  });

  it('reports a corrupt model not ready with its reason (400), and a good one ready (200)', async () => {
    const bad = await request(sut.server).get('/v2/models/corrupt/ready');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ name: 'corrupt', version: '2', ready: false });
    expect(bad.body.reason).toMatch(/^load failed: /);
    const good = await request(sut.server).get('/v2/models/logit/versions/1/ready');
    expect([good.status, good.body]).toEqual([200, { name: 'logit', version: '1', ready: true }]);
  });

  it('requires the inference scope for metadata and inference', async () => {
    expect((await request(sut.server).get('/v2/models/logit')).status).toBe(401);
    const other = await sut.createKey('inference', ['something:else']);
    const res = await request(sut.server)
      .post('/v2/models/logit/infer')
      .set('x-api-key', other)
      .send(body([1, 2, 3, 4, 5, 6]));
    expect(res.status).toBe(403);
  });

  it('describes a model in the v2 metadata shape', async () => {
    const res = await request(sut.server).get('/v2/models/logit').set('x-api-key', key);
    expect(res.body).toEqual({
      name: 'logit',
      versions: ['1'],
      platform: 'onnx_onnxv1',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3] }],
      outputs: [
        { name: 'p', datatype: 'FP32', shape: [-1, 1] },
        { name: 'label', datatype: 'INT64', shape: [-1] },
      ],
    });
  });

  it('infers with nested data, echoes the id and ignores unknown parameters', async () => {
    const res = await request(sut.server)
      .post('/v2/models/logit/versions/1/infer')
      .set('x-api-key', key)
      .send({
        ...body([
          [1, 2, 3],
          [-1, 0, 1],
        ]),
        outputs: [{ name: 'p' }],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model_name: 'logit', model_version: '1', id: 'req-1' });
    expect(res.body.outputs).toHaveLength(1);
    const [p] = res.body.outputs;
    expect(p).toMatchObject({ name: 'p', datatype: 'FP32', shape: [2, 1] });
    const ref = [1 / (1 + Math.exp(-(0.5 - 2 + 6 + 0.25))), 1 / (1 + Math.exp(-(-0.5 + 2 + 0.25)))];
    expect(p.data[0]).toBeCloseTo(ref[0], 6);
    expect(p.data[1]).toBeCloseTo(ref[1], 6);
  });

  it.each([
    ['a data length that does not match the shape', body([1, 2, 3, 4, 5]), 'inputs[0].data'],
    // Unknown names are counted, never echoed (they can carry anything the client sent).
    ['an unknown top-level field', { ...body([1, 2, 3, 4, 5, 6]), model: 'x' }, 'body: 1 unknown property'],
    ['a non-integer dimension', body([1, 2, 3], [1.5, 2]), 'inputs.0.shape'],
    ['no inputs', { inputs: [] }, 'inputs'],
    [
      'an unsupported datatype',
      { inputs: [{ name: 'x', shape: [1], datatype: 'FP8', data: [1] }] },
      'inputs.0.datatype',
    ],
  ])('rejects %s with 400 naming the field', async (_case, payload, field) => {
    const res = await request(sut.server).post('/v2/models/logit/infer').set('x-api-key', key).send(payload);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error).toContain(field);
  });

  it('answers inference on an unknown model with 404 and on a not-ready one with 503', async () => {
    const missing = await request(sut.server)
      .post('/v2/models/nope/infer')
      .set('x-api-key', key)
      .send(body([1, 2, 3, 4, 5, 6]));
    expect([missing.status, Object.keys(missing.body)]).toEqual([404, ['error']]);
    const broken = await request(sut.server)
      .post('/v2/models/corrupt/infer')
      .set('x-api-key', key)
      .send(body([1, 2, 3, 4, 5, 6]));
    expect([broken.status, Object.keys(broken.body)]).toEqual([503, ['error']]);
    expect(broken.headers['retry-after']).toBeUndefined();
  });

  it('rejects a model name outside the safe alphabet', async () => {
    const res = await request(sut.server).get('/v2/models/..%2Fetc/ready');
    expect([res.status, Object.keys(res.body)]).toEqual([400, ['error']]);
  });

  it('lists models in Triton’s repository index shape', async () => {
    const res = await request(sut.server).post('/v2/repository/index').set('x-api-key', key).send({});
    expect(res.status).toBe(200);
    const readyOnly = await request(sut.server)
      .post('/v2/repository/index')
      .set('x-api-key', key)
      .send({ ready: true });
    expect(readyOnly.body.map((m: { name: string }) => m.name)).toEqual(['logit']);
    const noBody = await request(sut.server).post('/v2/repository/index').set('x-api-key', key);
    expect([noBody.status, noBody.body.length]).toEqual([200, 2]);
    expect(res.body).toEqual([
      { name: 'logit', version: '1', state: 'READY', reason: '' },
      { name: 'corrupt', version: '2', state: 'UNAVAILABLE', reason: expect.stringMatching(/^load failed/) },
    ]);
  });

  describe('RemoteInferenceBackend against this server', () => {
    const inputs: NamedTensors = {
      x: { dtype: 'float32', dims: [3, 3], data: Float32Array.of(0.1, 0.2, 0.3, -7.5, 1e-3, 2, 3.25, -1, 0) },
    };

    it('returns exactly what the backend behind the server returns', async () => {
      const remote = new RemoteInferenceBackend({ baseUrl, apiKey: key });
      const local = await backend.infer('logit', inputs);
      const got = await remote.infer('logit', inputs);
      expect(got.modelName).toBe(local.modelName);
      expect(got.modelVersion).toBe(local.modelVersion);
      expect(Object.keys(got.outputs).sort()).toEqual(['label', 'p']);
      for (const name of Object.keys(local.outputs)) {
        expect(got.outputs[name].dtype).toBe(local.outputs[name].dtype);
        expect(got.outputs[name].dims).toEqual(local.outputs[name].dims);
        expect(Array.from(got.outputs[name].data as Float32Array)).toEqual(
          Array.from(local.outputs[name].data as Float32Array),
        );
      }
      await remote.close();
    });

    it('reads model status, readiness reasons and the model list', async () => {
      const remote = new RemoteInferenceBackend({ baseUrl, apiKey: key });
      expect(await remote.modelStatus('logit')).toEqual(await backend.modelStatus('logit'));
      const corrupt = await remote.modelStatus('corrupt');
      expect(corrupt).toMatchObject({ name: 'corrupt', version: '2', ready: false });
      expect(corrupt.reason).toMatch(/^load failed/);
      expect((await remote.listModels()).map((m) => [m.name, m.ready])).toEqual([
        ['logit', true],
        ['corrupt', false],
      ]);
      expect(await remote.isReady()).toBe(true);
    });

    it('maps HTTP errors to domain error codes', async () => {
      const remote = new RemoteInferenceBackend({ baseUrl, apiKey: key });
      const codeOf = (p: Promise<unknown>) =>
        p.then(
          () => 'resolved',
          (e: DomainError) => [e.code, e.details?.retryAfterSeconds],
        );
      expect(await codeOf(remote.infer('nope', inputs))).toEqual(['MODEL_NOT_FOUND', undefined]);
      expect(await codeOf(remote.infer('corrupt', inputs))).toEqual(['MODEL_NOT_READY', undefined]);
      backend.failures.push(new DomainError('INFERENCE_QUEUE_FULL', 'queue full', { retryAfterSeconds: 2 }));
      expect(await codeOf(remote.infer('logit', inputs))).toEqual(['INFERENCE_QUEUE_FULL', 2]);
      const wrongShape: NamedTensors = { x: { dtype: 'float32', dims: [1, 2], data: Float32Array.of(1, 2) } };
      expect(await codeOf(remote.infer('logit', wrongShape))).toEqual(['INVALID_INPUT', undefined]);
      const noKey = new RemoteInferenceBackend({ baseUrl });
      expect(await codeOf(noKey.infer('logit', inputs))).toEqual(['INFERENCE_FAILED', undefined]);
      const nobody = new RemoteInferenceBackend({ baseUrl: 'http://127.0.0.1:9' });
      expect(await codeOf(nobody.infer('logit', inputs))).toEqual(['SERVICE_UNAVAILABLE', 1]);
      expect(await nobody.isReady()).toBe(false);
    });
  });
});
