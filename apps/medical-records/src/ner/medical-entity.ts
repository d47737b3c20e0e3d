// What NER returns to callers (documents API, CLI): typed spans with UTF-16 offsets into the exact
// string that was passed in, so `text === input.slice(start, end)` always holds.

export const MEDICAL_ENTITY_TYPES = ['Chemical', 'Disease'] as const;

export type MedicalEntityType = (typeof MEDICAL_ENTITY_TYPES)[number];

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
}
