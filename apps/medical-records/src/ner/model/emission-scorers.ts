// Two ways to get emission scores, same numbers: through libs/inference (the served path, ONNX in
// worker threads with dynamic batching) or from weights in memory (training-time model selection).
import { int64Tensor, type InferenceBackend } from '@suite/inference';
import type { SentenceFeatures } from '../features/ner-featurizer.js';
import type { EmissionScorer } from '../ner-tagger.js';
import { emissionsOf, type TaggerWeights } from '../training/tagger-weights.js';
import { EMISSION_INPUT, EMISSION_OUTPUT } from './emission-model.onnx.js';

/**
 * One request per sentence, so the engine's batcher groups sentences by its token budget; at most
 * `concurrency` in flight, so a long document does not overrun the bounded queue.
 */
export function engineEmissionScorer(
  backend: InferenceBackend,
  model: string,
  options: { version?: string; concurrency?: number } = {},
): EmissionScorer {
  const concurrency = options.concurrency ?? 32;
  return async (sentences: readonly SentenceFeatures[]) => {
    const out = new Array<ArrayLike<number>>(sentences.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < sentences.length) {
        const i = next++;
        const x = sentences[i];
        const result = await backend.infer(
          model,
          { [EMISSION_INPUT]: int64Tensor(x.ids, [1, x.length, x.maxFeatures]) },
          { version: options.version },
        );
        const emissions = result.outputs[EMISSION_OUTPUT];
        if (!emissions || emissions.dtype !== 'float32')
          throw new Error(`${model}: no float32 ${EMISSION_OUTPUT} output`);
        out[i] = emissions.data as Float32Array;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, sentences.length) }, worker));
    return out;
  };
}

export function weightsEmissionScorer(weights: TaggerWeights): EmissionScorer {
  return (sentences) => Promise.resolve(sentences.map((x) => emissionsOf(weights, x)));
}
