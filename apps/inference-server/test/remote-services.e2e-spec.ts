// A service pointed at an inference server by INFERENCE_URL: the shipped intent model served by
// apps/inference-server (real AppModule, real socket) answers the service's classifier exactly as the
// in-process engine does; a model the server cannot serve fails at start, naming it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INFERENCE_SCOPE, openInferenceBackend, RemoteInferenceBackend } from '@suite/inference';
import { loadIntentModel } from '../../customer-service/src/intent/intent-model-loader.js';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const MODEL = 'intent-banking77';
const MESSAGES = [
  'When did you send me my new card?',
  'My card payment was declined at the shop',
  'I want to change my PIN',
  'Why was I charged a fee for the transfer?',
  'how do i top up with apple pay',
];

describe('services over INFERENCE_URL', () => {
  let modelsDir: string;
  let server: TestApp;
  let baseUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    // The server serves only the intent model (a copy of the shipped folder), which keeps start-up short.
    modelsDir = mkdtempSync(join(tmpdir(), 'remote-services-'));
    cpSync(resolve('models', MODEL), join(modelsDir, MODEL), { recursive: true });
    server = await startTestApp(AppModule, HTTP_APP, {
      MODELS_DIR: modelsDir,
      INFERENCE_WORKERS: '1',
      INFERENCE_INTRA_OP_THREADS: '1',
    });
    apiKey = await server.createKey(SERVICE, [INFERENCE_SCOPE]);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    delete process.env.INFERENCE_URL;
    delete process.env.INFERENCE_API_KEY;
    await server?.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('gives the intent classifier the same answers as the in-process engine', async () => {
    const local = await loadIntentModel({ modelsDir: 'models', name: MODEL });
    process.env.INFERENCE_URL = baseUrl;
    process.env.INFERENCE_API_KEY = apiKey;
    const remote = await loadIntentModel({ modelsDir: 'models', name: MODEL }).finally(() => {
      delete process.env.INFERENCE_URL;
      delete process.env.INFERENCE_API_KEY;
    });
    try {
      expect(remote.backend).toBeInstanceOf(RemoteInferenceBackend);
      const expected = await local.classifier.rankIntentsOfMany(MESSAGES);
      const got = await remote.classifier.rankIntentsOfMany(MESSAGES);
      expect(got.map((r) => r.map((s) => s.intent))).toEqual(expected.map((r) => r.map((s) => s.intent)));
      got.flat().forEach((s, i) => expect(s.probability).toBeCloseTo(expected.flat()[i].probability, 6));
    } finally {
      await local.close();
      await remote.close();
    }
  });

  it('refuses to start on a model the server does not serve, naming it', async () => {
    await expect(
      openInferenceBackend({ modelsDir: 'models', models: { bc5cdr: ['1'] } }, { baseUrl, apiKey }),
    ).rejects.toThrow(/bc5cdr/);
  });
});
