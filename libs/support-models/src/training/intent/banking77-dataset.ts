// Banking77 (Casanueva et al. 2020, CC BY 4.0) as the intent model reads it: `text,category` CSV rows
// and the 77 intent names, and the one deterministic split every command shares. There is no official
// dev split, so train.csv is cut three ways, stratified by intent: fit (trains the weights),
// calibration (temperature and confidence thresholds) and dev (held out: every reported figure).
import { readFile } from 'node:fs/promises';
import { readCsvRows, stratifiedSplit } from '@suite/ml';

export interface IntentExample {
  text: string;
  intent: string;
}

export interface IntentSplit {
  fit: number[];
  calibration: number[];
  dev: number[];
}

export const INTENT_SPLIT = {
  seed: 77,
  /** Share of train.csv held out for evaluation. */
  devFraction: 0.2,
  /** Share of what remains that picks the temperature and thresholds (10 % of train.csv). */
  calibrationFraction: 0.125,
} as const;

export async function readIntentExamples(path: string): Promise<IntentExample[]> {
  const examples: IntentExample[] = [];
  for await (const row of readCsvRows({ path }, { text: 'string', category: 'string' }))
    examples.push({ text: row.text, intent: row.category });
  return examples;
}

export async function readIntentNames(path: string): Promise<string[]> {
  const names: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    throw new Error(`${path} is not a JSON array of intent names`);
  return names as string[];
}

export function splitIntentExamples(examples: readonly IntentExample[]): IntentSplit {
  const intents = examples.map((e) => e.intent);
  const outer = stratifiedSplit(intents, { devFraction: INTENT_SPLIT.devFraction, seed: INTENT_SPLIT.seed });
  const inner = stratifiedSplit(
    outer.train.map((i) => intents[i]),
    { devFraction: INTENT_SPLIT.calibrationFraction, seed: INTENT_SPLIT.seed + 1 },
  );
  return {
    fit: inner.train.map((k) => outer.train[k]),
    calibration: inner.dev.map((k) => outer.train[k]),
    dev: outer.dev,
  };
}
