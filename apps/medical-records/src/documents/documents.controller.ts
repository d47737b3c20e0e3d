import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  Idempotent,
  type Principal,
  RequireScopes,
} from '@suite/platform';
import type { SubmissionHeaders } from '../ingestion/clinical-submission.js';
import { FHIR_MEDIA_TYPES, HL7_MEDIA_TYPES, TEXT_MEDIA_TYPE } from '../ingestion/media-types.js';
import { parseSubmission } from './document-submission.js';
import { DocumentsService, type IngestionResponse } from './documents.service.js';
import { CreateDocumentDto } from './dto/create-document.dto.js';
import { BundleResponseDto, DocumentPageDto, DocumentResponseDto } from './dto/document-response.dto.js';
import { EntityVisibilityQuery, entityVisibilityOf } from './dto/entity-visibility.query.js';
import { ListDocumentsQuery } from './dto/list-documents.query.js';

@ApiTags('documents')
@ApiSecurity('api-key')
@Controller('v1/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Idempotent()
  @RequireScopes('documents:write')
  @ApiOperation({
    summary: 'Ingest clinical text, FHIR R4 or HL7 v2: de-identify, find entities, store once',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(CreateDocumentDto) } },
        [TEXT_MEDIA_TYPE]: {
          schema: {
            type: 'string',
            description:
              'The text; metadata in X-Patient-Id, X-Document-Date, X-Source-Message-Id. A body starting with an MSH segment is read as HL7 v2.',
          },
        },
        ...Object.fromEntries(
          FHIR_MEDIA_TYPES.map((t) => [
            t,
            {
              schema: {
                type: 'object',
                description: 'FHIR R4 DocumentReference, or a transaction Bundle of them',
              },
            },
          ]),
        ),
        ...Object.fromEntries(
          HL7_MEDIA_TYPES.map((t) => [
            t,
            { schema: { type: 'string', description: 'HL7 v2 MDM^T02 (ER7)' } },
          ]),
        ),
      },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiHeader({ name: 'Content-Language', required: false, description: 'en or es (default: detected)' })
  @ApiHeader({ name: 'X-Deid-Mode', required: false, description: 'redact (default) or surrogate' })
  @ApiExtraModels(CreateDocumentDto, DocumentResponseDto, BundleResponseDto)
  @ApiCreatedResponse({
    description: 'The stored, de-identified document (a Bundle gives one per DocumentReference)',
    schema: {
      oneOf: [{ $ref: getSchemaPath(DocumentResponseDto) }, { $ref: getSchemaPath(BundleResponseDto) }],
    },
  })
  async ingestDocuments(
    @Query() query: EntityVisibilityQuery,
    @Body() body: unknown,
    @Headers() headers: SubmissionHeaders,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ): Promise<IngestionResponse> {
    const contentType = headers['content-type'];
    const submission = await parseSubmission(
      typeof contentType === 'string' ? contentType : undefined,
      body,
      headers,
    );
    const outcome = await this.documents.ingestDocuments(
      submission,
      principal,
      req.id,
      entityVisibilityOf(query),
    );
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.body;
  }

  @Get()
  @RequireScopes('documents:read')
  @ApiOkResponse({ type: DocumentPageDto })
  listDocuments(
    @Query() query: ListDocumentsQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<DocumentPageDto> {
    return this.documents.listDocuments(query, principal, req.id);
  }

  @Get(':id')
  @RequireScopes('documents:read')
  @ApiOkResponse({ type: DocumentResponseDto })
  getDocument(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: EntityVisibilityQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<DocumentResponseDto> {
    return this.documents.getDocument(id, principal, req.id, entityVisibilityOf(query));
  }
}
