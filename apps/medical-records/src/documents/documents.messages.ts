// Ingestion over NATS (with NATS_URL set): subject `medical.documents.ingest`, the same parsers, scope,
// transaction, de-identification and deduplication as POST /v1/documents. The reply is sent after the
// commit (request-reply: the reply is the acknowledgement), and a redelivered message is recognised by
// its source message id in medical.source_messages (the inbox) or by the command's idempotencyKey.
// Command: { apiKey, idempotencyKey?, data: { contentType, body, language?, mode?, ... } }.
import { Module } from '@nestjs/common';
import { Ctx, MessagePattern, type NatsContext, Payload } from '@nestjs/microservices';
import {
  acceptCorrelationId,
  natsCommandOf,
  NatsCommandRunner,
  NatsMessageController,
  type NatsReply,
  NatsTransportModule,
} from '@suite/platform';
import type { SubmissionHeaders } from '../ingestion/clinical-submission.js';
import { invalidField } from '../ingestion/source-document.js';
import { parseSubmission } from './document-submission.js';
import { DocumentsModule } from './documents.module.js';
import { DocumentsService, type IngestionResponse } from './documents.service.js';
import { DocumentMessageDto } from './dto/document-message.dto.js';

export const INGEST_DOCUMENT_SUBJECT = 'medical.documents.ingest';

class IngestDocumentCommand extends natsCommandOf(DocumentMessageDto) {}

function bodyOf(message: DocumentMessageDto): unknown {
  if (!message.contentType.endsWith('json')) return message.body;
  try {
    return JSON.parse(message.body) as unknown;
  } catch {
    throw invalidField('data.body', 'is not valid JSON');
  }
}

function headersOf(message: DocumentMessageDto): SubmissionHeaders {
  return {
    'content-language': message.language,
    'x-deid-mode': message.mode,
    'x-patient-id': message.patientId,
    'x-document-date': message.documentDate,
    'x-source-message-id': message.sourceMessageId,
  };
}

@NatsMessageController()
export class DocumentsMessagesController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly commands: NatsCommandRunner,
  ) {}

  @MessagePattern(INGEST_DOCUMENT_SUBJECT)
  async ingestDocument(
    @Payload() command: IngestDocumentCommand,
    @Ctx() context: NatsContext,
  ): Promise<NatsReply<IngestionResponse>> {
    // Only a well-formed id is kept (it reaches logs, error bodies and the audit log).
    const correlationId = acceptCorrelationId(context.getHeaders()?.get('x-correlation-id'));
    const message = command.data;
    const reply = await this.commands.runCommand(
      command,
      {
        scopes: ['documents:write'],
        http: { method: 'POST', route: '/v1/documents', body: message },
        narrow: true,
      },
      async (principal) => {
        const submission = await parseSubmission(message.contentType, bodyOf(message), headersOf(message));
        return this.documents.ingestDocuments(submission, principal, correlationId);
      },
    );
    return { status: reply.status, body: reply.body.body, replayed: reply.replayed || reply.body.replayed };
  }
}

@Module({
  imports: [DocumentsModule, NatsTransportModule],
  controllers: [DocumentsMessagesController],
})
export class DocumentsMessagesModule {}
