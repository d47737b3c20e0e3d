// Stage 3's ATTACHMENT_READER: reads a receipt image a customer sends in a conversation, compares it
// with the transactions recorded for the customer, and answers with the problem it found (duplicate
// charge, amount mismatch, unknown merchant) or that the charge matches. A value whose calibrated
// confidence is under its threshold (fitted on the dev receipts) is never stated: the bot asks the
// customer to confirm it ("Is the total 9.00 GBP?"), or for a clearer photo when nothing was read,
// and names the field it could not read.
import { Injectable } from '@nestjs/common';
import { SROIE_FIELDS, type SroieField } from '@suite/ml';
import type {
  AttachmentReader,
  CustomerAttachment,
  ReadAttachment,
} from '../conversations/attachment-reader.js';
import type { ExtractedFields } from '@suite/support-models';
import { InvoiceRecognitionService } from './invoice-recognition.service.js';
import { matchReceipt, type ReceiptMatch } from './receipt-matching.js';
import { TransactionsRepository } from './transactions.repository.js';

@Injectable()
export class ReceiptAttachmentReader implements AttachmentReader {
  constructor(
    private readonly recognition: InvoiceRecognitionService,
    private readonly transactions: TransactionsRepository,
  ) {}

  async readAttachment(attachment: CustomerAttachment): Promise<ReadAttachment> {
    const { fields: all, thresholds } = await this.recognition.recognizeInvoice(attachment.bytes);
    const fields = statedFields(all, thresholds);
    const summary = describeReceipt(fields);
    const read: Record<string, string> = {};
    for (const [name, f] of Object.entries(fields)) if (f) read[name] = f.normalized;
    const unsure = uncertainTotalQuestion(all, fields);
    if (unsure)
      return {
        text: `[image] ${summary}`,
        fields: { ...read, unreadable: 'total' },
        answer: { text: unsure.text, intent: unsure.intent },
      };
    if (!attachment.apiKeyId || !attachment.customerId)
      return {
        text: `[image] ${summary}`,
        fields: read,
        answer: {
          text: `I read your receipt: ${summary}. Tell me which charge it is about and I will check it.`,
          intent: 'receipt_read',
        },
      };
    const recorded = await this.transactions.listTransactions(attachment.apiKeyId, attachment.customerId);
    const match = matchReceipt(
      { merchant: fields.company?.value, date: fields.date?.normalized, total: fields.total?.normalized },
      recorded,
    );
    return {
      text: `[image] ${summary}`,
      fields: { ...read, problem: match.problem },
      answer: { text: answerFor(summary, match), intent: `receipt_${match.problem}` },
    };
  }
}

/** The fields the bot may state: the key fields at or above their threshold, and the rule fields. */
export function statedFields(
  fields: ExtractedFields,
  thresholds: Readonly<Record<SroieField, number>>,
): ExtractedFields {
  const out: ExtractedFields = { ...fields };
  for (const f of SROIE_FIELDS) {
    const field = fields[f];
    if (field && field.confidence < thresholds[f]) delete out[f];
  }
  return out;
}

/** With no total the bot can state: a confirmation question for a total read unsurely, else a clearer photo. */
export function uncertainTotalQuestion(
  all: ExtractedFields,
  stated: ExtractedFields,
): { text: string; intent: string } | undefined {
  if (stated.total) return undefined;
  const from = stated.company ? ` from ${stated.company.value}` : '';
  const currency = all.currency ? ` ${all.currency.normalized}` : '';
  if (all.total)
    return {
      text: `I could not read the total on your receipt${from} clearly. Is the total ${all.total.normalized}${currency}? If not, please send a clearer photo of the receipt.`,
      intent: 'receipt_confirm_total',
    };
  return {
    text: `I could not read the total on your receipt${from}. Could you send a clearer photo, with the total in focus?`,
    intent: 'receipt_unreadable',
  };
}

export function describeReceipt(fields: ExtractedFields): string {
  const parts = [
    fields.company ? `from ${fields.company.value}` : 'from a merchant whose name I could not read',
    fields.date ? `dated ${fields.date.normalized}` : undefined,
    fields.total
      ? `total ${fields.total.normalized}${fields.currency ? ` ${fields.currency.normalized}` : ''}`
      : 'total unreadable',
  ];
  return `receipt ${parts.filter((p) => p).join(', ')}`;
}

export function answerFor(summary: string, match: ReceiptMatch): string {
  switch (match.problem) {
    case 'duplicate_charge':
      return `I checked your ${summary}. Duplicate charge: ${match.explanation}. I have flagged it so that the extra charge can be refunded.`;
    case 'amount_mismatch':
      return `I checked your ${summary}. Amount mismatch: ${match.explanation}. I have flagged the difference for a refund review.`;
    case 'unknown_merchant':
      return `I checked your ${summary}. Unknown merchant: ${match.explanation}. Could you confirm which charge on your statement this receipt belongs to?`;
    case 'none':
      return `I checked your ${summary}. No problem found: ${match.explanation}.`;
  }
}
