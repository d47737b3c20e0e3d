// Plain SQL through the TransactionRunner: inside the request's write transaction (DocumentsService's
// `tx.run`) documents, the source message that brought them and the audit rows commit together with
// the idempotency record; reads before it (the early replay check) are autocommit.
import { Injectable } from '@nestjs/common';
import { DomainError, TransactionRunner } from '@suite/platform';
import type { SourceFormat } from '../ingestion/source-document.js';
import type { DocumentKey } from './document-cursor.js';
import type { ClinicalDocumentEntity } from './entities/clinical-document.entity.js';

export interface SourceMessageRecord {
  id: string;
  submittedBy: string;
  sourceFormat: SourceFormat;
  sourceMessageId: string | null;
  requestHash: string;
  bundle: boolean;
  documentCount: number;
}

export interface DocumentFilter {
  patientRef?: string;
  from?: Date;
  to?: Date;
  after?: DocumentKey;
  limit: number;
}

interface DocumentRow {
  id: string;
  source_message: string;
  position: number;
  source_format: SourceFormat;
  source_document_id: string | null;
  patient_ref: string | null;
  document_date: Date | null;
  occurred_at: Date;
  language: ClinicalDocumentEntity['language'];
  deid_mode: ClinicalDocumentEntity['deidMode'];
  text: string;
  phi_findings: ClinicalDocumentEntity['phiFindings'];
  entities: ClinicalDocumentEntity['entities'];
  ner_model: string;
  submitted_by: string;
  correlation_id: string | null;
  created_at: Date;
  version: number;
  previous_version: string | null;
  report_status: string | null;
}

export interface LatestVersion {
  id: string;
  version: number;
}

const DOCUMENT_COLUMNS = `id, source_message, position, source_format, source_document_id, patient_ref, document_date,
  occurred_at, language, deid_mode, text, phi_findings, entities, ner_model, submitted_by, correlation_id, created_at,
  version, previous_version, report_status`;
const SUMMARY_COLUMNS = `id, source_message, position, source_format, source_document_id, patient_ref, document_date,
  occurred_at, language, deid_mode, '' AS text, '[]'::jsonb AS phi_findings, '[]'::jsonb AS entities, ner_model,
  submitted_by, correlation_id, created_at, version, previous_version, report_status`;
const UNIQUE_VIOLATION = '23505';

function toEntity(r: DocumentRow): ClinicalDocumentEntity {
  return {
    id: r.id,
    sourceMessage: r.source_message,
    position: r.position,
    sourceFormat: r.source_format,
    sourceDocumentId: r.source_document_id,
    patientRef: r.patient_ref,
    documentDate: r.document_date,
    occurredAt: r.occurred_at,
    language: r.language,
    deidMode: r.deid_mode,
    text: r.text,
    phiFindings: r.phi_findings,
    entities: r.entities,
    nerModel: r.ner_model,
    submittedBy: r.submitted_by,
    correlationId: r.correlation_id,
    createdAt: r.created_at,
    version: r.version,
    previousVersion: r.previous_version,
    reportStatus: r.report_status,
  };
}

