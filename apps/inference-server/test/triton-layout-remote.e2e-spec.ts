// The project's remote backend (RemoteInferenceBackend: what libs/inference uses when INFERENCE_URL is
// set) against a server serving a Triton-layout model repository: <name>/config.pbtxt (written by
// `models export-triton`) beside numbered <version>/model.onnx folders, the folder Triton reads.
// NOTE: there is no Triton binary in CI (nor on this machine). The server here is apps/inference-server
// over that repository; what this proves is that our client speaks the v2 protocol to a server of
// the Triton layout, and that the layout we export is one our server reads unchanged. Against a real
// Triton, docker/k8s/triton.yaml serves the same folder.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  exportTritonConfigs,
  type InferenceBackend,
  LocalInferenceEngine,
  type NamedTensors,
  openInferenceBackend,
  RemoteInferenceBackend,
} from '@suite/inference';
import type { DomainError } from '@suite/platform';
import { serveRepository, type ServedRepository } from './serve-repository.js';

const SHIPPED = ['risk-default', 'intent-banking77'];
const ABSENT = 'absent-weights';

function seeded(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1);
}

describe('RemoteInferenceBackend against a Triton-layout repository (served by apps/inference-server)', () => {
  let repo: string;
  let served: ServedRepository | undefined;
  let local: LocalInferenceEngine;
  let remote: RemoteInferenceBackend;
  let baseUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    served = await serveRepository('triton-layout', async (dir) => {
      for (const name of SHIPPED) cpSync(resolve('models', name), join(dir, name), { recursive: true });
      // A card without its weights (how a fresh clone holds the OCR models): listed, never served.
      const card = JSON.parse(readFileSync(resolve('models', 'risk-default', '1', 'model.json'), 'utf8'));
      mkdirSync(join(dir, ABSENT, '1'), { recursive: true });
      writeFileSync(join(dir, ABSENT, '1', 'model.json'), JSON.stringify({ ...card, name: ABSENT }));
      // Configs come from the cards, so the model without weights gets one too (as the OCR models do).
      const exported = await exportTritonConfigs(dir, { instanceKind: 'KIND_CPU' });
      expect(exported.map((e) => [e.model, e.version])).toEqual([
        [ABSENT, '1'],
        ['intent-banking77', '1'],
        ['risk-default', '1'],
      ]);
    });
    ({ repo, key: apiKey, baseUrl } = served);
    remote = new RemoteInferenceBackend({ baseUrl, apiKey });
    local = await LocalInferenceEngine.create({
      modelsDir: repo,
      models: Object.fromEntries(SHIPPED.map((n) => [n, ['1']])),
      pool: { workers: 1, intraOpNumThreads: 1 },
    });
  });

  afterAll(async () => {
    await remote?.close();
    await local?.close();
    await served?.close();
  });

  it('is a Triton layout: config.pbtxt beside numbered version folders', () => {
    for (const name of SHIPPED) {
      const config = readFileSync(join(repo, name, 'config.pbtxt'), 'utf8');
      expect(config).toContain(`name: "${name}"`);
      expect(config).toContain('platform: "onnxruntime_onnx"');
      expect(existsSync(join(repo, name, '1', 'model.onnx'))).toBe(true);
    }
  });

  it('sees the server ready and every model of the repository, with its state', async () => {
    expect(await remote.isReady()).toBe(true);
    const listed = await remote.listModels();
    expect(listed.map((m) => [m.name, m.version, m.ready])).toEqual([
      [ABSENT, '1', false],
      ['intent-banking77', '1', true],
      ['risk-default', '1', true],
    ]);
  });

  it('reads each model signature as the card declares it', async () => {
    for (const name of SHIPPED) {
      const status = await remote.modelStatus(name);
      expect({ ...status, platform: undefined }).toEqual({
        ...(await local.modelStatus(name)),
        platform: undefined,
      });
    }
  });

  it('returns exactly what the in-process engine returns for the shipped models', async () => {
    const rows = 3;
    const risk: NamedTensors = {
      indices: {
        dtype: 'int64',
        dims: [rows, 156],
        data: BigInt64Array.from({ length: rows * 156 }, (_, i) => BigInt(i % 156)),
      },
      values: { dtype: 'float32', dims: [rows, 156], data: Float32Array.from(seeded(rows * 156, 3)) },
    };
    const intent: NamedTensors = {
      indices: {
        dtype: 'int64',
        dims: [2, 5],
        data: BigInt64Array.of(1n, 7n, 99n, 1024n, 5n, 3n, 4n, 5n, 6n, 7n),
      },
      values: { dtype: 'float32', dims: [2, 5], data: Float32Array.from(seeded(10, 11)) },
    };
    for (const [name, inputs] of [
      ['risk-default', risk],
      ['intent-banking77', intent],
    ] as const) {
      const want = await local.infer(name, inputs);
      const got = await remote.infer(name, inputs);
      expect([got.modelName, got.modelVersion]).toEqual([name, '1']);
      for (const [output, t] of Object.entries(want.outputs)) {
        expect(got.outputs[output].dims).toEqual(t.dims);
        expect(Array.from(got.outputs[output].data as Float32Array)).toEqual(
          Array.from(t.data as Float32Array),
        );
      }
    }
  });

  it('maps the server’s protocol errors ({"error"} bodies) to our error codes', async () => {
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: DomainError) => e.code,
      );
    const inputs: NamedTensors = {
      indices: { dtype: 'int64', dims: [1, 1], data: BigInt64Array.of(1n) },
      values: { dtype: 'float32', dims: [1, 1], data: Float32Array.of(1) },
    };
    expect(await codeOf(remote.infer('no-such-model', inputs))).toBe('MODEL_NOT_FOUND');
    expect(await codeOf(remote.infer('risk-default', inputs))).toBe('INVALID_INPUT');
    expect(await codeOf(remote.infer(ABSENT, inputs))).toBe('MODEL_NOT_READY');
    expect(await codeOf(remote.modelStatus('risk-default', '7'))).toBe('MODEL_NOT_FOUND');
  });

  it('unloads and loads a model through the repository extension', async () => {
    await remote.unloadModel('intent-banking77');
    expect((await remote.modelStatus('intent-banking77')).ready).toBe(false);
    await remote.loadModel('intent-banking77');
    expect((await remote.modelStatus('intent-banking77')).ready).toBe(true);
  });

  it('is what openInferenceBackend gives a service pointed at the server, failing at start on a model it cannot serve', async () => {
    const backend: InferenceBackend = await openInferenceBackend(
      { modelsDir: repo, models: { 'risk-default': ['1'] } },
      { baseUrl, apiKey },
    );
    expect(backend).toBeInstanceOf(RemoteInferenceBackend);
    await backend.close();
    await expect(
      openInferenceBackend({ modelsDir: repo, models: { [ABSENT]: ['1'] } }, { baseUrl, apiKey }),
    ).rejects.toThrow(new RegExp(ABSENT));
  });
});
