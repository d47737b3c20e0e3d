// Scoring over the real HTTP stack and PostgreSQL: the stored application, field-level validation,
// scopes, and the idempotent replay.
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';
import { REASON_CATALOGUE } from '../src/scoring/reason-codes.js';
import { mixedDevApplicants, scoreRequestOf } from './risk-fixtures.js';

describe('risk-scoring: POST /v1/applications/score', () => {
  let sut: TestApp;
  let scorer: string;
  let reader: string;
  let body: Record<string, unknown>;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, { RISK_MODELS_DIR: 'models', RISK_RETRAIN_CRON: 'off' });
    scorer = await sut.createKey('risk', ['risk:score']);
    reader = await sut.createKey('risk', ['risk:read']);
    const [applicant] = await mixedDevApplicants(2).then((a) => a.slice(1));
    body = scoreRequestOf(applicant.record, { externalReference: 'app-0001', education: 'university' });
  });

  afterAll(() => sut.close());

  const score = (payload: unknown, key = scorer) =>
    request(sut.server)
      .post('/v1/applications/score')
      .set('x-api-key', key)
      .send(payload as object);

  it('returns a calibrated probability, score, band, reasons and narrative, and stores them', async () => {
    const res = await score(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      externalReference: 'app-0001',
      model: { name: 'risk-default', version: '1' },
      decision: expect.stringMatching(/^(approve|review|decline)$/),
    });
    expect(res.body.probabilityOfDefault).toBeGreaterThan(0);
    expect(res.body.probabilityOfDefault).toBeLessThan(1);
    expect(Number.isInteger(res.body.score)).toBe(true);
    expect(res.body.reasons.length).toBeLessThanOrEqual(4);
    for (const reason of res.body.reasons) {
      expect(REASON_CATALOGUE[reason.code as keyof typeof REASON_CATALOGUE]).toBe(reason.text);
      expect(reason.impact).toBeGreaterThan(0);
    }
    expect(res.body.narrative).toMatch(/^Credit limit /);

    const stored = await request(sut.server)
      .get(`/v1/applications/${res.body.applicationId}`)
      .set('x-api-key', reader);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      applicationId: res.body.applicationId,
      score: res.body.score,
      model: { version: '1' },
      applicant: { creditLimit: body.creditLimit },
      outcome: null,
    });
    expect(stored.body.reasons).toEqual(res.body.reasons);
  });

  it('gives the same answer to a replay with the same Idempotency-Key, and stores one application', async () => {
    const first = await score(body).set('idempotency-key', 'score-replay-1');
    const second = await score(body).set('idempotency-key', 'score-replay-1');
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const [{ n }] = await sut.dataSource.query(
      'SELECT count(*)::int AS n FROM risk.credit_applications WHERE id = $1',
      [first.body.applicationId],
    );
    expect(n).toBe(1);
  });

  it.each([
    ['a negative credit limit', { creditLimit: -5 }, 'creditLimit'],
    ['a negative payment', { history: 'negative-payment' }, 'history.2.paymentAmount'],
    ['an impossible age', { age: 7 }, 'age'],
    ['an age that is not a whole number', { age: 35.5 }, 'age'],
    ['an unknown education category', { education: 'phd' }, 'education'],
    ['an unknown repayment status', { history: 'bad-status' }, 'history.0.repaymentStatus'],
    ['five months of history', { history: 'short' }, 'history'],
    ['an unknown field (counted on the body, not named)', { income: 1000 }, 'body'],
  ])('rejects %s with a field-level 400', async (_what, change: Record<string, unknown>, field) => {
    const history = body.history as Record<string, number>[];
    const patched: Record<string, unknown> = { ...body, ...change };
    if (change.history === 'negative-payment')
      patched.history = history.map((m, i) => (i === 2 ? { ...m, paymentAmount: -1 } : m));
    if (change.history === 'bad-status')
      patched.history = history.map((m, i) => (i === 0 ? { ...m, repaymentStatus: 12 } : m));
    if (change.history === 'short') patched.history = history.slice(0, 5);
    const res = await score(patched);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('gives an unused account and a paid-in-full account on a high limit only reasons true of them', async () => {
    const unused = await score({
      creditLimit: 50_000,
      history: Array.from({ length: 6 }, () => ({ repaymentStatus: -2, billAmount: 0, paymentAmount: 0 })),
    });
    expect(unused.status).toBe(201);
    const unusedCodes = unused.body.reasons.map((r: { code: string }) => r.code);
    for (const code of ['RC03', 'RC05', 'RC09']) expect(unusedCodes).not.toContain(code);
    const paidInFull = await score({
      creditLimit: 500_000,
      history: Array.from({ length: 6 }, () => ({
        repaymentStatus: -1,
        billAmount: 8_000,
        paymentAmount: 8_000,
      })),
    });
    expect(paidInFull.body.narrative).toContain('Payments covered the balance in full');
    expect(paidInFull.body.reasons.map((r: { code: string }) => r.code)).not.toContain('RC05');
  });

  it('names every missing required field', async () => {
    const res = await score({});
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['creditLimit', 'history']);
  });

  it('scores without age, sex, education or marital status exactly as with them, and fairness monitoring counts them missing', async () => {
    const fairness = async () => {
      const res = await request(sut.server).get('/v1/monitoring/fairness?days=1').set('x-api-key', reader);
      expect(res.status).toBe(200);
      return res.body as {
        window: { applications: number };
        attributes: { attribute: string; provided: number; missing: number; groups: { group: string }[] }[];
      };
    };
    const before = await fairness();
    const withThem = await score({ ...body, sex: 'female', maritalStatus: 'single' });
    const { age: _age, education: _education, ...bare } = body;
    const without = await score(bare);
    expect(without.status).toBe(201);
    expect(withThem.status).toBe(201);
    expect(without.body.probabilityOfDefault).toBe(withThem.body.probabilityOfDefault);
    expect(without.body.reasons).toEqual(withThem.body.reasons);
    const after = await fairness();
    expect(after.window.applications).toBe(before.window.applications + 2);
    const delta = (attribute: string) => {
      const [a, b] = [after, before].map((r) => r.attributes.find((x) => x.attribute === attribute)!);
      return { provided: a.provided - b.provided, missing: a.missing - b.missing };
    };
    expect(delta('age')).toEqual({ provided: 1, missing: 1 });
    expect(delta('sex')).toEqual({ provided: 1, missing: 1 });
    expect(delta('education')).toEqual({ provided: 1, missing: 1 });
    expect(delta('maritalStatus')).toEqual({ provided: 1, missing: 1 });
    const age = after.attributes.find((x) => x.attribute === 'age')!;
    expect(age.groups.map((g) => g.group)).toContain('35-44');
  });

  it('refuses a key without the risk:score scope', async () => {
    const res = await score(body, reader);
    expect(res.status).toBe(403);
  });

  it('answers 404 for an application that does not exist', async () => {
    const res = await request(sut.server)
      .get('/v1/applications/6f1c1f7e-1111-4c1c-9c1c-1c1c1c1c1c1c')
      .set('x-api-key', reader);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
