import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
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
import { buildAcknowledgement } from '../ingestion/hl7-ack.js';
import { FHIR_MEDIA_TYPES, HL7_MEDIA_TYPES, TEXT_MEDIA_TYPE } from '../ingestion/media-types.js';
import { FHIR_RESPONSE_TYPE, HL7_RESPONSE_TYPE, responseFormatOf } from '../ingestion/response-format.js';
import { parseSubmission } from './document-submission.js';
import { DocumentsService, type IngestionResponse } from './documents.service.js';
import { CreateDocumentDto } from './dto/create-document.dto.js';
import {
  BundleResponseDto,
  DocumentPageDto,
  DocumentResponseDto,
  DocumentSummaryDto,
} from './dto/document-response.dto.js';
import { EraseNameMemoryDto, NameMemoryErasedDto } from './dto/erase-name-memory.dto.js';
import { FindDocumentsByPatientDto } from './dto/find-documents-by-patient.dto.js';
import { EntityVisibilityQuery, entityVisibilityOf } from './dto/entity-visibility.query.js';
import { ListDocumentsQuery } from './dto/list-documents.query.js';
import { documentLocation, fhirIngestionResponse } from './fhir-response.js';
import { InteropErrorFilter } from './interop-error.filter.js';

@ApiTags('documents')
@ApiSecurity('api-key')
@Controller('v1/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  // De-identification and NER run outside any transaction; only the writes hold a connection.
  @Idempotent({ narrow: true })
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
                description:
                  'FHIR R4 DocumentReference, DiagnosticReport, Composition or Binary, or a Bundle (transaction, batch, collection, searchset, document). Answered with a transaction-/batch-response Bundle or an OperationOutcome.',
              },
            },
          ]),
        ),
        ...Object.fromEntries(
          HL7_MEDIA_TYPES.map((t) => [
            t,
            {
              schema: {
                type: 'string',
                description:
                  'HL7 v2 (ER7): MDM^T02/T04/T06/T08/T10, ORU^R01, ORM^O01; MSH-18 charsets. With Accept: x-application/hl7-v2+er7 the answer is an ACK.',
              },
            },
          ]),
        ),
      },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiHeader({
    name: 'Accept',
    required: false,
    description:
      'x-application/hl7-v2+er7 for an HL7 ACK; application/fhir+json for FHIR answers (the default for FHIR bodies)',
  })
  @UseFilters(InteropErrorFilter)
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
  ): Promise<IngestionResponse | string | unknown> {
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
    switch (responseFormatOf(headers)) {
      case 'hl7':
        reply.header('content-type', HL7_RESPONSE_TYPE);
        return buildAcknowledgement(body, 'AA');
      case 'fhir': {
        const first = 'documents' in outcome.body ? outcome.body.documents[0] : outcome.body;
        if (first) reply.header('location', `/${documentLocation(first)}`);
        reply.header('content-type', FHIR_RESPONSE_TYPE);
        return fhirIngestionResponse(submission.message, outcome.body);
      }
      case 'json':
        return outcome.body;
    }
  }

  // POST with a body: the MRN must not travel in a URL (access logs, proxies, browser history).
  @Post('by-patient-id')
  @HttpCode(200)
  @RequireScopes('documents:read')
  @ApiOperation({
    summary: "A patient's documents by the sender's patient identifier (MRN), hashed as at ingestion",
  })
  @ApiOkResponse({ type: DocumentPageDto })
  findDocumentsByPatientId(
    @Body() query: FindDocumentsByPatientDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<DocumentPageDto> {
    return this.documents.findDocumentsByPatientId(query, principal, req.id);
  }

  // Erasure on request (a privacy officer's, a patient's): the stored documents stay, de-identified.
  @Post('name-memory/erase')
  @HttpCode(200)
  @RequireScopes('documents:write')
  @ApiOperation({
    summary:
      "Forget a patient's name memory (keyed hashes of the name words found in their documents, used to remove those names from their later documents)",
  })
  @ApiOkResponse({ type: NameMemoryErasedDto })
  eraseNameMemory(
    @Body() body: EraseNameMemoryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<NameMemoryErasedDto> {
    return this.documents.eraseNameMemory(body.patientId, principal, req.id);
  }

  @Get(':id/versions')
  @RequireScopes('documents:read')
  @ApiOperation({ summary: 'Every version of a document (MDM T06/T08/T10, corrected results), oldest first' })
  @ApiOkResponse({ type: [DocumentSummaryDto] })
  documentVersions(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<DocumentSummaryDto[]> {
    return this.documents.documentVersions(id, principal, req.id);
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
