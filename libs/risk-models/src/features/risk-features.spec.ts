import type { ApplicantRecord } from '../applicant/applicant-record.js';
import { projectMonotone } from '../training/projected-optimizer.js';
import { RiskFeatureEncoder, wordsOf } from './risk-features.js';

const record = (status: number, limit = 50_000): ApplicantRecord => ({
  creditLimit: limit,
  history: Array.from({ length: 6 }, (_, m) => ({
    repaymentStatus: m === 0 ? status : 0,
    billAmount: 20_000 + 1_000 * m,
    paymentAmount: 1_500,
  })),
});

const training = Array.from({ length: 40 }, (_, i) => record((i % 12) - 2, 10_000 * (i + 1)));

describe('RiskFeatureEncoder', () => {
  const sut = RiskFeatureEncoder.fit(training, { enabled: true, bits: 6 });

  it('fills a fixed width, padding with index 0 and value 0', () => {
    const encoded = sut.encode(record(0));
    expect(encoded.indices).toHaveLength(sut.width);
    expect(encoded.values).toHaveLength(sut.width);
    for (let k = 0; k < sut.width; k++) {
      expect(encoded.indices[k] < sut.inputDim).toBe(true);
      if (encoded.indices[k] === 0) expect(encoded.values[k]).toBe(0);
    }
  });

  it("changes only the latest month's delinquency positions when its status worsens", () => {
    const before = sut.encode(record(1));
    const after = sut.encode(record(3));
    const changed = [...before.indices.keys()].filter(
      (k) => before.indices[k] !== after.indices[k] || before.values[k] !== after.values[k],
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const k of changed) expect(['delinquency-recent', 'delinquency-history']).toContain(after.groups[k]);
  });

  it('counts a non-late status towards usage, not delinquency', () => {
    const groups = (status: number) => {
      const e = sut.encode(record(status));
      return new Set(e.groups.filter((_, k) => e.indices[k] !== 0));
    };
    expect(groups(-1).has('delinquency-recent')).toBe(false);
    expect(groups(2).has('delinquency-recent')).toBe(true);
  });

  it('round-trips through its spec', () => {
    const copy = new RiskFeatureEncoder(JSON.parse(JSON.stringify(sut.spec)));
    expect(copy.encode(record(2))).toEqual(sut.encode(record(2)));
  });

  it("drops the narrative's numbers before hashing its words", () => {
    expect(wordsOf('Utilisation rose from 41 % to 93 % over six months; limit 50,000.')).toBe(
      'Utilisation rose from   to   over six months; limit  ',
    );
  });
});

describe('projectMonotone', () => {
  it('puts weights back into the monotone set', () => {
    const encoder = RiskFeatureEncoder.fit(training, { enabled: false, bits: 6 });
    const weights = Float64Array.from({ length: encoder.inputDim }, (_, i) => Math.sin(i * 7.3));
    projectMonotone(weights, encoder.monotone);
    for (const month of encoder.monotone.months) {
      const [first, ...rest] = month.lateAtLeast;
      for (const i of month.notLate) expect(weights[first]).toBeGreaterThanOrEqual(weights[i]);
      for (const i of rest) expect(weights[i]).toBeGreaterThanOrEqual(0);
    }
    for (const i of encoder.monotone.nonNegative) expect(weights[i]).toBeGreaterThanOrEqual(0);
  });
});
