// Ingests clinical documents: parse the source format, de-identify (before anything is stored),
// find medical entities in the de-identified text, and store text, findings (type and offsets only),
// entities and a keyed hash of the patient — once per source message. Reads are audited. Nothing
// here logs or returns a raw value: errors name fields, logs carry ids.
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService, DomainError, hashRequest, type Principal, TransactionRunner } from '@suite/platform';
import { DeidService } from '../deid/index.js';
import type { ClinicalSubmission } from '../ingestion/clinical-submission.js';
import { detectLanguage } from '../ingestion/language-detection.js';
import { NER_LANGUAGES } from '../ner/medical-entity.js';
import { NerService } from '../ner/ner.service.js';
import { TimeSlice } from '@suite/medical-models';
import { decodeCursor, encodeCursor } from './document-cursor.js';
import { DocumentRepository, type SourceMessageRecord } from './document.repository.js';
import type {
  BundleResponseDto,
  DocumentPageDto,
  DocumentResponseDto,
  DocumentSummaryDto,
} from './dto/document-response.dto.js';
import type { EntityVisibility } from './dto/entity-visibility.query.js';
import type { ListDocumentsQuery } from './dto/list-documents.query.js';
import type { ClinicalDocumentEntity } from './entities/clinical-document.entity.js';
import { PatientNameMemoryRepository } from './patient-name-memory.repository.js';
import { PatientRefHasher } from './patient-ref.js';

export type IngestionResponse = DocumentResponseDto | BundleResponseDto;

export interface IngestionOutcome {
  body: IngestionResponse;
  /** True when the source message id had been ingested before: the first response is returned. */
  replayed: boolean;
}

const DEFAULT_PAGE_SIZE = 20;

/** One patient's name memory while a message is processed: what was stored, and what it adds. */
interface NameMemory {
  known: Set<string>;
  learnt: string[];
}

