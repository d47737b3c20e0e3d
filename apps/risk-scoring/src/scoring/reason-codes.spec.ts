import { deriveAccountFacts, type ReasonGroup } from '@suite/risk-models';
import { adverseActionReasons, REASON_CATALOGUE } from './reason-codes.js';

const contributions = (values: Partial<Record<ReasonGroup, number>>): Record<ReasonGroup, number> => ({
  'delinquency-recent': 0,
  'delinquency-history': 0,
  utilisation: 0,
  'utilisation-trend': 0,
  payments: 0,
  balance: 0,
  limit: 0,
  activity: 0,
  ...values,
});

// Latest payment one month late, utilisation 90 % and rising from 40 %, small payments, a low limit.
const facts = deriveAccountFacts({
  creditLimit: 10_000,
  history: Array.from({ length: 6 }, (_, m) => ({
    repaymentStatus: m === 0 ? 1 : 0,
    billAmount: 9_000 - 1_000 * m,
    paymentAmount: 100,
  })),
});
const unused = deriveAccountFacts({
  creditLimit: 50_000,
  history: Array.from({ length: 6 }, () => ({ repaymentStatus: -2, billAmount: 0, paymentAmount: 0 })),
});
const references = { balanceMean: 20_000, utilisationTrend: 0 };

describe('adverseActionReasons', () => {
  it('ranks the groups above their baseline, largest first, at most four', () => {
    const sut = adverseActionReasons(
      contributions({
        'delinquency-recent': 1.2,
        utilisation: 0.4,
        payments: 0.3,
        limit: 0.2,
        activity: 0.15,
        balance: -1,
      }),
      { utilisation: 0.1 },
      facts,
      references,
    );
    expect(sut.map((r) => r.code)).toEqual(['RC01', 'RC03', 'RC05', 'RC07']);
    expect(sut[1]).toEqual({ code: 'RC03', text: REASON_CATALOGUE.RC03, impact: 0.3 });
  });

  it('gives no reason below the noise floor', () => {
    expect(adverseActionReasons(contributions({ limit: 0.005 }), {}, facts, references)).toEqual([]);
  });

  it("words two-sided factors on the applicant's side", () => {
    const sut = adverseActionReasons(
      contributions({ balance: 0.5, 'utilisation-trend': 0.4 }),
      {},
      facts,
      references,
    );
    // This applicant's balance (mean 6,500) is below the median, and utilisation rose (0.5 >= 0.1).
    // RC09 (low balance) would contradict RC03, but RC03 is not among the contributions here.
    expect(sut.map((r) => r.code)).toEqual(['RC09', 'RC04']);
    const lower = adverseActionReasons(contributions({ balance: 0.5, 'utilisation-trend': 0.4 }), {}, facts, {
      balanceMean: 1_000,
      utilisationTrend: 0.9,
    });
    expect(lower.map((r) => r.code)).toEqual(['RC06', 'RC04']);
  });

  it('keeps the larger of two contradictory reasons', () => {
    const sut = adverseActionReasons(
      contributions({ utilisation: 0.3, balance: 0.6 }),
      {},
      facts,
      references,
    );
    expect(sut.map((r) => r.code)).toEqual(['RC09']);
  });

  it('never gives a reason whose precondition fails', () => {
    // Paid on time: no delinquency reason however large the contribution.
    const onTime = deriveAccountFacts({
      creditLimit: 500_000,
      history: Array.from({ length: 6 }, () => ({
        repaymentStatus: -1,
        billAmount: 1_000,
        paymentAmount: 1_000,
      })),
    });
    const sut = adverseActionReasons(
      contributions({ 'delinquency-recent': 1, payments: 0.8, limit: 0.5, utilisation: 0.4 }),
      {},
      onTime,
      references,
    );
    // Paid in full (no RC05), limit "very high" (no RC07), utilisation 0.2 % is little use (RC08).
    expect(sut.map((r) => r.code)).toEqual(['RC08']);
  });

  it('reports an unused account as little or no use, once, summing the groups that say so', () => {
    const sut = adverseActionReasons(
      contributions({ utilisation: 0.2, activity: 0.1, balance: 0.05, payments: 0.4 }),
      {},
      unused,
      references,
    );
    expect(sut).toEqual([{ code: 'RC08', text: REASON_CATALOGUE.RC08, impact: 0.35 }]);
  });
});