@Injectable()
export class DocumentRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async findSourceMessage(
    submittedBy: string,
    format: SourceFormat,
    sourceMessageId: string,
  ): Promise<SourceMessageRecord | null> {
    const rows = (await this.tx.manager().query(
      `SELECT id, request_hash, bundle, document_count FROM medical.source_messages
       WHERE submitted_by = $1 AND source_format = $2 AND source_message_id = $3`,
      [submittedBy, format, sourceMessageId],
    )) as { id: string; request_hash: string; bundle: boolean; document_count: number }[];
    if (rows.length === 0) return null;
    return {
      id: rows[0].id,
      submittedBy,
      sourceFormat: format,
      sourceMessageId,
      requestHash: rows[0].request_hash,
      bundle: rows[0].bundle,
      documentCount: rows[0].document_count,
    };
  }

  /**
   * Claims the source message (INSERT ... ON CONFLICT DO NOTHING on its unique source id). False when
   * it was already ingested: a concurrent claim waits for the first transaction and then sees its row.
   */
  async claimSourceMessage(m: SourceMessageRecord): Promise<boolean> {
    const rows = (await this.tx.manager().query(
      `INSERT INTO medical.source_messages
         (id, submitted_by, source_format, source_message_id, request_hash, bundle, document_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (submitted_by, source_format, source_message_id) WHERE source_message_id IS NOT NULL
       DO NOTHING RETURNING id`,
      [m.id, m.submittedBy, m.sourceFormat, m.sourceMessageId, m.requestHash, m.bundle, m.documentCount],
    )) as unknown[];
    return rows.length === 1;
  }

  async insertDocuments(documents: ClinicalDocumentEntity[]): Promise<void> {
    const columns = 20;
    const params: unknown[] = [];
    const tuples = documents.map((d, i) => {
      params.push(
        d.id,
        d.sourceMessage,
        d.position,
        d.sourceFormat,
        d.sourceDocumentId,
        d.patientRef,
        d.documentDate,
        d.occurredAt,
        d.language,
        d.deidMode,
        d.text,
        JSON.stringify(d.phiFindings),
        JSON.stringify(d.entities),
        d.nerModel,
        d.submittedBy,
        d.correlationId,
        d.createdAt,
        d.version,
        d.previousVersion,
        d.reportStatus,
      );
      return `(${Array.from({ length: columns }, (_, c) => `$${i * columns + c + 1}`).join(', ')})`;
    });
    try {
      await this.tx
        .manager()
        .query(`INSERT INTO medical.documents (${DOCUMENT_COLUMNS}) VALUES ${tuples.join(', ')}`, params);
    } catch (err) {
      // Two new versions of one source document stored at once: the second is told to resend.
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new DomainError(
          'CONFLICT',
          'source document id: a new version was stored concurrently, resend',
        );
      }
      throw err;
    }
  }

  /** The newest stored version of each source document id of one submitter and format. */
  async latestVersions(
    submittedBy: string,
    format: SourceFormat,
    sourceDocumentIds: string[],
  ): Promise<Map<string, LatestVersion>> {
    if (sourceDocumentIds.length === 0) return new Map();
    const rows = (await this.tx.manager().query(
      `SELECT DISTINCT ON (source_document_id) id, source_document_id, version FROM medical.documents
       WHERE submitted_by = $1 AND source_format = $2 AND source_document_id = ANY($3::text[])
       ORDER BY source_document_id, version DESC`,
      [submittedBy, format, sourceDocumentIds],
    )) as { id: string; source_document_id: string; version: number }[];
    return new Map(rows.map((r) => [r.source_document_id, { id: r.id, version: r.version }]));
  }

  /** Every version of the document `id` is one of, oldest first, without text (empty when no such id). */
  async versionsOf(id: string): Promise<ClinicalDocumentEntity[]> {
    const rows = (await this.tx.manager().query(
      `SELECT ${SUMMARY_COLUMNS} FROM medical.documents d
       WHERE d.id = $1
          OR (d.source_document_id IS NOT NULL AND (d.submitted_by, d.source_format, d.source_document_id) =
              (SELECT submitted_by, source_format, source_document_id FROM medical.documents WHERE id = $1))
       ORDER BY d.version, d.created_at`,
      [id],
    )) as DocumentRow[];
    return rows.map(toEntity);
  }

  async documentsOfMessage(sourceMessage: string): Promise<ClinicalDocumentEntity[]> {
    const rows = (await this.tx
      .manager()
      .query(
        `SELECT ${DOCUMENT_COLUMNS} FROM medical.documents WHERE source_message = $1 ORDER BY position`,
        [sourceMessage],
      )) as DocumentRow[];
    return rows.map(toEntity);
  }

  async findDocument(id: string): Promise<ClinicalDocumentEntity | null> {
    const rows = (await this.tx
      .manager()
      .query(`SELECT ${DOCUMENT_COLUMNS} FROM medical.documents WHERE id = $1`, [id])) as DocumentRow[];
    return rows.length === 0 ? null : toEntity(rows[0]);
  }

  /** One page in (occurred_at, id) order, without text, findings or entities. */
  async listDocuments(filter: DocumentFilter): Promise<ClinicalDocumentEntity[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.patientRef !== undefined) where.push(`patient_ref = ${param(filter.patientRef)}`);
    if (filter.from !== undefined) where.push(`occurred_at >= ${param(filter.from)}`);
    if (filter.to !== undefined) where.push(`occurred_at < ${param(filter.to)}`);
    if (filter.after !== undefined) {
      where.push(`(occurred_at, id) > (${param(filter.after.occurredAt)}, ${param(filter.after.id)}::uuid)`);
    }
    const rows = (await this.tx.manager().query(
      `SELECT ${SUMMARY_COLUMNS} FROM medical.documents
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY occurred_at, id LIMIT ${param(filter.limit)}`,
      params,
    )) as DocumentRow[];
    return rows.map(toEntity);
  }
}
