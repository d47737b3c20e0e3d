import { deriveAccountFacts } from '../applicant/account-facts.js';
import type { ReasonGroup } from '../features/reason-group.js';
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

const facts = deriveAccountFacts({
  creditLimit: 10_000,
  history: Array.from({ length: 6 }, (_, m) => ({
    repaymentStatus: 0,
    billAmount: 9_000 - 1_000 * m,
    paymentAmount: 100,
  })),
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

  it("words two-sided factors on the applicant's side of the training median", () => {
    const sut = adverseActionReasons(
      contributions({ balance: 0.5, 'utilisation-trend': 0.4 }),
      {},
      facts,
      references,
    );
    // This applicant's balance (mean 6,500) is below the median, and utilisation rose (0.4 > 0).
    expect(sut.map((r) => r.code)).toEqual(['RC09', 'RC04']);
    const lower = adverseActionReasons(contributions({ balance: 0.5, 'utilisation-trend': 0.4 }), {}, facts, {
      balanceMean: 1_000,
      utilisationTrend: 0.9,
    });
    expect(lower.map((r) => r.code)).toEqual(['RC06', 'RC10']);
  });
});
