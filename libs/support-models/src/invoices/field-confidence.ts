// Calibrated field confidence: the decoder's raw score of a field (the classifier's probability for
// its lines, times the OCR's confidence in them) mapped by Platt scaling (Platt 1999, "Probabilistic
// outputs for support vector machines", §2.1: sigmoid(a * logit(raw) + b)) fitted per field on the
// dev receipts, and the threshold below which the bot does not state the value: the lowest one at
// which the dev fields stated are right at least TARGET_PRECISION of the time.
import { SROIE_FIELDS, type SroieField } from '@suite/ml';

/** Precision the stated values must reach on dev: money and dates matter most. */
export const TARGET_PRECISION: Record<SroieField, number> = {
  total: 0.95,
  date: 0.95,
  company: 0.9,
  address: 0.8,
};

export interface FieldCalibration {
  a: number;
  b: number;
  /** Calibrated confidence from which the value is stated. */
  threshold: number;
}

export type FieldCalibrations = Record<SroieField, FieldCalibration>;

/** With no fitted calibration (an old card): raw scores as they are, and nothing stated below 0.5. */
export const IDENTITY_CALIBRATION: FieldCalibration = { a: 1, b: 0, threshold: 0.5 };

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function calibrate(raw: number, c: FieldCalibration): number {
  return Math.round(sigmoid(c.a * logit(raw) + c.b) * 1e4) / 1e4;
}

/**
 * Platt scaling by gradient descent on the mean log-loss over standardised logits, with a small
 * ridge (raw scores pile up near 1, where the logit barely varies and Newton's steps blow up).
 */
export function fitPlatt(samples: readonly { raw: number; correct: boolean }[]): { a: number; b: number } {
  if (samples.length === 0) return { a: 1, b: 0 };
  // Platt's smoothed targets keep the fit finite when every sample is right.
  const positives = samples.filter((s) => s.correct).length;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (samples.length - positives + 2);
  const xs = samples.map((s) => logit(s.raw));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length) || 1;
  let w = 0;
  let c = 0;
  for (let iteration = 0; iteration < 2000; iteration++) {
    let gw = 0;
    let gc = 0;
    samples.forEach((s, k) => {
      const z = (xs[k] - mean) / std;
      const d = sigmoid(w * z + c) - (s.correct ? hi : lo);
      gw += d * z;
      gc += d;
    });
    w -= 0.5 * (gw / samples.length + 1e-3 * w);
    c -= 0.5 * (gc / samples.length);
  }
  return { a: w / std, b: c - (w * mean) / std };
}

/** The lowest calibrated confidence at which the stated dev fields reach the target precision. */
export function chooseThreshold(
  samples: readonly { confidence: number; correct: boolean }[],
  targetPrecision: number,
): number {
  const sorted = [...samples].sort((x, y) => y.confidence - x.confidence);
  let correct = 0;
  let threshold = 1;
  sorted.forEach((s, k) => {
    if (s.correct) correct++;
    const next = sorted[k + 1];
    // Only between distinct confidences: a threshold cannot split equal scores.
    if (correct / (k + 1) >= targetPrecision && (!next || next.confidence < s.confidence))
      threshold = s.confidence;
  });
  return threshold;
}

export function fitFieldCalibrations(
  samples: Record<SroieField, { raw: number; correct: boolean }[]>,
): FieldCalibrations {
  const out = {} as FieldCalibrations;
  for (const f of SROIE_FIELDS) {
    const { a, b } = fitPlatt(samples[f]);
    const c = { a: round(a), b: round(b), threshold: 0 };
    c.threshold = chooseThreshold(
      samples[f].map((s) => ({ confidence: calibrate(s.raw, c), correct: s.correct })),
      TARGET_PRECISION[f],
    );
    out[f] = c;
  }
  return out;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
