// A trained binary gradient-boosted tree ensemble (Friedman 2001, "Greedy function approximation"):
// margin = baseScore + sum of tree outputs, P(y = 1) = sigmoid(margin). Explanations come in margin
// (log-odds) space, where the trees add up.
import { sigmoid } from '../linear/activation-functions.js';
import { DecisionTree, type DecisionTreeJson } from './decision-tree.js';
import type { TabularMatrix } from './histogram-bin-mapper.js';
import { addSaabasContributions, addTreeShapContributions } from './tree-shap.js';

export interface GradientBoostedTreesJson {
  kind: 'gradient-boosted-trees';
  objective: 'binary-logistic';
  featureCount: number;
  featureNames?: string[];
  /** Initial log-odds every prediction starts from. */
  baseScore: number;
  trees: DecisionTreeJson[];
}

export type FeatureImportanceKind = 'gain' | 'split';
export type ContributionMethod = 'tree-shap' | 'saabas';

export interface FeatureContribution {
  feature: number;
  name: string;
  /** Log-odds pushed by this feature's value (positive raises the probability). */
  contribution: number;
}

export class GradientBoostedTrees {
  constructor(
    readonly featureCount: number,
    readonly baseScore: number,
    readonly trees: readonly DecisionTree[],
    readonly featureNames?: readonly string[],
  ) {
    if (!(Number.isInteger(featureCount) && featureCount >= 1)) throw new RangeError(`bad feature count ${featureCount}`);
    if (featureNames && featureNames.length !== featureCount)
      throw new RangeError(`${featureNames.length} feature names for ${featureCount} features`);
    for (const tree of trees)
      for (let k = 0; k < tree.nodeCount; k++)
        if (tree.feature[k] >= featureCount) throw new RangeError(`a tree splits on feature ${tree.feature[k]}`);
  }

  /** Log-odds of one row read from `values` at `offset` (a plain row: offset 0). */
  predictMargin(values: ArrayLike<number>, offset = 0): number {
    let margin = this.baseScore;
    for (const tree of this.trees) margin += tree.predictRow(values, offset);
    return margin;
  }

  predictProbability(row: ArrayLike<number>): number {
    return sigmoid(this.predictMargin(row));
  }

  /** P(y = 1) for every row of a matrix. */
  predictProbabilities(matrix: TabularMatrix): Float64Array {
    this.assertWidth(matrix.featureCount);
    const out = new Float64Array(matrix.rowCount);
    for (let i = 0; i < matrix.rowCount; i++)
      out[i] = sigmoid(this.predictMargin(matrix.values, i * matrix.featureCount));
    return out;
  }

  /** Total split gain (loss reduction) or split count per feature. */
  featureImportance(kind: FeatureImportanceKind = 'gain'): Float64Array {
    const out = new Float64Array(this.featureCount);
    for (const tree of this.trees)
      for (let k = 0; k < tree.nodeCount; k++)
        if (!tree.isLeaf(k)) out[tree.feature[k]] += kind === 'gain' ? tree.gain[k] : 1;
    return out;
  }

  /**
   * Per-feature contributions to the margin, length featureCount + 1: the last entry is the
   * expected margin over the training data, and the whole vector sums to predictMargin(row).
   */
  featureContributions(row: ArrayLike<number>, method: ContributionMethod = 'tree-shap'): Float64Array {
    this.assertWidth(row.length);
    const phi = new Float64Array(this.featureCount + 1);
    let bias = this.baseScore;
    for (const tree of this.trees) {
      if (method === 'tree-shap') {
        addTreeShapContributions(tree, row, 0, phi);
        bias += tree.expectedValue();
      } else {
        addSaabasContributions(tree, row, 0, phi);
        bias += tree.value[0];
      }
    }
    phi[this.featureCount] = bias;
    return phi;
  }

  /** The `count` largest contributions by absolute value, named: reason codes for one decision. */
  explainPrediction(row: ArrayLike<number>, count = 4, method: ContributionMethod = 'tree-shap'): FeatureContribution[] {
    const phi = this.featureContributions(row, method);
    return Array.from({ length: this.featureCount }, (_, feature) => ({
      feature,
      name: this.featureNames?.[feature] ?? `f${feature}`,
      contribution: phi[feature],
    }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature - b.feature)
      .slice(0, count);
  }

  /** The first `rounds` trees (e.g. the best round found by early stopping). */
  truncate(rounds: number): GradientBoostedTrees {
    return new GradientBoostedTrees(this.featureCount, this.baseScore, this.trees.slice(0, rounds), this.featureNames);
  }

  toJSON(): GradientBoostedTreesJson {
    return {
      kind: 'gradient-boosted-trees',
      objective: 'binary-logistic',
      featureCount: this.featureCount,
      ...(this.featureNames ? { featureNames: [...this.featureNames] } : {}),
      baseScore: this.baseScore,
      trees: this.trees.map((t) => t.toJSON()),
    };
  }

  static fromJSON(json: GradientBoostedTreesJson): GradientBoostedTrees {
    if (json.kind !== 'gradient-boosted-trees' || json.objective !== 'binary-logistic')
      throw new RangeError(`not a binary gradient-boosted tree model: ${json.kind}/${json.objective}`);
    return new GradientBoostedTrees(
      json.featureCount,
      json.baseScore,
      json.trees.map((t) => new DecisionTree(t)),
      json.featureNames,
    );
  }

  private assertWidth(width: number): void {
    if (width !== this.featureCount) throw new RangeError(`got ${width} features, the model expects ${this.featureCount}`);
  }
}
