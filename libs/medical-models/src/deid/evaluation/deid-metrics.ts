// Scores of de-identification against gold BRAT spans: strict span + type precision, recall and F1
// micro-averaged over documents (MEDDOCAN sub-track 1), per type, and leak recall: the share of gold
// PHI characters that some predicted span covers, whatever its type (what matters for privacy), and
// its type-blind counterpart charPrecision: the share of predicted non-space characters that lie
// inside some gold span (what over-removal costs the text).
export interface LabelledSpan {
  type: string;
  start: number;
  end: number;
}

export interface TypeScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold spans of the type. */
  support: number;
  predicted: number;
}

export interface DeidScores {
  precision: number;
  recall: number;
  f1: number;
  leakRecall: number;
  charPrecision: number;
  perType: Record<string, TypeScores>;
  /** Documents scored. */
  n: number;
  goldSpans: number;
  predictedSpans: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreDeid(
  documents: readonly {
    gold: readonly LabelledSpan[];
    predicted: readonly LabelledSpan[];
    /** The document's text: spaces inside predicted spans are not counted for charPrecision. */
    text?: string;
  }[],
): DeidScores {
  const counts = new Map<string, { tp: number; gold: number; predicted: number }>();
  const of = (t: string) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { tp: 0, gold: 0, predicted: 0 }));
    return c;
  };
  let covered = 0;
  let goldChars = 0;
  let predictedChars = 0;
  let predictedInGold = 0;
  for (const { gold, predicted, text } of documents) {
    const key = (s: LabelledSpan): string => `${s.type}\u0000${s.start}\u0000${s.end}`;
    const goldKeys = new Set(gold.map(key));
    for (const g of gold) of(g.type).gold++;
    for (const p of new Map(predicted.map((p) => [key(p), p])).values()) {
      of(p.type).predicted++;
      if (goldKeys.has(key(p))) of(p.type).tp++;
    }
    const maxEnd = Math.max(0, ...gold.map((g) => g.end), ...predicted.map((p) => p.end));
    const hit = new Uint8Array(maxEnd);
    for (const p of predicted) hit.fill(1, p.start, p.end);
    const isGold = new Uint8Array(maxEnd);
    for (const g of gold) isGold.fill(1, g.start, g.end);
    for (let k = 0; k < maxEnd; k++) {
      if (hit[k] && !(text && /\s/u.test(text[k] ?? ''))) {
        predictedChars++;
        predictedInGold += isGold[k];
      }
      if (!isGold[k]) continue;
      goldChars++;
      covered += hit[k];
    }
  }
  let tp = 0;
  let goldTotal = 0;
  let predictedTotal = 0;
  const perType: Record<string, TypeScores> = {};
  for (const [type, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    tp += c.tp;
    goldTotal += c.gold;
    predictedTotal += c.predicted;
    const precision = ratio(c.tp, c.predicted);
    const recall = ratio(c.tp, c.gold);
    perType[type] = {
      precision,
      recall,
      f1: f1Of(precision, recall),
      support: c.gold,
      predicted: c.predicted,
    };
  }
  const precision = ratio(tp, predictedTotal);
  const recall = ratio(tp, goldTotal);
  return {
    precision,
    recall,
    f1: f1Of(precision, recall),
    leakRecall: goldChars === 0 ? 1 : covered / goldChars,
    charPrecision: predictedChars === 0 ? 1 : predictedInGold / predictedChars,
    perType,
    n: documents.length,
    goldSpans: goldTotal,
    predictedSpans: predictedTotal,
  };
}
