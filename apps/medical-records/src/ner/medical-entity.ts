// What NER returns to callers (documents API, CLI): typed spans with UTF-16 offsets into the exact
// string that was passed in, so `text === input.slice(start, end)` always holds.

export const MEDICAL_ENTITY_TYPES = ['Chemical', 'Disease'] as const;

export type MedicalEntityType = (typeof MEDICAL_ENTITY_TYPES)[number];

// The shipped NER models learnt from English PubMed abstracts (BC5CDR, NCBI-disease): other
// languages get no entities, and responses say so, rather than the English model's misses.
export const NER_LANGUAGES: readonly string[] = ['en'];

export const ENTITIES_SKIPPED_REASONS = ['language-not-supported'] as const;
export type EntitiesSkippedReason = (typeof ENTITIES_SKIPPED_REASONS)[number];

export interface MedicalEntity {
  type: MedicalEntityType;
  /** UTF-16 index of the first code unit, into the input string. */
  start: number;
  /** UTF-16 index one past the last code unit. */
  end: number;
  /** Always `input.slice(start, end)`. */
  text: string;
  /** Model confidence in [0, 1] (mean per-token probability of the chosen tags). */
  confidence: number;
  /** Under the model's threshold for its type (chosen on validation data): withheld by default. */
  belowThreshold?: boolean;
}