@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly deid: DeidService,
    private readonly ner: NerService,
    private readonly documents: DocumentRepository,
    private readonly patientRefs: PatientRefHasher,
    private readonly audit: AuditService,
    private readonly nameMemories: PatientNameMemoryRepository,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Narrow (@Idempotent({ narrow: true })): de-identification and NER run with no transaction open and
   * no pooled connection held; then one short transaction (`tx.run`, the request's own with an
   * Idempotency-Key) claims the source message, numbers the versions from what is stored at that
   * moment, and writes the documents and their audit rows, which commit together with the idempotency
   * record, or none of them do.
   */
  async ingestDocuments(
    submission: ClinicalSubmission,
    principal: Principal,
    correlationId: string,
    visibility: EntityVisibility = { includeLowConfidence: false },
  ): Promise<IngestionOutcome> {
    const { message } = submission;
    const requestHash = submissionHash(submission);
    if (message.messageId !== undefined) {
      // Cheap early answer for a redelivery; the claim below is what makes it race-free.
      const seen = await this.documents.findSourceMessage(principal.keyId, message.format, message.messageId);
      if (seen)
        return this.tx.run(() => this.replay(seen, requestHash, principal, correlationId, visibility));
    }

    const receivedAt = new Date();
    const nerModel = await this.nerModelName();
    const sourceMessageId = randomUUID();
    const stored: ClinicalDocumentEntity[] = [];
    // Per patient of the message, by the memory's own key (deid/patient-name-memory.ts).
    const nameMemory = new Map<string, NameMemory>();
    for (const [position, source] of message.documents.entries()) {
      const patientRef = this.patientRefs.patientRefOf(source.patientId);
      const language = submission.language ?? detectLanguage(source.text);
      const memory = patientRef === null ? undefined : await this.nameMemoryOf(patientRef, nameMemory);
      // De-identification and NER run on this thread in bounded slices (see TimeSlice): a long
      // document gives way to /health/live and other requests between them.
      const slice = new TimeSlice();
      await slice.pause();
      const deidentified = await this.deid.deidentify({
        text: source.text,
        language,
        mode: submission.mode,
        patientKey: patientRef ?? undefined,
        knownIdentifiers: source.knownIdentifiers,
        rememberedNameWords: memory?.known,
      });
      // The next documents of this patient, in this message too, lose these names wherever they occur.
      if (memory)
        for (const word of deidentified.nameWords ?? []) {
          memory.known.add(word);
          memory.learnt.push(word);
        }
      // Redaction tokens and surrogates are not clinical content: entities inside them are dropped.
      await slice.pause();
      // The English-only NER model is not run on other languages (responses say so).
      const entities = this.ner.supportsLanguage(language)
        ? withoutPhiOverlap(await this.ner.extractEntities(deidentified.text, slice), deidentified.findings)
        : [];
      stored.push({
        id: randomUUID(),
        sourceMessage: sourceMessageId,
        position,
        sourceFormat: message.format,
        sourceDocumentId: source.sourceDocumentId ?? null,
        patientRef,
        documentDate: source.documentDate ?? null,
        occurredAt: source.documentDate ?? receivedAt,
        language,
        deidMode: submission.mode,
        text: deidentified.text,
        phiFindings: deidentified.findings.map((f) => ({ type: f.type, start: f.start, end: f.end })),
        entities: entities.map((e) => ({
          type: e.type,
          start: e.start,
          end: e.end,
          text: e.text,
          confidence: e.confidence,
          belowThreshold: e.belowThreshold ?? false,
        })),
        nerModel,
        submittedBy: principal.keyId,
        correlationId,
        createdAt: receivedAt,
        // Numbered in the write transaction below.
        version: 1,
        previousVersion: null,
        reportStatus: source.reportStatus ?? null,
      });
    }

    const claim: SourceMessageRecord = {
      id: sourceMessageId,
      submittedBy: principal.keyId,
      sourceFormat: message.format,
      sourceMessageId: message.messageId ?? null,
      requestHash,
      bundle: message.bundle,
      documentCount: stored.length,
    };
    return this.tx.run(async () => {
      if (!(await this.documents.claimSourceMessage(claim))) {
        // Ingested concurrently by another request: that one's documents are the stored ones.
        const seen = await this.documents.findSourceMessage(
          principal.keyId,
          message.format,
          message.messageId!,
        );
        if (!seen) throw new DomainError('CONFLICT', 'source message id: claimed concurrently, retry');
        return this.replay(seen, requestHash, principal, correlationId, visibility);
      }
      await this.numberVersions(principal.keyId, message.format, stored);
      await this.documents.insertDocuments(stored);
      // The names learnt commit with the documents (and the idempotency record), or neither does.
      await this.nameMemories.remember(
        new Map([...nameMemory].map(([patient, m]) => [patient, m.learnt])),
        receivedAt,
      );
      await this.auditDocuments(principal, 'document.create', stored, 'success', correlationId);
      // Ids, formats and counts only.
      this.logger.log({
        event: 'documents.ingested',
        sourceMessage: sourceMessageId,
        format: message.format,
        documents: stored.length,
        phiFindings: stored.reduce((n, d) => n + d.phiFindings.length, 0),
        entities: stored.reduce((n, d) => n + d.entities.length, 0),
        correlationId,
      });
      return { body: this.responseOf(message.bundle, stored, visibility), replayed: false };
    });
  }

  /**
   * A source document id seen before (stored, or earlier in this message) makes the next version. Read
   * in the write transaction, so it is what is stored now; a version stored concurrently after this
   * read fails the insert (unique version) with 409, as before.
   */
  private async numberVersions(
    submittedBy: string,
    format: ClinicalDocumentEntity['sourceFormat'],
    documents: ClinicalDocumentEntity[],
  ): Promise<void> {
    const latest = await this.documents.latestVersions(submittedBy, format, [
      ...new Set(documents.flatMap((d) => (d.sourceDocumentId === null ? [] : [d.sourceDocumentId]))),
    ]);
    for (const d of documents) {
      if (d.sourceDocumentId === null) continue;
      const previous = latest.get(d.sourceDocumentId);
      d.version = (previous?.version ?? 0) + 1;
      d.previousVersion = previous?.id ?? null;
      latest.set(d.sourceDocumentId, { id: d.id, version: d.version });
    }
  }

  async getDocument(
    id: string,
    principal: Principal,
    correlationId: string,
    visibility: EntityVisibility = { includeLowConfidence: false },
  ): Promise<DocumentResponseDto> {
    const document = await this.documents.findDocument(id);
    await this.auditDocuments(
      principal,
      'document.read',
      [{ id }],
      document ? 'success' : 'failed',
      correlationId,
    );
    if (!document) throw new DomainError('NOT_FOUND', `no document ${id}`);
    return toDocumentResponse(document, visibility);
  }

  async listDocuments(
    query: ListDocumentsQuery,
    principal: Principal,
    correlationId: string,
  ): Promise<DocumentPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.documents.listDocuments({
      patientRef: query.patientRef,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    // Every document a caller sees is an audited read, listed or fetched.
    await this.auditDocuments(principal, 'document.list', page, 'success', correlationId);
    const last = page[page.length - 1];
    return {
      items: page.map(toDocumentSummary),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  /** Every version of a document, oldest first: one audited read per version returned. */
  async documentVersions(
    id: string,
    principal: Principal,
    correlationId: string,
  ): Promise<DocumentSummaryDto[]> {
    const versions = await this.documents.versionsOf(id);
    if (versions.length === 0) {
      await this.auditDocuments(principal, 'document.versions', [{ id }], 'failed', correlationId);
      throw new DomainError('NOT_FOUND', `no document ${id}`);
    }
    await this.auditDocuments(principal, 'document.versions', versions, 'success', correlationId);
    return versions.map(toDocumentSummary);
  }

  /**
   * A patient's documents by the sender's own identifier (MRN): hashed exactly as at ingestion, so the
   * identifier itself is never stored, logged or compared in the clear.
   */
  async findDocumentsByPatientId(
    query: Omit<ListDocumentsQuery, 'patientRef'> & { patientId: string },
    principal: Principal,
    correlationId: string,
  ): Promise<DocumentPageDto> {
    const { patientId, ...rest } = query;
    return this.listDocuments(
      { ...rest, patientRef: this.patientRefs.patientRefOf(patientId)! },
      principal,
      correlationId,
    );
  }

  /**
   * Forgets everything the name memory holds of one patient (by the sender's identifier, hashed as at
   * ingestion); their stored documents stay. Audited with the patient reference, never the identifier.
   */
  async eraseNameMemory(
    patientId: string,
    principal: Principal,
    correlationId: string,
  ): Promise<{ patientRef: string; erasedWords: number }> {
    const patientRef = this.patientRefs.patientRefOf(patientId)!;
    // The erasure and its audit row commit together.
    return this.tx.run(async () => {
      const erasedWords = await this.nameMemories.erase(this.deid.nameMemoryKey(patientRef));
      await this.audit.record({
        actor: principal.keyId,
        action: 'patient.name-memory.erase',
        resourceType: 'patient',
        resourceId: patientRef,
        outcome: 'success',
        correlationId,
      });
      return { patientRef, erasedWords };
    });
  }

  private async nameMemoryOf(patientRef: string, memories: Map<string, NameMemory>): Promise<NameMemory> {
    const key = this.deid.nameMemoryKey(patientRef);
    let memory = memories.get(key);
    if (!memory) {
      memory = { known: (await this.nameMemories.recall([key])).get(key)!, learnt: [] };
      memories.set(key, memory);
    }
    return memory;
  }

  private async replay(
    seen: SourceMessageRecord,
    requestHash: string,
    principal: Principal,
    correlationId: string,
    visibility: EntityVisibility,
  ): Promise<IngestionOutcome> {
    if (seen.requestHash !== requestHash) {
      throw new DomainError(
        'CONFLICT',
        'source message id: already ingested with different content (send a new message id for a correction)',
      );
    }
    const stored = await this.documents.documentsOfMessage(seen.id);
    await this.auditDocuments(principal, 'document.replay', stored, 'success', correlationId);
    return { body: this.responseOf(seen.bundle, stored, visibility), replayed: true };
  }

  private responseOf(
    bundle: boolean,
    stored: ClinicalDocumentEntity[],
    visibility: EntityVisibility,
  ): IngestionResponse {
    if (bundle)
      return {
        sourceFormat: stored[0]?.sourceFormat ?? 'fhir',
        documents: stored.map((d) => toDocumentResponse(d, visibility)),
      };
    return toDocumentResponse(stored[0], visibility);
  }

  // One audit row per document touched: who, what, which document, outcome (never its content).
  private async auditDocuments(
    principal: Principal,
    action: string,
    documents: readonly { id: string }[],
    outcome: 'success' | 'failed',
    correlationId: string,
  ): Promise<void> {
    for (const d of documents) {
      await this.audit.record({
        actor: principal.keyId,
        action,
        resourceType: 'document',
        resourceId: d.id,
        outcome,
        correlationId,
      });
    }
  }

  private async nerModelName(): Promise<string> {
    const card = await this.ner.modelCard();
    return `${card.name}/${card.version}`;
  }
}

// What a redelivery must repeat to be a replay: the parsed content and settings, not the bytes, so a
// message resent over another transport (HTTP, NATS) or re-serialised (key order, segment ends)
// still matches. Only this SHA-256 is stored.
function submissionHash(submission: ClinicalSubmission): string {
  const { message } = submission;
  return hashRequest('POST', '/v1/documents', {
    format: message.format,
    messageId: message.messageId,
    language: submission.language,
    mode: submission.mode,
    documents: message.documents.map((d) => ({
      text: d.text,
      patientId: d.patientId,
      documentDate: d.documentDate?.toISOString(),
      sourceDocumentId: d.sourceDocumentId,
    })),
  });
}

// Findings are disjoint (replacements): sorted by start, one sweep instead of entities x findings.
export function withoutPhiOverlap<T extends { start: number; end: number }>(
  entities: readonly T[],
  findings: readonly { start: number; end: number }[],
): T[] {
  const byStart = [...findings].sort((a, b) => a.start - b.start);
  const kept: T[] = [];
  let f = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    // Findings before f end at or before e.start; among the rest the first decides.
    while (f < byStart.length && byStart[f].end <= e.start) f++;
    if (f < byStart.length && byStart[f].start < e.end) continue;
    kept.push(e);
  }
  return kept;
}

function toDocumentSummary(d: ClinicalDocumentEntity): DocumentSummaryDto {
  return {
    id: d.id,
    patientRef: d.patientRef,
    documentDate: d.documentDate?.toISOString() ?? null,
    receivedAt: d.createdAt.toISOString(),
    sourceFormat: d.sourceFormat,
    sourceDocumentId: d.sourceDocumentId,
    language: d.language,
    deidMode: d.deidMode,
    version: d.version,
    previousVersion: d.previousVersion,
    reportStatus: d.reportStatus,
  };
}

function toDocumentResponse(d: ClinicalDocumentEntity, visibility: EntityVisibility): DocumentResponseDto {
  // Documents stored before NER skipped other languages carry the English model's entities: hidden.
  const skipped = NER_LANGUAGES.includes(d.language) ? null : 'language-not-supported';
  const all = skipped ? [] : d.entities;
  const shown = visibility.includeLowConfidence ? all : all.filter((e) => !e.belowThreshold);
  return {
    ...toDocumentSummary(d),
    text: d.text,
    phiFindings: d.phiFindings.map((f) => ({ type: f.type, start: f.start, end: f.end })),
    entities: shown.map((e) => ({
      type: e.type,
      start: e.start,
      end: e.end,
      text: e.text,
      confidence: e.confidence,
      belowThreshold: e.belowThreshold ?? false,
    })),
    entitiesBelowThreshold: all.length - shown.length,
    entitiesSkipped: skipped,
    nerModel: d.nerModel,
  };
}
