// A model file corrupted on disk between versions: the version that serves keeps serving. Through the
// real risk-scoring service (libs/inference's registry underneath) on a scratch copy of models/:
// a newer version whose file does not match its card's sha256, a newer version whose file is not a
// valid ONNX graph (sha256 consistent, so it reaches onnxruntime), and the serving version's own file
// corrupted and reloaded, while scoring requests are in flight.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { HTTP_APP } from '../../apps/risk-scoring/src/app.definition.js';
import { AppModule } from '../../apps/risk-scoring/src/app.module.js';
import { RiskModelRegistryService } from '../../apps/risk-scoring/src/model-registry/risk-model-registry.service.js';
import { APPLICATION } from '../support/risk-application.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MODEL = 'risk-default';

function writeVersion(root: string, version: string, onnx: Buffer, cardSha256?: string): void {
  const dir = join(root, MODEL, version);
  cpSync(join(root, MODEL, '1'), dir, { recursive: true });
  const card = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  card.version = version;
  card.sha256 = cardSha256 ?? createHash('sha256').update(onnx).digest('hex');
  writeFileSync(join(dir, 'model.json'), JSON.stringify(card, null, 2));
  writeFileSync(join(dir, 'model.onnx'), onnx);
}

describe('a model file corrupted on disk', () => {
  let root: string;
  let sut: TestApp;
  let key: string;
  let good: Buffer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'suite-models-'));
    cpSync(join('models', MODEL, '1'), join(root, MODEL, '1'), { recursive: true });
    good = readFileSync(join(root, MODEL, '1', 'model.onnx'));
    // Version 2 on disk before boot: bytes flipped, the card still names the good file's sha256.
    const flipped = Buffer.from(good);
    for (let i = 16; i < flipped.length; i += 97) flipped[i] ^= 0xff;
    writeVersion(root, '2', flipped, createHash('sha256').update(good).digest('hex'));
    sut = await startTestApp(AppModule, HTTP_APP, { RISK_MODELS_DIR: root, RISK_RETRAIN_CRON: 'off' });
    key = await sut.createKey('risk', ['risk:score', 'risk:read', 'risk:admin']);
  });

  afterAll(async () => {
    await sut?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const score = () =>
    request(sut.server).post('/v1/applications/score').set('x-api-key', key).send(APPLICATION);

  it('boots ready on the previous version, the corrupted one listed as not ready with the reason', async () => {
    expect((await request(sut.server).get('/health/ready')).status).toBe(200);
    const scored = await score();
    expect(scored.status).toBe(201);
    expect(scored.body.model).toEqual({ name: MODEL, version: '1' });
    const models = await request(sut.server).get('/v1/models').set('x-api-key', key);
    const listed = JSON.stringify(models.body);
    expect(models.status).toBe(200);
    expect(listed).toMatch(/sha256 mismatch/);
  });

  it('refuses to promote the corrupted version; the previous one keeps serving', async () => {
    const promoted = await request(sut.server).post('/v1/models/2/promote').set('x-api-key', key).send({});
    expect(promoted.status).toBe(503);
    expect(promoted.body.code).toBe('MODEL_NOT_READY');
    expect((await score()).body.model.version).toBe('1');
  });

  it('keeps serving while a truncated (invalid ONNX) version is loaded next to it', async () => {
    writeVersion(root, '3', good.subarray(0, Math.floor(good.length / 2)));
    const registry = sut.app.get(RiskModelRegistryService);
    const inFlight = Array.from({ length: 20 }, () => score());
    await expect(registry.registerVersion('3')).rejects.toMatchObject({ code: 'MODEL_NOT_READY' });
    const replies = await Promise.all(inFlight);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.model.version))).toEqual(new Set(['1']));
  });

  it("keeps the serving version's loaded session when its own file is corrupted and reloaded", async () => {
    writeFileSync(join(root, MODEL, '1', 'model.onnx'), Buffer.from('not an onnx graph'));
    const registry = sut.app.get(RiskModelRegistryService);
    const inFlight = Array.from({ length: 20 }, () => score());
    // The reload fails; the version that was ready stays ready with its previous session.
    await registry.registerVersion('1').catch(() => undefined);
    const replies = await Promise.all([...inFlight, score()]);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.model.version))).toEqual(new Set(['1']));
    expect((await request(sut.server).get('/health/ready')).status).toBe(200);
  });
});
