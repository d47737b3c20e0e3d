import { type ApplicantRecord, RiskFeatureEncoder, type ScorecardWeights } from '@suite/risk-models';
import { judgeChallenger, type LabelledRecord, splitWindow, trainChallenger } from './champion-challenger.js';

// A toy population whose risk is the latest month's delay: late accounts default, others do not.
const applicant = (status: number, i: number): ApplicantRecord => ({
  creditLimit: 20_000 + 5_000 * (i % 7),
  history: Array.from({ length: 6 }, (_, m) => ({
    repaymentStatus: m === 0 ? status : 0,
    billAmount: 5_000 + 700 * ((i + m) % 9),
    paymentAmount: 300 + 50 * (i % 5),
  })),
});
const window: LabelledRecord[] = Array.from({ length: 120 }, (_, i) => {
  const late = i % 3 === 0;
  return { record: applicant(late ? 1 + (i % 2) : -1 + (i % 2), i), label: late ? 1 : 0 };
});
const encoder = RiskFeatureEncoder.fit(
  window.map((r) => r.record),
  { enabled: false, bits: 6 },
);
const zeros = (): ScorecardWeights => ({
  weights: new Float32Array(encoder.inputDim),
  bias: 0,
  width: encoder.width,
});
const gates = { aucTolerance: 0.005, maxEce: 0.2, maxPsi: 0.25 };

describe('champion/challenger', () => {
  it('keeps the most recent 30 % of the window for the out-of-time comparison', () => {
    const { training, evaluation } = splitWindow(window);
    expect(evaluation).toHaveLength(36);
    expect(training).toHaveLength(84);
    expect(evaluation[0]).toBe(window[84]);
  });

  it('trains a challenger from a warm start that beats an uninformed champion, and promotes it', () => {
    const challenger = trainChallenger(encoder, zeros(), { window, replayFit: [], replayCalibration: [] }, 7);
    const sut = judgeChallenger(encoder, zeros(), challenger.weights, challenger.evaluation, gates);
    expect(sut.challenger.auc).toBeGreaterThan(0.9);
    expect(sut.champion.auc).toBe(0.5);
    expect(sut.promote).toBe(true);
    expect(sut.reasons).toEqual([]);
  });

  it('refuses a challenger that ranks worse than the champion, saying why', () => {
    const good = trainChallenger(
      encoder,
      zeros(),
      { window, replayFit: [], replayCalibration: [] },
      7,
    ).weights;
    const { evaluation } = splitWindow(window);
    const sut = judgeChallenger(encoder, good, zeros(), evaluation, { ...gates, maxEce: 1, maxPsi: 1000 });
    expect(sut.promote).toBe(false);
    expect(sut.results.auc.passed).toBe(false);
    expect(sut.reasons[0]).toMatch(/^AUC 0\.5000 is more than 0\.005 below the champion's/);
  });

  it('refuses a miscalibrated challenger even when it ranks as well', () => {
    const good = trainChallenger(
      encoder,
      zeros(),
      { window, replayFit: [], replayCalibration: [] },
      7,
    ).weights;
    const shifted = { ...good, bias: good.bias + 3 };
    const sut = judgeChallenger(encoder, good, shifted, splitWindow(window).evaluation, {
      ...gates,
      maxPsi: 1000,
    });
    expect(sut.results.auc.passed).toBe(true);
    expect(sut.results.ece.passed).toBe(false);
    expect(sut.promote).toBe(false);
  });
});
