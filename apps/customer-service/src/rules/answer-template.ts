// Answer templates: text with slots written {slot} or {slot|what to say when it is unknown}. A slot
// without a fallback that is unknown renders as a neutral phrase, never as braces.
import { isSlotName, type SlotName, type SlotValues } from '../dialogue/slots.js';

const PLACEHOLDER = /\{([A-Za-z]+)(?:\|([^{}]*))?\}/g;

const NEUTRAL: Record<SlotName, string> = {
  cardType: '',
  amount: 'the amount',
  date: 'that day',
  merchant: 'the merchant',
  transactionId: 'the transaction',
};

/** Slot names a template uses, in order of first use. */
export function templateSlots(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Problems with a template (unknown slots, stray braces); empty when it is fine. */
export function templateProblems(template: string): string[] {
  const problems = templateSlots(template)
    .filter((s) => !isSlotName(s))
    .map((s) => `unknown slot {${s}}`);
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) problems.push('unbalanced braces');
  return problems;
}

export function renderAnswer(template: string, slots: SlotValues): string {
  return template
    .replace(PLACEHOLDER, (_all, name: string, fallback: string | undefined) => {
      const value = isSlotName(name) ? slots[name] : undefined;
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      return isSlotName(name) ? NEUTRAL[name] : '';
    })
    .replace(/\s{2,}/g, ' ')
    .trim();
}
