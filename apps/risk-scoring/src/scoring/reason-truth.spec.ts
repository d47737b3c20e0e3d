// Every adverse-action reason the shipped model gives is true of the applicant: over random applicants
// (with the accounts that broke it before: unused, and paid in full on a very high limit), scored by
// the real model through libs/inference, the reasons are a subset of the codes whose preconditions
// hold, no two contradict each other, and each agrees with what the narrative says in words.
import fc from 'fast-check';
import { type ApplicantRecord, HISTORY_MONTHS } from '@suite/risk-models';
import { openRiskModel, type OpenedRiskModel } from '../model-registry/risk-model-scorer.js';
import { adverseActionReasons, type ReasonCode } from './reason-codes.js';
import { contradicts, reasonHolds } from './reason-preconditions.js';

const months = <T>(arb: fc.Arbitrary<T>) =>
  fc.array(arb, { minLength: HISTORY_MONTHS, maxLength: HISTORY_MONTHS });

const anyApplicant: fc.Arbitrary<ApplicantRecord> = fc.record({
  creditLimit: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(10_000, 500_000, 1e9)),
  history: months(
    fc.record({
      repaymentStatus: fc.integer({ min: -2, max: 9 }),
      billAmount: fc.oneof(fc.integer({ min: -100_000, max: 1_500_000 }), fc.constant(0)),
      paymentAmount: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constant(0)),
    }),
  ),
});
const unusedAccount: fc.Arbitrary<ApplicantRecord> = fc.record({
  creditLimit: fc.integer({ min: 10_000, max: 1_000_000 }),
  history: months(fc.constant({ repaymentStatus: -2, billAmount: 0, paymentAmount: 0 })),
});
// Each month pays the previous statement in full (status -1).
const paidInFull: fc.Arbitrary<ApplicantRecord> = fc
  .record({
    creditLimit: fc.integer({ min: 100_000, max: 1_000_000 }),
    bills: months(fc.integer({ min: 0, max: 60_000 })),
  })
  .map(({ creditLimit, bills }) => ({
    creditLimit,
    history: bills.map((bill, m) => ({
      repaymentStatus: -1,
      billAmount: bill,
      paymentAmount: m + 1 < HISTORY_MONTHS ? bills[m + 1] : 0,
    })),
  }));

// What the narrative must say, in its own words, for each reason (RC06/RC09 speak of the balance,
// which the narrative does not describe; their preconditions are checked on the facts).
const NARRATIVE_AGREES: Partial<Record<ReasonCode, RegExp>> = {
  RC01: /the latest payment is \w+ months? late/,
  RC02: /payments? (was|were) late in the last six months/,
  RC03: /Utilisation is (high|at the limit|over the limit)/,
  RC04: /Utilisation rose/,
  RC05: /Payments covered (nothing|little of the balance|part of the balance)|Nothing was paid in/,
  RC07: /Credit limit [\d,]+ \(low\)/,
  RC08: /not used in the last six months|Utilisation is (nil|low) at [0-4] %/,
  RC10: /Utilisation (fell|was steady)|not used in the last six months/,
};

describe('adverse-action reasons of the shipped model', () => {
  let model: OpenedRiskModel;

  beforeAll(async () => {
    model = await openRiskModel({
      modelsDir: 'models',
      version: '1',
      logger: { log: () => {}, warn: () => {} },
    });
  });

  afterAll(() => model.close());

  it('are true of the applicant, never contradict each other, and agree with the narrative', async () => {
    const { reasonBaselines, reasonReferences } = model.scorer.card.extra;
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyApplicant, unusedAccount, paidInFull), async (applicant) => {
        const [scored] = await model.scorer.scoreApplicants([applicant]);
        const sut = adverseActionReasons(
          scored.groupContributions,
          reasonBaselines,
          scored.facts,
          reasonReferences,
        ).map((r) => r.code);
        for (const code of sut) {
          expect({ code, holds: reasonHolds(code, scored.facts, reasonReferences) }).toEqual({
            code,
            holds: true,
          });
          const words = NARRATIVE_AGREES[code];
          if (words)
            expect({ code, narrative: scored.narrative.text }).toEqual({
              code,
              narrative: expect.stringMatching(words),
            });
        }
        for (const a of sut)
          for (const b of sut)
            expect({ a, b, contradicts: contradicts(a, b) }).toEqual({ a, b, contradicts: false });
        expect(new Set(sut).size).toBe(sut.length);
      }),
      { numRuns: 400, seed: 20261203 },
    );
  });

  it('give an unused account no utilisation, balance or payment reasons', async () => {
    const unused: ApplicantRecord = {
      creditLimit: 50_000,
      history: Array.from({ length: HISTORY_MONTHS }, () => ({
        repaymentStatus: -2,
        billAmount: 0,
        paymentAmount: 0,
      })),
    };
    const [scored] = await model.scorer.scoreApplicants([unused]);
    const { reasonBaselines, reasonReferences } = model.scorer.card.extra;
    const codes = adverseActionReasons(
      scored.groupContributions,
      reasonBaselines,
      scored.facts,
      reasonReferences,
    ).map((r) => r.code);
    expect(codes).not.toContain('RC03');
    expect(codes).not.toContain('RC05');
    expect(codes).not.toContain('RC09');
  });
});
