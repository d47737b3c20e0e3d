// Properties of the shipped model (models/risk-default/1) through libs/inference, no database:
// more months late in any month, all else equal, never lowers the probability of default; the served
// graph agrees with the in-process scorecard; and the figures on the card still hold.
import fc from 'fast-check';
import { type ApplicantRecord, HISTORY_MONTHS, monthsLate, readCreditDefaultCsv } from '@suite/risk-models';
import { probabilityOf, readScorecardWeights } from '@suite/risk-models/training';
import { openRiskModel, type OpenedRiskModel } from './risk-model-scorer.js';

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

  // Where the model extrapolates (card extra.extrapolation): no trend is extended past the data.
  it('scores nine or more months late as the largest delay in the training data, and a limit above its range as its largest limit', async () => {
    const { ranges } = sut.scorer.card.extra.extrapolation!;
    expect(ranges.repaymentStatus[1]).toBe(8);
    const worst = ranges.repaymentStatus[1];
    const pair = record.map((r) => ({
      ...r,
      history: r.history.map((m) => (m.repaymentStatus >= worst ? { ...m, repaymentStatus: worst } : m)),
    }));
    await fc.assert(
      fc.asyncProperty(pair, fc.integer({ min: 0, max: HISTORY_MONTHS - 1 }), async (r, m) => {
        const atEdge = {
          ...r,
          history: r.history.map((x, i) => (i === m ? { ...x, repaymentStatus: worst } : x)),
        };
        const beyond = {
          ...r,
          history: r.history.map((x, i) => (i === m ? { ...x, repaymentStatus: 9 } : x)),
        };
        const [a, b] = await sut.scorer.scoreApplicants([atEdge, beyond]);
        expect(Math.abs(a.probability - b.probability)).toBeLessThan(1e-6);
      }),
      { numRuns: 200, seed: 20261203 },
    );
    // An unused account: utilisation is nil whatever the limit, so only the limit differs.
    const unused = (creditLimit: number): ApplicantRecord => ({
      creditLimit,
      history: Array.from({ length: HISTORY_MONTHS }, () => ({
        repaymentStatus: 9,
        billAmount: 0,
        paymentAmount: 0,
      })),
    });
    const [top, huge] = await sut.scorer.scoreApplicants([unused(ranges.creditLimit[1]), unused(1e9)]);
    expect(Math.abs(top.probability - huge.probability)).toBeLessThan(1e-6);
  });

  it('states on its card where it extrapolates, with the default rates of the extreme segments', () => {
    const extremes = (sut.scorer.card.metrics as { extremes: { segment: string; trainRows: number }[] })
      .extremes;
    expect(extremes.find((s) => s.segment === 'any month 9 (nine or more) months late')?.trainRows).toBe(0);
    expect(sut.scorer.card.extra.extrapolation?.note).toMatch(/months late above 8 score as 8/);
  });
});
