// The slots the bot fills from what customers write, and how it asks for a missing one.
export const SLOT_NAMES = ['cardType', 'amount', 'date', 'merchant', 'transactionId'] as const;

export type SlotName = (typeof SLOT_NAMES)[number];
export type SlotValues = Partial<Record<SlotName, string>>;

export function isSlotName(name: string): name is SlotName {
  return (SLOT_NAMES as readonly string[]).includes(name);
}

export const SLOT_PROMPTS: Record<SlotName, string> = {
  cardType: 'Which card is this about: your physical card or your virtual card?',
  amount: 'How much was it (for example £25.40)?',
  date: 'When did it happen (for example "yesterday" or "3 March")?',
  merchant: 'Which shop or company was it with?',
  transactionId: 'What is the transaction reference shown in the app (for example TX-482913)?',
};
