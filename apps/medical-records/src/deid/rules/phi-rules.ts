// All de-identification rules, applied to one text in one language.
import type { DeidLanguage } from '../phi-finding.js';
import type { PhiSpan } from '../phi-labels.js';
import { resolveOverlaps } from '../span-resolution.js';
import { ADDRESS_RULES } from './address-rules.js';
import { DATE_RULES } from './date-rules.js';
import { IDENTIFIER_RULES } from './identifier-rules.js';
import { NAME_RULES } from './name-rules.js';
import { scanEnglishNames } from './english-name-scan.js';
import { applyRule, type PhiRule } from './rule-pattern.js';

// Order is priority on ties: structured values first.
export const PHI_RULES: readonly PhiRule[] = [
  ...IDENTIFIER_RULES,
  ...DATE_RULES,
  ...ADDRESS_RULES,
  ...NAME_RULES,
];

export function detectPhiByRules(text: string, language: DeidLanguage): PhiSpan[] {
  const spans: PhiSpan[] = [];
  const rank = new Map<PhiSpan, number>();
  PHI_RULES.forEach((rule, k) => {
    if (!rule.languages.includes(language)) return;
    for (const s of applyRule(rule, text)) {
      rank.set(s, -k);
      spans.push(s);
    }
  });
  // Names by cue and gazetteer (English), after every pattern rule on ties.
  if (language === 'en')
    for (const s of scanEnglishNames(text)) {
      rank.set(s, -PHI_RULES.length);
      spans.push(s);
    }
  return resolveOverlaps(spans, (s) => rank.get(s) ?? 0);
}
