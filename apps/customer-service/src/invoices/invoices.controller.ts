import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, DomainError, Idempotent, type Principal, RequireScopes } from '@suite/platform';
import type { FastifyRequest } from 'fastify';
import { ConversationsService } from '../conversations/conversations.service.js';
import { BotReplyDto } from '../conversations/dto/conversation-response.dto.js';
import { ResourceIdPipe } from '../http-input/resource-id.pipe.js';
import {
  AttachmentRequestDto,
  RecognizeInvoiceRequestDto,
  RecognizeInvoiceResponseDto,
} from './dto/invoice-response.dto.js';
import {
  LoadTransactionsDto,
  LoadTransactionsResponseDto,
  TransactionListResponseDto,
} from './dto/transactions.dto.js';
import { readImageUpload } from './image-upload.js';
import { InvoiceRecognitionService, toRecognizeResponse } from './invoice-recognition.service.js';
import { TransactionsRepository } from './transactions.repository.js';

const CUSTOMER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function customerIdOf(value: string | undefined): string {
  if (value === undefined || !CUSTOMER_ID.test(value))
    throw new DomainError('VALIDATION_FAILED', 'customerId: 1-128 characters of A-Z a-z 0-9 . _ : -', {
      fields: [
        { field: 'customerId', messages: ['customerId must be 1-128 characters of A-Z a-z 0-9 . _ : -'] },
      ],
    });
  return value;
}

@ApiTags('invoices')
@ApiSecurity('api-key')
@Controller('v1')
export class InvoicesController {
  constructor(
    private readonly recognition: InvoiceRecognitionService,
    private readonly transactions: TransactionsRepository,
    private readonly conversations: ConversationsService,
  ) {}

  /** Fields (company, date, address, total, invoice number, tax, currency) and text lines of a receipt image. */
  @Post('invoices/recognize')
  @RequireScopes('support:invoices')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: RecognizeInvoiceRequestDto })
  @ApiCreatedResponse({ type: RecognizeInvoiceResponseDto })
  async recognizeInvoice(@Req() request: FastifyRequest): Promise<RecognizeInvoiceResponseDto> {
    const { bytes } = await readImageUpload(request, this.recognition.limits.maxBytes);
    return toRecognizeResponse(await this.recognition.recognizeInvoice(bytes));
  }

  /** Loads (inserts or updates by externalId) a customer's recorded card transactions. */
  @Post('customers/:customerId/transactions')
  @Idempotent()
  @RequireScopes('support:transactions')
  @ApiCreatedResponse({ type: LoadTransactionsResponseDto })
  loadTransactions(
    @Param('customerId') customerId: string,
    @Body() dto: LoadTransactionsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LoadTransactionsResponseDto> {
    return this.transactions.upsertTransactions(principal.keyId, customerIdOf(customerId), dto.transactions);
  }

  @Get('customers/:customerId/transactions')
  @RequireScopes('support:transactions')
  @ApiOkResponse({ type: TransactionListResponseDto })
  async listTransactions(
    @Param('customerId') customerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TransactionListResponseDto> {
    return { items: await this.transactions.listTransactions(principal.keyId, customerIdOf(customerId)) };
  }

  /**
   * Stage 3: an image message (a receipt) in a conversation. The bot reads it and, with `customerId`,
   * compares it with the customer's recorded transactions and names the problem.
   */
  @Post('conversations/:id/attachments')
  // OCR and the turn's inference run outside any transaction (ConversationsService.receiveAttachment).
  @Idempotent({ narrow: true })
  @RequireScopes('support:chat')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: AttachmentRequestDto })
  @ApiCreatedResponse({ type: BotReplyDto })
  async postAttachment(
    @Param('id', ResourceIdPipe) id: string,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BotReplyDto> {
    const { bytes, fields } = await readImageUpload(request, this.recognition.limits.maxBytes);
    const customerId = fields.customerId === undefined ? undefined : customerIdOf(fields.customerId);
    return this.conversations.receiveAttachment(
      id,
      { contentType: 'application/octet-stream', bytes, customerId },
      principal,
    );
  }
}
