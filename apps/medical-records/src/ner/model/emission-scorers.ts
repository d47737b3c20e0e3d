// Emission scores through libs/inference (the served path, ONNX in worker threads with dynamic
// batching); the same numbers from weights in memory (training-time model selection) are
// @suite/medical-models/training's weightsEmissionScorer.
import { int64Tensor, type InferenceBackend } from '@suite/inference';
import {
  type SentenceFeatures,
  type EmissionScorer,
  EMISSION_INPUT,
  EMISSION_OUTPUT,
} from '@suite/medical-models';

// Tokens per engine request. The graph scores each token on its own (a gather and a sum), so
// sentences are packed end to end into requests of up to this many tokens and the output cut back
// into sentences: exact, and a note of 50,000 one-word lines is ~100 requests instead of 50,000
// (one request per sentence was ~0.2 ms each, the cost that dominated line-break-heavy documents).
// Below every shipped card's maxBatchTokens (4096), so the batcher still groups packs.
export const EMISSION_PACK_TOKENS = 512;

/** Consecutive sentences whose tokens together stay within `limit` (a longer sentence goes alone). */
export function packSentences(lengths: readonly number[], limit = EMISSION_PACK_TOKENS): number[][] {
  const packs: number[][] = [];
  let current: number[] = [];
  let tokens = 0;
  lengths.forEach((length, i) => {
    if (current.length > 0 && tokens + length > limit) {
      packs.push(current);
      current = [];
      tokens = 0;
    }
    current.push(i);
    tokens += length;
  });
  if (current.length > 0) packs.push(current);
  return packs;
}

/**
 * Packed requests (see EMISSION_PACK_TOKENS), so the engine's batcher groups them by its token
 * budget; at most `concurrency` in flight, so a long document does not overrun the bounded queue.
 */
export function engineEmissionScorer(
  backend: InferenceBackend,
  model: string,
  options: { version?: string; concurrency?: number; packTokens?: number } = {},
): EmissionScorer {
  const concurrency = options.concurrency ?? 32;
  return async (sentences: readonly SentenceFeatures[]) => {
    const out = new Array<ArrayLike<number>>(sentences.length);
    const packs = packSentences(
      sentences.map((s) => s.length),
      options.packTokens,
    );
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < packs.length) {
        const pack = packs[next++];
        const maxFeatures = sentences[pack[0]].maxFeatures;
        const length = pack.reduce((n, i) => n + sentences[i].length, 0);
        const ids = new Int32Array(length * maxFeatures);
        let at = 0;
        for (const i of pack) {
          ids.set(sentences[i].ids, at);
          at += sentences[i].ids.length;
        }
        const result = await backend.infer(
          model,
          { [EMISSION_INPUT]: int64Tensor(ids, [1, length, maxFeatures]) },
          { version: options.version },
        );
        const emissions = result.outputs[EMISSION_OUTPUT];
        if (!emissions || emissions.dtype !== 'float32')
          throw new Error(`${model}: no float32 ${EMISSION_OUTPUT} output`);
        const data = emissions.data as Float32Array;
        const labels = data.length / length;
        let token = 0;
        for (const i of pack) {
          out[i] = data.subarray(token * labels, (token + sentences[i].length) * labels);
          token += sentences[i].length;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, packs.length) }, worker));
    return out;
  };
}
