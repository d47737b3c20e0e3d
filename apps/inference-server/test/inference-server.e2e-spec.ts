// apps/inference-server end to end: the real AppModule (local engine over a models folder, the
// production HTTP stack, real PostgreSQL), and the remote client talking to it over a socket.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  INFERENCE_BACKEND,
  openInferenceEngineCount,
  type InferenceBackend,
  type ModelCard,
  type NamedTensors,
  RemoteInferenceBackend,
} from '@suite/inference';
import { OnnxGraphBuilder } from '@suite/onnx';
import request from 'supertest';
import { type TestApp } from '../../../test/support/test-app.js';
import { serveRepository, type ServedRepository } from './serve-repository.js';

/** x[batch, 16] -> Gemm 16x32 -> Relu -> Gemm 32x4 -> Softmax, seeded weights. */
function mlpBytes(): Uint8Array {
  let s = 7;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.8;
  const b = new OnnxGraphBuilder('mlp')
    .input('x', 'float32', ['batch', 16])
    .output('probabilities', 'float32', ['batch', 4]);
  b.initializer('W0', Float32Array.from({ length: 16 * 32 }, rnd), [16, 32]);
  b.initializer('b0', Float32Array.from({ length: 32 }, rnd), [32]);
  b.initializer('W1', Float32Array.from({ length: 32 * 4 }, rnd), [32, 4]);
  b.initializer('b1', Float32Array.from({ length: 4 }, rnd), [4]);
  const h = b.node('Relu', [b.node('Gemm', ['x', 'W0', 'b0'])]);
  b.node('Softmax', [b.node('Gemm', [h, 'W1', 'b1'])], ['probabilities']);
  return b.toBytes();
}

function writeVersion(root: string, name: string, version: string, bytes: Uint8Array, sha256?: string): void {
  const card: ModelCard = {
    name,
    version,
    task: 'intent',
    createdAt: '2026-01-01T00:00:00.000Z',
    file: 'model.onnx',
    sha256: sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    inputs: [{ name: 'x', dtype: 'float32', shape: [-1, 16] }],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [-1, 4] }],
    batching: { maxBatchSize: 8, maxQueueDelayMicros: 1000, maxQueueSize: 64 },
  };
  mkdirSync(join(root, name, version), { recursive: true });
  writeFileSync(join(root, name, version, 'model.onnx'), bytes);
  writeFileSync(join(root, name, version, 'model.json'), JSON.stringify(card));
}

