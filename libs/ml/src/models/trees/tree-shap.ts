// Exact per-prediction feature contributions for a tree: Tree SHAP, Algorithm 2 of Lundberg, Erion &
// Lee (2018), "Consistent Individualized Feature Attribution for Tree Ensembles" (arXiv:1802.03888),
// ported from the reference implementation (shap's tree_shap.h: extend/unwind/unwound_path_sum).
// Conditional expectations use the training cover (rows per node), as LightGBM's pred_contrib does.
// The contributions of a row add up to its output minus the tree's expected value (local accuracy).
import type { DecisionTree } from './decision-tree.js';

// The path of unique features from the root, stored struct-of-arrays. Each recursion level owns the
// slice starting at `at` (its parent's slice copied in front of its own extension), so no allocation.
class ShapPath {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  copy(from: number, to: number, count: number): void {
    if (count === 0) return;
    this.feature.copyWithin(to, from, from + count);
    this.zero.copyWithin(to, from, from + count);
    this.one.copyWithin(to, from, from + count);
    this.weight.copyWithin(to, from, from + count);
  }

  extend(at: number, depth: number, zeroFraction: number, oneFraction: number, feature: number): void {
    const { weight: w } = this;
    this.feature[at + depth] = feature;
    this.zero[at + depth] = zeroFraction;
    this.one[at + depth] = oneFraction;
    w[at + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      w[at + i + 1] += (oneFraction * w[at + i] * (i + 1)) / (depth + 1);
      w[at + i] = (zeroFraction * w[at + i] * (depth - i)) / (depth + 1);
    }
  }

  unwind(at: number, depth: number, index: number): void {
    const { weight: w } = this;
    const oneFraction = this.one[at + index];
    const zeroFraction = this.zero[at + index];
    let nextOnePortion = w[at + depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = w[at + i];
        w[at + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
        nextOnePortion = tmp - (w[at + i] * zeroFraction * (depth - i)) / (depth + 1);
      } else {
        w[at + i] = (w[at + i] * (depth + 1)) / (zeroFraction * (depth - i));
      }
    }
    // Shift the later elements down; weights stay where they were recomputed.
    for (let i = index; i < depth; i++) {
      this.feature[at + i] = this.feature[at + i + 1];
      this.zero[at + i] = this.zero[at + i + 1];
      this.one[at + i] = this.one[at + i + 1];
    }
  }

  unwoundSum(at: number, depth: number, index: number): number {
    const { weight: w } = this;
    const oneFraction = this.one[at + index];
    const zeroFraction = this.zero[at + index];
    let nextOnePortion = w[at + depth];
    let total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
        total += tmp;
        nextOnePortion = w[at + i] - (tmp * zeroFraction * (depth - i)) / (depth + 1);
      } else {
        total += (w[at + i] / zeroFraction) * ((depth + 1) / (depth - i));
      }
    }
    return total;
  }
}

/** Depth of the deepest leaf (root alone: 0). */
export function treeDepth(tree: DecisionTree, node = 0): number {
  return tree.isLeaf(node) ? 0 : 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}

/**
 * Adds the tree's SHAP values for one row (read from `values` at `offset`) into phi[0..featureCount);
 * the expected value is the caller's (DecisionTree.expectedValue()).
 */
export function addTreeShapContributions(
  tree: DecisionTree,
  values: ArrayLike<number>,
  offset: number,
  phi: Float64Array,
): void {
  const path = new ShapPath(treeDepth(tree));
  const recurse = (
    node: number,
    parentAt: number,
    depth: number,
    zeroFraction: number,
    oneFraction: number,
    feature: number,
  ): void => {
    const at = parentAt + depth + 1;
    path.copy(parentAt, at, depth);
    path.extend(at, depth, zeroFraction, oneFraction, feature);
    if (tree.isLeaf(node)) {
      const leafValue = tree.value[node];
      for (let i = 1; i <= depth; i++) {
        const w = path.unwoundSum(at, depth, i);
        phi[path.feature[at + i]] += w * (path.one[at + i] - path.zero[at + i]) * leafValue;
      }
      return;
    }
    const split = tree.feature[node];
    const hot = tree.childFor(node, values[offset + split]);
    const cold = hot === tree.left[node] ? tree.right[node] : tree.left[node];
    const cover = tree.cover[node];
    let incomingZero = 1;
    let incomingOne = 1;
    let d = depth;
    // A feature met again on the path is undone first, so that it counts once.
    let index = 0;
    while (index <= d && path.feature[at + index] !== split) index++;
    if (index <= d) {
      incomingZero = path.zero[at + index];
      incomingOne = path.one[at + index];
      path.unwind(at, d, index);
      d -= 1;
    }
    recurse(hot, at, d + 1, (tree.cover[hot] / cover) * incomingZero, incomingOne, split);
    recurse(cold, at, d + 1, (tree.cover[cold] / cover) * incomingZero, 0, split);
  };
  // The root's parent slice is a dummy at -1 so that the root's own slice starts at 0.
  recurse(0, -1, 0, 1, 1, -1);
}

/**
 * The simpler Saabas attribution (Saabas 2014, "Interpreting random forests"): each split on the
 * row's path credits its feature with the change in node value. Cheap, but not consistent; offered
 * for comparison and debugging, the services use Tree SHAP.
 */
export function addSaabasContributions(
  tree: DecisionTree,
  values: ArrayLike<number>,
  offset: number,
  phi: Float64Array,
): void {
  let node = 0;
  while (!tree.isLeaf(node)) {
    const child = tree.childFor(node, values[offset + tree.feature[node]]);
    phi[tree.feature[node]] += tree.value[child] - tree.value[node];
    node = child;
  }
}
