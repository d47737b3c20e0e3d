// Reads a served scorecard's weights back from its ONNX file: the warm start of weekly retraining,
// and the in-process scorer that retraining uses to compare champion and challenger on one window.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeModel, readInitializer } from '@suite/onnx';
import { LogisticRegression, ParameterSet } from '@suite/ml';
import type { ScorecardWeights } from '../model/scorecard-onnx.js';

export async function readScorecardWeights(
  modelsDir: string,
  name: string,
  version: string,
  width: number,
): Promise<ScorecardWeights> {
  const model = decodeModel(await readFile(join(modelsDir, name, version, 'model.onnx')));
  const find = (initializer: string) => {
    const found = model.graph?.initializer?.find((t) => t.name === initializer);
    if (!found) throw new Error(`${name}/${version}: no initializer ${initializer} in model.onnx`);
    return Float32Array.from(readInitializer(found) as Float32Array);
  };
  return { weights: find('scorecard.weights'), bias: find('scorecard.bias')[0], width };
}

/** A trainable copy of the weights (float64), for a warm start. */
export function toLogisticRegression(weights: ScorecardWeights): LogisticRegression {
  const inputDim = weights.weights.length;
  const values = new Float64Array(inputDim + 1);
  values.set(weights.weights);
  values[inputDim] = weights.bias;
  const parameters = new ParameterSet(
    [
      { name: 'weights', shape: [inputDim, 1], decay: true },
      { name: 'bias', shape: [1], decay: false },
    ],
    values,
  );
  return new LogisticRegression({ inputDim }, parameters);
}