describe('inference-server', () => {
  let served: ServedRepository | undefined;
  let sut: TestApp;
  let key: string;
  let baseUrl: string;

  beforeAll(async () => {
    served = await serveRepository('inference-server', (repo) => {
      writeVersion(repo, 'intent', '1', mlpBytes());
      // Not an ONNX file, but its card's checksum matches: it fails when the session loads.
      const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
      writeVersion(repo, 'corrupt', '1', garbage);
      // A valid model whose file does not match its card.
      writeVersion(repo, 'tampered', '1', mlpBytes(), '0'.repeat(64));
    });
    ({ sut, key, baseUrl } = served);
  });

  afterAll(() => served?.close());

  it('stays up with a corrupt model and says why it is not ready', async () => {
    expect((await request(sut.server).get('/health/live')).status).toBe(200);
    expect((await request(sut.server).get('/v2/health/live')).body).toEqual({ live: true });
    const corrupt = await request(sut.server).get('/v2/models/corrupt/ready');
    expect(corrupt.status).toBe(400);
    expect(corrupt.body).toMatchObject({ name: 'corrupt', ready: false });
    expect(typeof corrupt.body.reason).toBe('string');
    expect(corrupt.body.reason.length).toBeGreaterThan(0);
    const tampered = await request(sut.server).get('/v2/models/tampered/ready');
    expect(tampered.status).toBe(400);
    expect(tampered.body.reason).toMatch(/sha256/i);
    const good = await request(sut.server).get('/v2/models/intent/ready');
    expect([good.status, good.body]).toEqual([200, { name: 'intent', version: '1', ready: true }]);
  });

  it('answers every error under /v2 with the protocol body {"error"}: unknown route, oversized body, bad key', async () => {
    const unknownRoute = await request(sut.server).get('/v2/no/such/route').set('x-api-key', key);
    expect([unknownRoute.status, Object.keys(unknownRoute.body)]).toEqual([404, ['error']]);
    const huge = JSON.stringify({
      inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [1] }],
      pad: 'x'.repeat(2 ** 21),
    });
    const tooLarge = await request(sut.server)
      .post('/v2/models/intent/infer')
      .set('x-api-key', key)
      .set('content-type', 'application/json')
      .send(huge);
    expect([tooLarge.status, Object.keys(tooLarge.body)]).toEqual([413, ['error']]);
    const badKey = await request(sut.server).get('/v2/models/intent').set('x-api-key', 'sk_wrong');
    expect([badKey.status, Object.keys(badKey.body)]).toEqual([401, ['error']]);
    // Outside /v2 the platform's body stays.
    expect(Object.keys((await request(sut.server).get('/no/such/route')).body)).toContain('code');
  });

  it('reads a binary request without a Content-Type (tritonclient) or with a form one (urllib)', async () => {
    const header = Buffer.from(
      JSON.stringify({
        inputs: [{ name: 'x', shape: [1, 16], datatype: 'FP32', parameters: { binary_data_size: 64 } }],
      }),
    );
    const body = Buffer.concat([
      header,
      Buffer.from(Float32Array.from({ length: 16 }, (_, i) => i / 16).buffer),
    ]);
    for (const contentType of [undefined, 'application/x-www-form-urlencoded']) {
      const headers: Record<string, string> = {
        'x-api-key': key,
        'inference-header-content-length': String(header.length),
        ...(contentType ? { 'content-type': contentType } : {}),
      };
      const res = await fetch(`${baseUrl}/v2/models/intent/infer`, { method: 'POST', headers, body });
      const text = await res.text();
      expect([contentType, res.status, res.status === 200 ? '' : text]).toEqual([contentType, 200, '']);
      const json = JSON.parse(text) as { outputs: { data: number[] }[] };
      expect(json.outputs[0].data).toHaveLength(4);
    }
    const elsewhere = await fetch(`${baseUrl}/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    expect(elsewhere.status).toBeLessThan(500);
  });

  it('serves v2 inference with an API key', async () => {
    const data = Array.from({ length: 2 * 16 }, (_, i) => Math.cos(i));
    const res = await request(sut.server)
      .post('/v2/models/intent/infer')
      .set('x-api-key', key)
      .send({ id: 'a1', inputs: [{ name: 'x', shape: [2, 16], datatype: 'FP32', data }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model_name: 'intent', model_version: '1', id: 'a1' });
    const p: number[] = res.body.outputs[0].data;
    expect(p).toHaveLength(8);
    expect(p[0] + p[1] + p[2] + p[3]).toBeCloseTo(1, 5);
  });

  it('returns over HTTP exactly what the local engine returns', async () => {
    const engine = sut.app.get<InferenceBackend>(INFERENCE_BACKEND);
    // The one engine of the process (InferenceModule), the one the routes serve (issue 19).
    expect(openInferenceEngineCount()).toBe(1);
    const remote = new RemoteInferenceBackend({ baseUrl, apiKey: key });
    const inputs: NamedTensors = {
      x: {
        dtype: 'float32',
        dims: [3, 16],
        data: Float32Array.from({ length: 48 }, (_, i) => Math.sin(i * 1.7) * 3),
      },
    };
    const local = await engine.infer('intent', inputs);
    const got = await remote.infer('intent', inputs);
    expect(got.modelName).toBe(local.modelName);
    expect(got.modelVersion).toBe(local.modelVersion);
    expect(got.outputs.probabilities.dims).toEqual(local.outputs.probabilities.dims);
    expect(got.outputs.probabilities.dtype).toBe('float32');
    expect(Array.from(got.outputs.probabilities.data as Float32Array)).toEqual(
      Array.from(local.outputs.probabilities.data as Float32Array),
    );
    const statuses = await remote.listModels();
    expect(statuses.map((m) => [m.name, m.ready])).toEqual([
      ['corrupt', false],
      ['intent', true],
      ['tampered', false],
    ]);
    await remote.close();
  });
});
