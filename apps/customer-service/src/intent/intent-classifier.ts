// Ranks the intents of customer messages with the shipped model, served by libs/inference: texts
// become hashed sparse features here, the engine's dynamic batcher merges concurrent requests (the
// card's batching pads the ragged feature lists with index 0 / value 0, which adds nothing).
import type { InferenceBackend, NamedTensors } from '@suite/inference';
import type { SparseVector } from '@suite/ml';
import {
  FastHashedFeatures,
  type IntentModelCard,
  type IntentModelSpec,
  type IntentScore,
} from '@suite/support-models';

export type { IntentScore };

export class IntentClassifier {
  private readonly features: FastHashedFeatures;
  private readonly maxRowsPerRequest: number;

  constructor(
    private readonly backend: InferenceBackend,
    readonly card: IntentModelCard,
  ) {
    this.features = new FastHashedFeatures(card.extra.vectorizer);
    this.maxRowsPerRequest = Math.max(1, card.batching?.maxBatchSize ?? 64);
  }

  get spec(): IntentModelSpec {
    return this.card.extra;
  }

  get intents(): readonly string[] {
    return this.card.labels;
  }

  /** The `top` most probable intents of one message, best first. */
  async rankIntents(text: string, top = 3): Promise<IntentScore[]> {
    const [ranked] = await this.rankIntentsOfMany([text], top);
    return ranked;
  }

  /** Rankings of many texts; requests of at most maxBatchSize rows, sent together. */
  async rankIntentsOfMany(texts: readonly string[], top = 3): Promise<IntentScore[][]> {
    const chunks: Promise<IntentScore[][]>[] = [];
    for (let start = 0; start < texts.length; start += this.maxRowsPerRequest)
      chunks.push(this.rankChunk(texts.slice(start, start + this.maxRowsPerRequest), top));
    return (await Promise.all(chunks)).flat();
  }

  private async rankChunk(texts: readonly string[], top: number): Promise<IntentScore[][]> {
    const rows = texts.map((t) => this.features.vectorize(t.slice(0, this.spec.maxChars)));
    const inputs = packSparseRows(rows);
    const { outputs } = await this.backend.infer(this.card.name, inputs, { version: this.card.version });
    const probabilities = outputs.probabilities.data as Float32Array;
    const width = this.card.labels.length;
    return texts.map((_, row) =>
      topIntents(probabilities.subarray(row * width, (row + 1) * width), this.card.labels, top),
    );
  }
}

export function topIntents(row: ArrayLike<number>, labels: readonly string[], top: number): IntentScore[] {
  const order = Array.from({ length: row.length }, (_, k) => k).sort((a, b) => row[b] - row[a] || a - b);
  return order.slice(0, Math.min(top, order.length)).map((k) => ({ intent: labels[k], probability: row[k] }));
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The model's [rows, nnz] int64 `indices` and float32 `values`, padded with index 0 / value 0. The
 * int64s are written as two little-endian int32 halves (indices are small and non-negative), which
 * spares a BigInt per feature.
 */
export function packSparseRows(rows: readonly SparseVector[]): NamedTensors {
  const nnz = rows.reduce((m, x) => Math.max(m, x.indices.length), 1);
  const indices = new BigInt64Array(rows.length * nnz);
  const halves = new Int32Array(indices.buffer);
  const values = new Float32Array(rows.length * nnz);
  rows.forEach((x, r) => {
    for (let k = 0; k < x.indices.length; k++) {
      if (LITTLE_ENDIAN) halves[2 * (r * nnz + k)] = x.indices[k];
      else indices[r * nnz + k] = BigInt(x.indices[k]);
      values[r * nnz + k] = x.values[k];
    }
  });
  return {
    indices: { dtype: 'int64', dims: [rows.length, nnz], data: indices },
    values: { dtype: 'float32', dims: [rows.length, nnz], data: values },
  };
}
