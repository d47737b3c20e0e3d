// The served graph of the scorecard student. Inputs are RiskFeatureEncoder's fixed-width pair:
//   indices int64 [batch, width], values float32 [batch, width]  (padding: index 0, value 0)
// Outputs:
//   contributions float32 [batch, width] = W[indices] * values, each position's log-odds points
//   probability   float32 [batch, 1]     = sigmoid(sum(contributions) + bias)
// Platt scaling is folded into W and bias beforehand, so both outputs are calibrated. The contributions
// are what the reason codes rank (the SHAP values of a linear model, up to the baseline).
import { attr, OnnxGraphBuilder, type TensorSpec } from '@suite/onnx';

export const SCORECARD_INPUTS = { indices: 'indices', values: 'values' } as const;
export const SCORECARD_OUTPUTS = { probability: 'probability', contributions: 'contributions' } as const;

export interface ScorecardWeights {
  /** One weight per input index; index 0 (padding) must be 0. */
  weights: Float32Array;
  bias: number;
  width: number;
}

/** The graph's inputs and outputs as the card states them (-1 is dynamic). */
export function scorecardTensorSpecs(width: number): {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
} {
  return {
    inputs: [
      { name: SCORECARD_INPUTS.indices, dtype: 'int64', shape: [-1, width] },
      { name: SCORECARD_INPUTS.values, dtype: 'float32', shape: [-1, width] },
    ],
    outputs: [
      { name: SCORECARD_OUTPUTS.probability, dtype: 'float32', shape: [-1, 1] },
      { name: SCORECARD_OUTPUTS.contributions, dtype: 'float32', shape: [-1, width] },
    ],
  };
}

export function exportScorecardToOnnx(
  model: ScorecardWeights,
  metadata: Record<string, string> = {},
): Uint8Array {
  if (model.weights[0] !== 0) throw new Error('the padding index 0 must have weight 0');
  const b = new OnnxGraphBuilder('risk_scorecard', 17);
  b.input(SCORECARD_INPUTS.indices, 'int64', ['batch', model.width]);
  b.input(SCORECARD_INPUTS.values, 'float32', ['batch', model.width]);
  b.output(SCORECARD_OUTPUTS.probability, 'float32', ['batch', 1]);
  b.output(SCORECARD_OUTPUTS.contributions, 'float32', ['batch', model.width]);
  const table = b.initializer('scorecard.weights', model.weights, [model.weights.length]);
  const bias = b.initializer('scorecard.bias', Float32Array.of(model.bias), [1]);
  const axes = b.initializer('scorecard.sum_axis', BigInt64Array.of(1n), [1]);
  const gathered = b.node('Gather', [table, SCORECARD_INPUTS.indices], 1, { axis: attr.int(0) });
  b.node('Mul', [gathered, SCORECARD_INPUTS.values], [SCORECARD_OUTPUTS.contributions]);
  const total = b.node('ReduceSum', [SCORECARD_OUTPUTS.contributions, axes], 1, { keepdims: attr.int(1) });
  const logit = b.node('Add', [total, bias]);
  b.node('Sigmoid', [logit], [SCORECARD_OUTPUTS.probability]);
  return b.toBytes({ 'suite.model': 'risk scorecard', ...metadata });
}
