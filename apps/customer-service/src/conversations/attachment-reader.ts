// Stage 3's extension point (invoices and receipts, built in its own issue): a global module that
// provides ATTACHMENT_READER turns an image a customer sends into text the bot can answer (e.g. "receipt from
// TESCO, total 25.40, 2025-11-27"), and its upload route hands the image to
// ConversationsService.receiveAttachment(). Without a reader, or below BOT_STAGE=3, images are refused.
export const ATTACHMENT_READER = Symbol('ATTACHMENT_READER');

export interface CustomerAttachment {
  contentType: string;
  bytes: Uint8Array;
  /** The conversation's tenant (set by ConversationsService) and, when given, the customer's id. */
  apiKeyId?: string;
  customerId?: string;
}

export interface ReadAttachment {
  /** What the customer's message says, for the bot's usual turn (rules, intents, slots). */
  text: string;
  /** Fields read from the document, for the agent and the reply (company, date, total…). */
  fields?: Record<string, string>;
  /** The bot's answer when the reader settles the turn itself (e.g. the problem a receipt shows). */
  answer?: { text: string; intent: string };
}

export interface AttachmentReader {
  readAttachment(attachment: CustomerAttachment): Promise<ReadAttachment>;
}
