// What the bot remembers of a conversation between turns (stage 2): the topic, the slots gathered so
// far, and the question it is waiting on. Stored as JSON on the conversation row.
import type { SlotName, SlotValues } from './slots.js';

export type PendingQuestion =
  { kind: 'clarification'; options: [string, string] } | { kind: 'slot'; intent: string; slot: SlotName };

export interface DialogueState {
  activeIntent: string | null;
  slots: SlotValues;
  pending: PendingQuestion | null;
}

export function emptyDialogueState(): DialogueState {
  return { activeIntent: null, slots: {}, pending: null };
}
