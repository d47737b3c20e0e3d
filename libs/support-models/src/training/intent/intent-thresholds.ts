// Answer thresholds per intent, against one global threshold. A global threshold makes every intent
// pay for the least reliable ones, so per intent the threshold is the lowest confidence at which that
// intent's top-1 answers on the tuning split keep the target precision (confidence-policy.ts's rule,
// applied to the examples the model assigns to the intent), with guards against tuning on a dozen
// rows: MIN_SUPPORT answered examples to lower it, never below FLOOR (a minority top-1) nor MAX_DROP
// under the global one. coveragePrecisionCurve measures both on held-out rows; the training command
// writes that curve on the card, which is how the shipped model came to keep the global threshold.
import { type ScoredExample, thresholdForPrecision } from '../../intent/confidence-policy.js';

export const INTENT_THRESHOLD_GUARDS = { minSupport: 8, floor: 0.5, maxDrop: 0.2 } as const;

export function perIntentThresholds(
  examples: readonly ScoredExample[],
  globalThreshold: number,
  target: number,
  guards: { minSupport: number; floor: number; maxDrop: number } = INTENT_THRESHOLD_GUARDS,
): Record<string, number> {
  const byIntent = new Map<string, ScoredExample[]>();
  for (const e of examples) {
    const intent = e.ranked[0].intent;
    byIntent.set(intent, [...(byIntent.get(intent) ?? []), e]);
  }
  const out: Record<string, number> = {};
  for (const [intent, assigned] of [...byIntent].sort(([a], [b]) => a.localeCompare(b))) {
    const t = Math.max(
      thresholdForPrecision(assigned, target),
      guards.floor,
      globalThreshold - guards.maxDrop,
    );
    const support = assigned.filter((e) => e.ranked[0].probability >= t).length;
    if (t < globalThreshold && support < guards.minSupport) continue;
    if (Math.abs(t - globalThreshold) < 1e-9) continue;
    out[intent] = Math.round(t * 10000) / 10000;
  }
  return out;
}

export interface CoveragePoint {
  targetPrecision: number;
  global: { threshold: number; coverage: number; precision: number };
  perIntent: { coverage: number; precision: number; intentsChanged: number };
}

/** Coverage and precision of the model alone on `evaluation` with thresholds tuned on `tuning`. */
export function coveragePrecisionCurve(
  tuning: readonly ScoredExample[],
  evaluation: readonly ScoredExample[],
  targets: readonly number[],
): CoveragePoint[] {
  const measure = (thresholdOf: (intent: string) => number) => {
    const answered = evaluation.filter((e) => e.ranked[0].probability >= thresholdOf(e.ranked[0].intent));
    const right = answered.filter((e) => e.ranked[0].intent === e.truth).length;
    return {
      coverage: round4(answered.length / Math.max(1, evaluation.length)),
      precision: round4(right / Math.max(1, answered.length)),
    };
  };
  return targets.map((target) => {
    const threshold = thresholdForPrecision(tuning, target);
    const perIntent = perIntentThresholds(tuning, threshold, target);
    return {
      targetPrecision: target,
      global: { threshold: round4(threshold), ...measure(() => threshold) },
      perIntent: {
        ...measure((i) => perIntent[i] ?? threshold),
        intentsChanged: Object.keys(perIntent).length,
      },
    };
  });
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
