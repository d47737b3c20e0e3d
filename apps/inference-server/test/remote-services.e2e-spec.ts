// A service pointed at an inference server by INFERENCE_URL: the shipped intent model served by
// apps/inference-server (real AppModule, real socket) answers the service's classifier exactly as the
// in-process engine does; a model the server cannot serve fails at start, naming it.
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openInferenceBackend, RemoteInferenceBackend } from '@suite/inference';
import { loadIntentModel } from '../../customer-service/src/intent/intent-model-loader.js';
import { serveRepository, type ServedRepository } from './serve-repository.js';

const MODEL = 'intent-banking77';
const MESSAGES = [
  'When did you send me my new card?',
  'My card payment was declined at the shop',
  'I want to change my PIN',
  'Why was I charged a fee for the transfer?',
  'how do i top up with apple pay',
];

describe('services over INFERENCE_URL', () => {
  let served: ServedRepository | undefined;
  let baseUrl: string;
  let apiKey: string;

  beforeAll(async () => {
    // The server serves only the intent model (a copy of the shipped folder), which keeps start-up short.
    served = await serveRepository('remote-services', (repo) =>
      cpSync(resolve('models', MODEL), join(repo, MODEL), { recursive: true }),
    );
    ({ key: apiKey, baseUrl } = served);
  });

  afterAll(async () => {
    delete process.env.INFERENCE_URL;
    delete process.env.INFERENCE_API_KEY;
    await served?.close();
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
