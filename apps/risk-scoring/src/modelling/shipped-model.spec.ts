// Properties of the shipped model (models/risk-default/1) through libs/inference, no database:
// more months late in any month, all else equal, never lowers the probability of default; the served
// graph agrees with the in-process scorecard; and the figures on the card still hold.
import fc from 'fast-check';
import { type ApplicantRecord, HISTORY_MONTHS, monthsLate } from '../applicant/applicant-record.js';
import { readCreditDefaultCsv } from '../applicant/credit-default-csv.js';
import { probabilityOf } from './risk-model-training.js';
import { openRiskModel, type OpenedRiskModel } from './risk-model-scorer.js';
import { readScorecardWeights } from './scorecard-weights.js';

const record = fc.record({
  creditLimit: fc.integer({ min: 1, max: 1_000_000 }),
  history: fc.array(
    fc.record({
      repaymentStatus: fc.integer({ min: -2, max: 9 }),
      billAmount: fc.integer({ min: -100_000, max: 1_500_000 }),
      paymentAmount: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    { minLength: HISTORY_MONTHS, maxLength: HISTORY_MONTHS },
  ),
});

/** A status with strictly more months late than `status` (1..9). */
const laterStatus = (status: number) => fc.integer({ min: Math.max(1, monthsLate(status) + 1), max: 9 });

describe('the shipped risk model', () => {
  let sut: OpenedRiskModel;

  beforeAll(async () => {
    sut = await openRiskModel({
      modelsDir: 'models',
      version: '1',
      logger: { log: () => {}, warn: () => {} },
    });
  });

  afterAll(() => sut.close());

  it('never lowers the probability of default when a month gets more months late', async () => {
    const pair = record
      .chain((r) => fc.tuple(fc.constant(r), fc.integer({ min: 0, max: HISTORY_MONTHS - 1 })))
      .filter(([r, m]) => monthsLate(r.history[m].repaymentStatus) < 9)
      .chain(([r, m]) => fc.tuple(fc.constant(r), fc.constant(m), laterStatus(r.history[m].repaymentStatus)));
    await fc.assert(
      fc.asyncProperty(pair, async ([r, m, later]) => {
        const worse: ApplicantRecord = {
          ...r,
          history: r.history.map((month, i) => (i === m ? { ...month, repaymentStatus: later } : month)),
        };
        const [before, after] = await sut.scorer.scoreApplicants([r, worse]);
        expect(after.probability).toBeGreaterThanOrEqual(before.probability);
      }),
      { numRuns: 500, seed: 20261128 },
    );
  });

  it('raises the probability for a clean account that becomes three months late (sanity of direction)', async () => {
    const clean: ApplicantRecord = {
      creditLimit: 50_000,
      history: Array.from({ length: HISTORY_MONTHS }, () => ({
        repaymentStatus: 0,
        billAmount: 20_000,
        paymentAmount: 1_500,
      })),
    };
    const late = {
      ...clean,
      history: clean.history.map((m, i) => (i === 0 ? { ...m, repaymentStatus: 3 } : m)),
    };
    const [a, b] = await sut.scorer.scoreApplicants([clean, late]);
    expect(b.probability).toBeGreaterThan(a.probability + 0.1);
  });

  it('serves through the engine what the scorecard computes in process (atol 1e-5)', async () => {
    const rows = (await readCreditDefaultCsv({ path: 'data/credit-default/dev.csv' })).slice(0, 200);
    const weights = await readScorecardWeights('models', 'risk-default', '1', sut.scorer.card.extra.width);
    const served = await sut.scorer.scoreApplicants(rows.map((r) => r.record));
    rows.forEach((r, i) => {
      const e = sut.scorer.encoder.encode(r.record);
      expect(Math.abs(served[i].probability - probabilityOf(weights, e.indices, e.values))).toBeLessThan(
        1e-5,
      );
    });
  });

  it('carries teacher and student figures on its card, the student within 98 % of the teacher', () => {
    const metrics = sut.scorer.card.metrics as {
      auc: number;
      studentToTeacherAuc: number;
      student: { withEnrichment: { auc: number }; withoutEnrichment: { auc: number } };
    };
    expect(metrics.auc).toBeGreaterThanOrEqual(0.77);
    expect(metrics.studentToTeacherAuc).toBeGreaterThanOrEqual(0.98);
    expect(metrics.student.withoutEnrichment.auc).toBeGreaterThan(0.5);
  });
});
