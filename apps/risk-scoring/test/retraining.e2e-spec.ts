// The loop on real PostgreSQL: score -> outcome -> retrain -> promotion or a recorded refusal, the
// idempotent replay after a promotion, manual rollback (audited), the run records and drift.
import { createHttpApp } from '@suite/platform';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { ChampionSync } from '../src/model-registry/champion-sync.js';
import { RiskModelRegistryService } from '../src/model-registry/risk-model-registry.service.js';
import {
  copyShippedRiskModels,
  mixedDevApplicants,
  type ModelRepositoryCopy,
  scoreRequestOf,
} from './risk-fixtures.js';

const MIN_OUTCOMES = 30;

describe('risk-scoring: score -> outcome -> retrain -> promotion', () => {
  let sut: TestApp;
  let models: ModelRepositoryCopy;
  let client: string;
  let admin: string;

  beforeAll(async () => {
    models = await copyShippedRiskModels();
    sut = await startTestApp(AppModule, HTTP_APP, {
      RISK_MODELS_DIR: models.dir,
      RISK_RETRAIN_CRON: 'off',
      RISK_RETRAIN_MIN_OUTCOMES: String(MIN_OUTCOMES),
      // Gates this test's challenger can pass: the loop is under test here, the gates in their unit test.
      RISK_GATE_AUC_TOLERANCE: '1',
      RISK_GATE_MAX_ECE: '1',
      RISK_GATE_MAX_PSI: '1000',
    });
    client = await sut.createKey('risk', ['risk:score', 'risk:read', 'risk:outcomes']);
    admin = await sut.createKey('risk', ['risk:admin', 'risk:read']);
  });

  afterAll(async () => {
    await sut.close();
    await models.remove();
  });

  const scoreAndLabel = async (count: number, offset: number) => {
    const applicants = (await mixedDevApplicants(offset + count)).slice(offset);
    for (const [i, a] of applicants.entries()) {
      const scored = await request(sut.server)
        .post('/v1/applications/score')
        .set('x-api-key', client)
        .set('idempotency-key', `loop-${offset + i}`)
        .send(scoreRequestOf(a.record));
      expect(scored.status).toBe(201);
      const outcome = await request(sut.server)
        .post('/v1/outcomes')
        .set('x-api-key', client)
        .send({ applicationId: scored.body.applicationId, defaulted: a.label === 1 });
      expect(outcome.status).toBe(201);
    }
  };
  const retrain = () => request(sut.server).post('/v1/models/retrain').set('x-api-key', admin);
  // Also accepted: the JSON object with no options.
  const retrainWithEmptyObject = () =>
    request(sut.server).post('/v1/models/retrain').set('x-api-key', admin).send({});

  it.each([
    ['an empty body declared as JSON', 'application/json', ''],
    ['a JSON body that is not an object', 'application/json', '[]'],
    ['an unknown option', 'application/json', '{"force":true}'],
  ])('refuses %s with a 400 naming the body, and trains nothing', async (_what, type, payload) => {
    const res = await request(sut.server)
      .post('/v1/models/retrain')
      .set('x-api-key', admin)
      .set('content-type', type)
      .send(payload);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(/^body/i);
    const runs = await request(sut.server).get('/v1/models/training-runs').set('x-api-key', admin);
    expect(runs.body).toEqual([]);
  });

  it('records a refusal when the window holds too few outcomes', async () => {
    await scoreAndLabel(10, 0);
    const res = await retrain();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'refused',
      championVersion: '1',
      challengerVersion: null,
      outcomesInWindow: 10,
    });
    expect(res.body.reason).toMatch(/at least 30/);
  });

  it('promotes a challenger that passes the gates, and replays still answer with the old score and version', async () => {
    const before = await request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', client)
      .set('idempotency-key', 'loop-0')
      .send(scoreRequestOf((await mixedDevApplicants(1))[0].record));
    expect(before.body.model.version).toBe('1');

    await scoreAndLabel(30, 10);
    const res = await retrainWithEmptyObject();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'promoted',
      championVersion: '1',
      challengerVersion: '2',
      outcomesInWindow: 40,
    });
    expect(res.body.evaluationRows).toBe(12);
    expect(res.body.championMetrics.auc).toBeGreaterThan(0);
    expect(res.body.challengerMetrics.auc).toBeGreaterThan(0);
    expect(res.body.gates.results.auc.passed).toBe(true);

    const models = await request(sut.server).get('/v1/models').set('x-api-key', admin);
    expect(models.body.champion).toBe('2');
    expect(models.body.versions.find((v: { version: string }) => v.version === '2')).toMatchObject({
      status: 'champion',
      parentVersion: '1',
    });

    const replay = await request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', client)
      .set('idempotency-key', 'loop-0')
      .send(scoreRequestOf((await mixedDevApplicants(1))[0].record));
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.score).toBe(before.body.score);
    expect(replay.body.model.version).toBe('1');

    const fresh = await request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', client)
      .send(scoreRequestOf((await mixedDevApplicants(1))[0].record));
    expect(fresh.body.model.version).toBe('2');
  });

  it('records the next run with no new outcomes as a refusal, keeping the champion', async () => {
    const res = await retrain();
    expect(res.body).toMatchObject({ status: 'refused', championVersion: '2', outcomesInWindow: 0 });
    const runs = await request(sut.server).get('/v1/models/training-runs').set('x-api-key', admin);
    expect(runs.body.map((r: { status: string }) => r.status)).toEqual(['refused', 'promoted', 'refused']);
  });

  it('rolls back by promoting the previous version, and audits it', async () => {
    const res = await request(sut.server).post('/v1/models/1/promote').set('x-api-key', admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'risk-default', champion: '1', previous: '2' });
    const audit = await sut.dataSource.query(
      `SELECT resource_id, outcome FROM platform.audit_log WHERE action = 'model.promote' ORDER BY id`,
    );
    expect(audit).toEqual([
      { resource_id: '2', outcome: 'success' },
      { resource_id: '1', outcome: 'success' },
    ]);
    const missing = await request(sut.server).post('/v1/models/9/promote').set('x-api-key', admin);
    expect(missing.status).toBe(404);
  });

  it('refuses a contradicting outcome and accepts a repeated one', async () => {
    const scored = await request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', client)
      .send(scoreRequestOf((await mixedDevApplicants(1))[0].record));
    const post = (defaulted: boolean) =>
      request(sut.server)
        .post('/v1/outcomes')
        .set('x-api-key', client)
        .send({ applicationId: scored.body.applicationId, defaulted });
    expect((await post(false)).status).toBe(201);
    expect((await post(false)).status).toBe(201);
    const conflict = await post(true);
    expect(conflict.status).toBe(409);
    const unknown = await request(sut.server)
      .post('/v1/outcomes')
      .set('x-api-key', client)
      .send({ applicationId: '6f1c1f7e-1111-4c1c-9c1c-1c1c1c1c1c1c', defaulted: true });
    expect(unknown.status).toBe(404);
  });

  it('reports PSI of the score and of each input with the 0.10 / 0.25 bands', async () => {
    const res = await request(sut.server).get('/v1/monitoring/drift?days=7').set('x-api-key', admin);
    expect(res.status).toBe(200);
    expect(res.body.window.applications).toBeGreaterThan(40);
    // Fewer than the minimum sample: no PSI, a band that says why (driftFigures' unit test covers PSI).
    expect(res.body.window.applications).toBeLessThan(200);
    expect(res.body.minimumApplications).toBe(200);
    expect(res.body.score).toEqual({ psi: null, band: 'insufficient-data' });
    expect(res.body.inputs.map((i: { input: string }) => i.input)).toContain('utilisation_latest');
    expect(res.body.bands).toEqual({
      stable: 'psi < 0.10',
      moderateShift: '0.10 <= psi < 0.25',
      significantShift: 'psi >= 0.25',
      insufficientData: 'fewer than 200 applications',
    });
  });

  it('lets one replica retrain at a time (advisory lock)', async () => {
    const holder = sut.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock('23193449693745742'::bigint)");
      const res = await retrain();
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
    } finally {
      await holder.query("SELECT pg_advisory_unlock('23193449693745742'::bigint)");
      await holder.release();
    }
  });

  it('has a second replica follow a promotion made on the first; in shadow mode it scores with the newer version too', async () => {
    // Same database and model repository, as two replicas behind a load balancer.
    process.env.RISK_SHADOW_MODE = 'true';
    const replica = await createHttpApp(AppModule, HTTP_APP);
    delete process.env.RISK_SHADOW_MODE;
    await replica.init();
    await replica.getHttpAdapter().getInstance().ready();
    try {
      const registry = replica.get(RiskModelRegistryService);
      expect(registry.championVersion()).toBe('1');
      const shadowed = await request(replica.getHttpServer())
        .post('/v1/applications/score')
        .set('x-api-key', client)
        .send(scoreRequestOf((await mixedDevApplicants(1))[0].record));
      expect(shadowed.body.model.version).toBe('1');
      const [row] = await sut.dataSource.query(
        'SELECT shadow_model_version, shadow_probability FROM risk.credit_applications WHERE id = $1',
        [shadowed.body.applicationId],
      );
      expect(row.shadow_model_version).toBe('2');
      expect(row.shadow_probability).toBeGreaterThan(0);

      const promoted = await request(sut.server).post('/v1/models/2/promote').set('x-api-key', admin);
      expect(promoted.status).toBe(200);
      await replica.get(ChampionSync).followPromotedChampion();
      expect(registry.championVersion()).toBe('2');
    } finally {
      await replica.close();
    }
  });
});
