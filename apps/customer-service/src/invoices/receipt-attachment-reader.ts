// Stage 3's ATTACHMENT_READER: reads a receipt image a customer sends in a conversation, compares it
// with the transactions recorded for the customer, and answers with the problem it found (duplicate
// charge, amount mismatch, unknown merchant) or that the charge matches.
import { Injectable } from '@nestjs/common';
import type {
  AttachmentReader,
  CustomerAttachment,
  ReadAttachment,
} from '../conversations/attachment-reader.js';
import type { ExtractedFields } from './field-extraction.js';
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
    const { fields } = await this.recognition.recognizeInvoice(attachment.bytes);
    const summary = describeReceipt(fields);
    const read: Record<string, string> = {};
    for (const [name, f] of Object.entries(fields)) if (f) read[name] = f.normalized;
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

export function describeReceipt(fields: ExtractedFields): string {
  const parts = [
    fields.company ? `from ${fields.company.value}` : 'from an unreadable merchant',
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
