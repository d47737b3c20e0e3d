import { Rng } from '../../random/rng.js';
import type { DecisionTree } from './decision-tree.js';
import { trainGradientBoostedTrees } from './gradient-boosting.trainer.js';

// Conditional expectation of a tree given the features in `known` (Lundberg et al. 2018, Alg. 1).
function expectationGiven(tree: DecisionTree, row: readonly number[], known: Set<number>, node = 0): number {
  if (tree.isLeaf(node)) return tree.value[node];
  const f = tree.feature[node];
  if (known.has(f)) return expectationGiven(tree, row, known, tree.childFor(node, row[f]));
  const l = tree.left[node];
  const r = tree.right[node];
  return (
    (tree.cover[l] * expectationGiven(tree, row, known, l) + tree.cover[r] * expectationGiven(tree, row, known, r)) /
    tree.cover[node]
  );
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Shapley values by enumerating every coalition. */
function bruteForceShapley(trees: readonly DecisionTree[], row: readonly number[]): number[] {
  const m = row.length;
  const phi = new Array<number>(m).fill(0);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const known = new Set<number>();
      for (let j = 0; j < m; j++) if (mask & (1 << j)) known.add(j);
      const weight = (factorial(known.size) * factorial(m - known.size - 1)) / factorial(m);
      const withI = new Set(known).add(i);
      for (const tree of trees) phi[i] += weight * (expectationGiven(tree, row, withI) - expectationGiven(tree, row, known));
    }
  }
  return phi;
}

function trainedModel() {
  const rng = new Rng(21);
  const n = 800;
  const width = 4;
  const values = new Float64Array(n * width);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < width; f++) values[i * width + f] = rng.next() < 0.1 ? NaN : rng.normal();
    const [a, b, c] = [values[i * width], values[i * width + 1], values[i * width + 2]];
    // Interactions and a repeated feature on paths exercise the unwind step of Tree SHAP.
    const z = (a > 0 ? 1.5 : -1) * (b > 0.3 ? 1 : -0.5) + (Number.isNaN(c) ? 1 : c);
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return trainGradientBoostedTrees({ x: { rowCount: n, featureCount: width, values }, y }, { rounds: 6, maxLeaves: 10, minDataInLeaf: 10 }).model;
}

describe('Tree SHAP contributions', () => {
  const model = trainedModel();
  const rows = [
    [0.5, -1, 2, 0.1],
    [-2, 0.4, NaN, -0.3],
    [NaN, NaN, 0, 1],
    [1.2, 1.1, -0.7, NaN],
  ];

  it('equal brute-force Shapley values of the cover-weighted conditional expectation', () => {
    for (const row of rows) {
      const sut = model.featureContributions(row);
      const expected = bruteForceShapley(model.trees, row);
      expected.forEach((v, f) => expect(sut[f]).toBeCloseTo(v, 10));
    }
  });

  it('add up to the margin (local accuracy), with the expected value last', () => {
    for (const row of rows) {
      const sut = model.featureContributions(row);
      expect(sut.reduce((a, b) => a + b, 0)).toBeCloseTo(model.predictMargin(row), 10);
    }
  });

  it('repeats features along paths, so the unwind step is exercised', () => {
    const repeated = model.trees.some((tree) => {
      const onPath = (node: number, seen: Set<number>): boolean =>
        !tree.isLeaf(node) &&
        (seen.has(tree.feature[node]) ||
          onPath(tree.left[node], new Set(seen).add(tree.feature[node])) ||
          onPath(tree.right[node], new Set(seen).add(tree.feature[node])));
      return onPath(0, new Set());
    });
    expect(repeated).toBe(true);
  });

  it('gives zero to a constant feature, which no tree can split on', () => {
    const rng = new Rng(5);
    const values = Float64Array.from({ length: 400 }, (_, k) => (k % 2 === 1 ? 7 : rng.normal()));
    const y = Float64Array.from({ length: 200 }, (_, i) => (values[i * 2] > 0 ? 1 : 0));
    const { model: constant } = trainGradientBoostedTrees({ x: { rowCount: 200, featureCount: 2, values }, y }, { rounds: 5, minDataInLeaf: 5 });
    expect(constant.featureImportance('gain')[1]).toBe(0);
    expect(constant.featureContributions([0.3, 7])[1]).toBe(0);
    expect(constant.featureContributions([0.3, 7])[0]).toBeGreaterThan(0);
  });

  it('Saabas attributions also add up to the margin', () => {
    for (const row of rows) {
      const sut = model.featureContributions(row, 'saabas');
      expect(sut.reduce((a, b) => a + b, 0)).toBeCloseTo(model.predictMargin(row), 10);
    }
  });

  it('names the strongest reasons first', () => {
    const sut = model.explainPrediction(rows[0], 2);
    expect(sut).toHaveLength(2);
    expect(Math.abs(sut[0].contribution)).toBeGreaterThanOrEqual(Math.abs(sut[1].contribution));
    expect(sut[0].name).toMatch(/^f\d$/);
  });
});
