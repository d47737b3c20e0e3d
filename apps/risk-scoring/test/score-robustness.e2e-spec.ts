// fast-check: whatever a caller sends to /v1/applications/score, the answer is never a 5xx. Inputs
// range from arbitrary JSON to near-valid applications with extreme or wrongly typed values.
import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HTTP_APP } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

const anyNumber = fc.oneof(
  fc.integer({ min: -3, max: 10 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e9, 1e9 + 1, -1e9, 1e-9, Number.MAX_SAFE_INTEGER, 0.125, 123.45),
);
const anyValue = fc.oneof(
  anyNumber,
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyNumber, { maxLength: 3 }),
);
const month = fc.record(
  {
    repaymentStatus: fc.oneof(fc.integer({ min: -2, max: 9 }), anyValue),
    billAmount: fc.oneof(fc.integer({ min: -200_000, max: 2_000_000 }), anyValue),
    paymentAmount: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), anyValue),
  },
  { requiredKeys: [] },
);
const application = fc.record(
  {
    creditLimit: fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), anyValue),
    age: fc.oneof(fc.integer({ min: 0, max: 130 }), anyValue),
    education: fc.oneof(
      fc.constantFrom('graduate_school', 'university', 'high_school', 'other', 'phd'),
      anyValue,
    ),
    sex: fc.oneof(fc.constantFrom('female', 'male', 'x'), anyValue),
    maritalStatus: fc.oneof(fc.constantFrom('married', 'single', 'other'), anyValue),
    externalReference: fc.oneof(fc.string({ maxLength: 80 }), anyValue),
    history: fc.oneof(
      fc.array(month, { minLength: 6, maxLength: 6 }),
      fc.array(month, { maxLength: 8 }),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);
// Valid applications at the edges of their ranges: they must score (201), whatever the combination.
const validApplication = fc.record({
  creditLimit: fc.oneof(
    fc.integer({ min: 1, max: 1_000_000_000 }),
    fc.double({ min: 1, max: 1e9, noNaN: true }),
  ),
  age: fc.integer({ min: 18, max: 120 }),
  history: fc.array(
    fc.record({
      repaymentStatus: fc.integer({ min: -2, max: 9 }),
      billAmount: fc.oneof(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.constantFrom(0, 1e-9, -1e-9),
      ),
      paymentAmount: fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom(0, 1e-9)),
    }),
    { minLength: 6, maxLength: 6 },
  ),
});
const body = fc.oneof(
  { weight: 3, arbitrary: validApplication },
  { weight: 6, arbitrary: application },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 4 }) },
);

describe('risk-scoring: no input to /v1/applications/score yields a 5xx', () => {
  let sut: TestApp;
  let key: string;

  beforeAll(async () => {
    sut = await startTestApp(AppModule, HTTP_APP, { RISK_MODELS_DIR: 'models', RISK_RETRAIN_CRON: 'off' });
    key = await sut.createKey('risk', ['risk:score']);
  });

  afterAll(() => sut.close());

  it('answers 201 or a 4xx with an error code for any body', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await request(sut.server)
          .post('/v1/applications/score')
          .set('x-api-key', key)
          .set('content-type', 'application/json')
          .send(JSON.stringify(payload));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        if (res.status !== 201) expect(typeof res.body.code).toBe('string');
      }),
      { numRuns: 300, seed: 20261128 },
    );
    // The generator must reach both sides, or the property proved little.
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });

  it('scores every valid application, even at the edges of the ranges', async () => {
    await fc.assert(
      fc.asyncProperty(validApplication, async (payload) => {
        const res = await request(sut.server)
          .post('/v1/applications/score')
          .set('x-api-key', key)
          .send(payload);
        expect(res.status).toBe(201);
        expect(res.body.probabilityOfDefault).toBeGreaterThanOrEqual(0);
        expect(res.body.probabilityOfDefault).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100, seed: 20261129 },
    );
  });
});
