// Invoices and receipts (bot stage 3): OCR + key fields over HTTP, the customers' recorded
// transactions, and the conversations' ATTACHMENT_READER. Global, so that ConversationsService finds
// the reader; registers @fastify/multipart for its upload routes.
import multipart from '@fastify/multipart';
import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ATTACHMENT_READER } from '../conversations/attachment-reader.js';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { InvoiceRecognitionService } from './invoice-recognition.service.js';
import { InvoicesController } from './invoices.controller.js';
import { ReceiptAttachmentReader } from './receipt-attachment-reader.js';
import { TransactionsRepository } from './transactions.repository.js';

@Global()
@Module({
  imports: [ConversationsModule],
  controllers: [InvoicesController],
  providers: [
    InvoiceRecognitionService,
    TransactionsRepository,
    ReceiptAttachmentReader,
    { provide: ATTACHMENT_READER, useExisting: ReceiptAttachmentReader },
  ],
  exports: [ATTACHMENT_READER],
})
export class InvoicesModule implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    private readonly recognition: InvoiceRecognitionService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as
      | { hasRequestDecorator(name: string): boolean; register(plugin: unknown, options: unknown): unknown }
      | undefined;
    if (!fastify || typeof fastify.register !== 'function' || fastify.hasRequestDecorator('isMultipart'))
      return;
    // Limits again per request in readImageUpload; these bound any multipart body on this server.
    void fastify.register(multipart, {
      limits: { fileSize: this.recognition.limits.maxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    });
  }
}
