// Chooses which queued requests form the next batch. Triton's dynamic batcher: the largest batch up to
// max_batch_size, taken in priority order, the head of the queue always included (no starvation).
// Sequence models add a token budget with padding counted (rows x longest length), and prefer requests
// whose length is close to the head's, so that short inputs are not padded to long ones.

export interface PlannableRequest {
  rows: number;
  /** Sequence length (dim 1) for sequence models, else 0. */
  length: number;
  priority: number;
  seq: number;
  /** Requests batch together only when their non-batch (and non-padded) dims agree. */
  shapeKey: string;
}

export interface BatchLimits {
  /** 0: the model does not batch; each request runs alone, whatever its rows. */
  maxBatchSize: number;
  maxBatchTokens?: number;
  /**
   * Sequence models: least share of real (unpadded) tokens in a batch. A request that would pad the
   * batch below it waits for a batch of its own length instead. Default 0.75.
   */
  minTokenFill?: number;
  /**
   * Sequence models: false takes requests in queue order and pads them to the longest (count-only
   * batching under the token budget), for comparison; default true (similar lengths together).
   */
  lengthGrouping?: boolean;
}

export interface BatchPlan<T> {
  batch: T[];
  /** No queued request could be added: sending now cannot give a larger batch. */
  full: boolean;
}

/** Queue order: priority first (0 is highest), then arrival. */
export function compareQueued(a: PlannableRequest, b: PlannableRequest): number {
  return a.priority - b.priority || a.seq - b.seq;
}

export function paddedTokens(rows: number, length: number): number {
  return rows * length;
}

/** `queue` must be sorted by compareQueued. */
export function planBatch<T extends PlannableRequest>(
  queue: readonly T[],
  limits: BatchLimits,
): BatchPlan<T> {
  if (queue.length === 0) return { batch: [], full: false };
  const head = queue[0];
  if (limits.maxBatchSize <= 0) return { batch: [head], full: true };

  const budget = limits.maxBatchTokens ?? Infinity;
  const grouping = limits.maxBatchTokens !== undefined && limits.lengthGrouping !== false;
  const candidates = !grouping
    ? queue.slice(1)
    : queue
        .slice(1)
        .sort(
          (a, b) =>
            a.priority - b.priority ||
            Math.abs(a.length - head.length) - Math.abs(b.length - head.length) ||
            a.seq - b.seq,
        );
  const batch = [head];
  let rows = head.rows;
  let longest = head.length;
  let real = head.rows * head.length;
  let skipped = false;
  const minFill = limits.minTokenFill ?? 0.75;
  for (const r of candidates) {
    if (r.shapeKey !== head.shapeKey) continue;
    if (rows === limits.maxBatchSize) {
      skipped = true;
      break;
    }
    const nextRows = rows + r.rows;
    const nextLongest = Math.max(longest, r.length);
    const nextReal = real + r.rows * r.length;
    // Too different in length: not a capacity limit, so the batch is not full because of it.
    if (grouping && nextReal < minFill * paddedTokens(nextRows, nextLongest)) continue;
    if (nextRows > limits.maxBatchSize || paddedTokens(nextRows, nextLongest) > budget) {
      skipped = true;
      continue;
    }
    batch.push(r);
    rows = nextRows;
    longest = nextLongest;
    real = nextReal;
  }
  // Full also when the budget is spent: any further row, however short, would exceed it.
  const spent = paddedTokens(rows + 1, longest) > budget;
  return { batch, full: skipped || spent || rows === limits.maxBatchSize };
}
