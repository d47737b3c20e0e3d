// ONNX export of a binary GBDT as one ai.onnx.ml TreeEnsembleClassifier (ONNX-ML operator spec,
// opset 3; the encoding skl2onnx uses for gradient boosting): every leaf weighs class 0's score,
// base_values holds the prior log-odds and post_transform LOGISTIC turns the summed margin into
// probabilities [P(y = 0), P(y = 1)]. Only the `probabilities` tensor is a graph output: no ZipMap.
// Nodes compare float32 inputs with BRANCH_LEQ against float32 thresholds and send NaN to the
// learnt default side (nodes_missing_value_tracks_true), exactly as DecisionTree.childFor does.
import { attr, OnnxGraphBuilder } from '@suite/onnx';
import type { GradientBoostedTrees } from './gradient-boosted-trees.model.js';

export const GBDT_ONNX_INPUT = 'features';
export const GBDT_ONNX_PROBABILITIES = 'probabilities';

export interface GbdtOnnxExportOptions {
  graphName?: string;
  /** Extra model metadata (e.g. training data and its licence). */
  metadata?: Record<string, string>;
}

export function exportGradientBoostedTreesToOnnx(
  model: GradientBoostedTrees,
  options: GbdtOnnxExportOptions = {},
): Uint8Array {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTracksTrue: [] as number[],
  };
  const leaves = { treeIds: [] as number[], nodeIds: [] as number[], classIds: [] as number[], weights: [] as number[] };
  model.trees.forEach((tree, t) => {
    for (let k = 0; k < tree.nodeCount; k++) {
      const leaf = tree.isLeaf(k);
      nodes.treeIds.push(t);
      nodes.nodeIds.push(k);
      nodes.featureIds.push(leaf ? 0 : tree.feature[k]);
      nodes.modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      nodes.values.push(leaf ? 0 : tree.threshold[k]);
      nodes.trueIds.push(leaf ? 0 : tree.left[k]);
      nodes.falseIds.push(leaf ? 0 : tree.right[k]);
      nodes.missingTracksTrue.push(!leaf && tree.defaultLeft[k] === 1 ? 1 : 0);
      if (leaf) {
        leaves.treeIds.push(t);
        leaves.nodeIds.push(k);
        leaves.classIds.push(0);
        leaves.weights.push(tree.value[k]);
      }
    }
  });
  // An ensemble with no trees (early stopping at round 0) still needs one: a single zero leaf.
  if (model.trees.length === 0) {
    Object.assign(nodes, {
      treeIds: [0],
      nodeIds: [0],
      featureIds: [0],
      modes: ['LEAF'],
      values: [0],
      trueIds: [0],
      falseIds: [0],
      missingTracksTrue: [0],
    });
    Object.assign(leaves, { treeIds: [0], nodeIds: [0], classIds: [0], weights: [0] });
  }

  const g = new OnnxGraphBuilder(options.graphName ?? 'gradient_boosted_trees', 17)
    .useDomain('ai.onnx.ml', 3)
    .input(GBDT_ONNX_INPUT, 'float32', ['batch', model.featureCount])
    .output(GBDT_ONNX_PROBABILITIES, 'float32', ['batch', 2]);
  g.node(
    'TreeEnsembleClassifier',
    [GBDT_ONNX_INPUT],
    ['label', GBDT_ONNX_PROBABILITIES],
    {
      nodes_treeids: attr.ints(nodes.treeIds),
      nodes_nodeids: attr.ints(nodes.nodeIds),
      nodes_featureids: attr.ints(nodes.featureIds),
      nodes_modes: attr.strings(nodes.modes),
      nodes_values: attr.floats(nodes.values),
      nodes_truenodeids: attr.ints(nodes.trueIds),
      nodes_falsenodeids: attr.ints(nodes.falseIds),
      nodes_missing_value_tracks_true: attr.ints(nodes.missingTracksTrue),
      class_treeids: attr.ints(leaves.treeIds),
      class_nodeids: attr.ints(leaves.nodeIds),
      class_ids: attr.ints(leaves.classIds),
      class_weights: attr.floats(leaves.weights),
      classlabels_int64s: attr.ints([0, 1]),
      base_values: attr.floats([model.baseScore]),
      post_transform: attr.string('LOGISTIC'),
    },
    'ai.onnx.ml',
  );
  return g.toBytes({ task: 'binary-classification', model: 'gradient-boosted-trees', ...options.metadata });
}
