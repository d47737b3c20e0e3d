import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeidLanguage, DeidMode, PhiFinding } from '../../deid/phi-finding.js';
import type { SourceFormat } from '../../ingestion/source-document.js';
import type { MedicalEntity } from '../../ner/medical-entity.js';

/** A de-identified document: no column holds PHI (see migrations/1764300000600-medical-schema.ts). */
@Entity({ schema: 'medical', name: 'documents' })
export class ClinicalDocumentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'source_message', type: 'uuid' })
  sourceMessage: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'source_format', type: 'text' })
  sourceFormat: SourceFormat;

  @Column({ name: 'source_document_id', type: 'text', nullable: true })
  sourceDocumentId: string | null;

  @Column({ name: 'patient_ref', type: 'char', length: 64, nullable: true })
  patientRef: string | null;

  @Column({ name: 'document_date', type: 'timestamptz', nullable: true })
  documentDate: Date | null;

  /** document_date, else the time it was received: the order documents are listed in. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  language: DeidLanguage;

  @Column({ name: 'deid_mode', type: 'text' })
  deidMode: DeidMode;

  /** De-identified text only. */
  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'phi_findings', type: 'jsonb' })
  phiFindings: PhiFinding[];

  @Column({ type: 'jsonb' })
  entities: MedicalEntity[];

  @Column({ name: 'ner_model', type: 'text' })
  nerModel: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy: string;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** 1 for a new document; n + 1 when the source sends the same source document id again. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'previous_version', type: 'uuid', nullable: true })
  previousVersion: string | null;

  /** FHIR composition-status / diagnostic-report-status terms, as the source gave them. */
  @Column({ name: 'report_status', type: 'text', nullable: true })
  reportStatus: string | null;
}
