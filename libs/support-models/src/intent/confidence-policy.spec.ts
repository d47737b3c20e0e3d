import {
  isCloseCall,
  pairProbabilityForPrecision,
  thresholdForPrecision,
  type ScoredExample,
} from './confidence-policy.js';

const scored = (p1: number, right: boolean, p2 = 1 - p1, secondRight = false): ScoredExample => ({
  ranked: [
    { intent: 'a', probability: p1 },
    { intent: 'b', probability: p2 },
  ],
  truth: right ? 'a' : secondRight ? 'b' : 'c',
});

describe('confidence policy', () => {
  it('picks the lowest threshold that keeps the target precision', () => {
    const examples = [
      scored(0.99, true),
      scored(0.95, true),
      scored(0.9, true),
      scored(0.8, false),
      scored(0.7, true),
    ];
    // Answering down to 0.9 is 3/3 right; down to 0.8 is 3/4; down to 0.7 is 4/5.
    expect(thresholdForPrecision(examples, 1)).toBe(0.9);
    expect(thresholdForPrecision(examples, 0.8)).toBe(0.7);
  });

  it('answers nothing (threshold 1) when no cut reaches the target', () => {
    expect(thresholdForPrecision([scored(0.9, false), scored(0.8, false)], 0.5)).toBe(1);
  });

  it('never splits tied probabilities', () => {
    const examples = [scored(0.9, true), scored(0.8, true), scored(0.8, false)];
    expect(thresholdForPrecision(examples, 1)).toBe(0.9);
  });

  it('calls two intents close only below the threshold, with enough mass and a small gap', () => {
    const cutoffs = { minPairProbability: 0.8, maxGap: 0.3 };
    expect(isCloseCall(scored(0.5, true, 0.4).ranked, 0.7, cutoffs)).toBe(true);
    expect(isCloseCall(scored(0.75, true, 0.2).ranked, 0.7, cutoffs)).toBe(false);
    expect(isCloseCall(scored(0.45, true, 0.3).ranked, 0.7, cutoffs)).toBe(false);
    expect(isCloseCall(scored(0.6, true, 0.25).ranked, 0.7, cutoffs)).toBe(false);
  });

  it('chooses the pair cut-off on close calls for the target share of right options', () => {
    const examples = [scored(0.5, false, 0.45, true), scored(0.5, true, 0.4), scored(0.45, false, 0.3)];
    expect(pairProbabilityForPrecision(examples, 0.7, 0.3, 1)).toBe(0.9);
  });
});
