// Rules and the learnt tagger together: the union of their spans with overlaps resolved, then
// document-level name propagation. Two overlap policies, chosen on held-out train data and kept on
// the model card: `longest` (the longer span wins; ties go to rules for structured values such as
// e-mail or phone, to the tagger otherwise) and `model-first` (the tagger's spans stand, rules add
// only what the tagger did not touch).
import { type CombinationPolicy, DEFAULT_COMBINATION } from '@suite/medical-models';
import type { DeidLanguage, PhiType } from './phi-finding.js';
import type { PhiSpan } from './phi-labels.js';
import type { PhiTagger } from './model/phi-tagger.js';
import { propagateNames, propagatePlaces } from './name-propagation.js';
import { detectPhiByRules } from './rules/phi-rules.js';
import { withoutNonPhiWords } from './rules/english-name-scan.js';
import { overlapsTaken, resolveOverlaps } from './span-resolution.js';

// The policies are the model card's (@suite/medical-models), chosen by the trainer.
export { type CombinationPolicy, DEFAULT_COMBINATION } from '@suite/medical-models';

const RULE_FIRST: ReadonlySet<PhiType> = new Set([
  'EMAIL',
  'URL',
  'IP',
  'PHONE',
  'FAX',
  'SSN',
  'ZIP',
  'DEVICE',
]);

export function combinePhiSpans(
  text: string,
  ruleSpans: readonly PhiSpan[],
  modelSpans: readonly PhiSpan[],
  policy: CombinationPolicy = DEFAULT_COMBINATION,
): PhiSpan[] {
  let combined: PhiSpan[];
  if (policy.overlap === 'longest') {
    combined = resolveOverlaps([...ruleSpans, ...modelSpans], (s) =>
      s.source === 'rule' ? (RULE_FIRST.has(s.type) ? 2 : 0) : 1,
    );
  } else {
    const model = resolveOverlaps(modelSpans);
    const taken = new Uint8Array(text.length);
    for (const m of model) taken.fill(1, m.start, m.end);
    const free = ruleSpans.filter((r) => !overlapsTaken(taken, r.start, r.end));
    combined = resolveOverlaps([...model, ...free]);
  }
  return policy.propagateNames ? propagateNames(text, combined) : combined;
}

/** Rules plus, when given, the learnt tagger: sorted, disjoint spans into `text`. */
export async function detectPhiSpans(
  text: string,
  language: DeidLanguage,
  tagger: PhiTagger | null,
  policy: CombinationPolicy = DEFAULT_COMBINATION,
): Promise<PhiSpan[]> {
  const rules = detectPhiByRules(text, language);
  // The policy was chosen for the model's languages; elsewhere the rules run alone, with the default.
  if (!tagger?.languages.includes(language)) return combinePhiSpans(text, rules, [], DEFAULT_COMBINATION);
  const model = await tagger.detect(text, language);
  const combined = combinePhiSpans(
    text,
    rules,
    language === 'en' ? withoutNonPhiWords(text, model) : model,
    policy,
  );
  // English is scored type-blind, privacy first: a rule span the tagger cut short (`mrs. deborah
  // jones` where the tagger saw only `jones`) is removed whole. Spanish keeps MEDDOCAN's strict spans.
  return language === 'en' ? finishEnglishSpans(text, combined, rules) : combined;
}

/**
 * The English end of detection: rule spans the tagger cut short removed whole (unionWithRules),
 * then the names of that union (the tagger's, the rules' and their merges) and the places found
 * once propagated to their other mentions in the note.
 */
export function finishEnglishSpans(
  text: string,
  combined: readonly PhiSpan[],
  rules: readonly PhiSpan[],
): PhiSpan[] {
  return propagatePlaces(text, propagateNames(text, unionWithRules(combined, rules)));
}

/** Sorted disjoint spans: overlapping spans merged into their union, typed as the combined span. */
export function unionWithRules(spans: readonly PhiSpan[], rules: readonly PhiSpan[]): PhiSpan[] {
  const all = [...spans.map((s) => ({ s, rule: false })), ...rules.map((s) => ({ s, rule: true }))].sort(
    (a, b) => a.s.start - b.s.start || Number(a.rule) - Number(b.rule),
  );
  const out: { s: PhiSpan; rule: boolean }[] = [];
  for (const item of all) {
    const last = out[out.length - 1];
    if (last && item.s.start < last.s.end) {
      const typed = last.rule && !item.rule ? item.s : last.s;
      last.s = { ...typed, start: last.s.start, end: Math.max(last.s.end, item.s.end) };
      last.rule &&= item.rule;
    } else out.push({ s: { ...item.s }, rule: item.rule });
  }
  return out.map((o) => o.s);
}
