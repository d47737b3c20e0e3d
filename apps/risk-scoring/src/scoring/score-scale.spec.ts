import { decisionOf, probabilityAtScore, scoreOf } from './score-scale.js';

const scale = { baseScore: 600, baseOdds: 50, pointsToDoubleOdds: 20 };

describe('score scale', () => {
  it('gives the base score at the base odds', () => {
    expect(scoreOf(1 / 51, scale)).toBe(600);
  });

  it('adds PDO points each time the good:bad odds double', () => {
    expect(scoreOf(1 / 101, scale)).toBe(620);
    expect(scoreOf(1 / 26, scale)).toBe(580);
  });

  it('inverts: the probability at a score gives that score back', () => {
    for (const score of [450, 512, 600, 700])
      expect(scoreOf(probabilityAtScore(score, scale), scale)).toBe(score);
  });

  it('keeps certain predictions finite', () => {
    expect(Number.isFinite(scoreOf(0, scale))).toBe(true);
    expect(Number.isFinite(scoreOf(1, scale))).toBe(true);
  });

  it('bands decisions by the cut-offs', () => {
    const cutoffs = { approveMinScore: 530, declineBelowScore: 500 };
    expect(decisionOf(530, cutoffs)).toBe('approve');
    expect(decisionOf(529, cutoffs)).toBe('review');
    expect(decisionOf(500, cutoffs)).toBe('review');
    expect(decisionOf(499, cutoffs)).toBe('decline');
  });
});
