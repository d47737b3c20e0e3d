import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PHI_TYPES, type PhiType } from '../../deid/phi-finding.js';
import { SOURCE_FORMATS, type SourceFormat } from '../../ingestion/source-document.js';
import {
  ENTITIES_SKIPPED_REASONS,
  type EntitiesSkippedReason,
  MEDICAL_ENTITY_TYPES,
  type MedicalEntityType,
} from '../../ner/medical-entity.js';
import { DEID_LANGUAGES, DEID_MODES } from './create-document.dto.js';
import type { DeidLanguage, DeidMode } from '../../deid/phi-finding.js';

export class PhiFindingDto {
  @ApiProperty({ enum: PHI_TYPES }) type: PhiType;
  @ApiProperty({ description: 'UTF-16 offset into `text` where the replacement starts' }) start: number;
  @ApiProperty({ description: 'UTF-16 offset one past the replacement' }) end: number;
}

export class MedicalEntityDto {
  @ApiProperty({ enum: MEDICAL_ENTITY_TYPES }) type: MedicalEntityType;
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty({ description: 'Always text.slice(start, end)' }) text: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence: number;
  @ApiProperty({
    description:
      'Under the model’s confidence threshold for this type (chosen on validation data, on the model card); such entities are returned only with includeLowConfidence=true',
  })
  belowThreshold: boolean;
}

export class DocumentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'Keyed hash (HMAC-SHA256, hex) of the patient identifier; use it to list a patient’s documents',
  })
  patientRef: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2025-11-28T09:30:00.000Z' })
  documentDate: string | null;
  @ApiProperty({ example: '2025-11-28T09:31:02.114Z' }) receivedAt: string;
  @ApiProperty({ enum: SOURCE_FORMATS }) sourceFormat: SourceFormat;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The source's id of the document" })
  sourceDocumentId: string | null;
  @ApiProperty({ enum: DEID_LANGUAGES }) language: DeidLanguage;
  @ApiProperty({ enum: DEID_MODES }) deidMode: DeidMode;
  @ApiProperty({ minimum: 1, description: 'n when the source sent this source document id n times' })
  version: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The version this one supersedes',
  })
  previousVersion: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'final',
    description: 'Report status in FHIR terms (preliminary, final, amended, corrected, appended, ...)',
  })
  reportStatus: string | null;
}

export class DocumentResponseDto extends DocumentSummaryDto {
  @ApiProperty({ description: 'The de-identified text; every offset below points into it' }) text: string;
  @ApiProperty({
    type: [PhiFindingDto],
    description: 'Where PHI was replaced: type and offsets, never values',
  })
  phiFindings: PhiFindingDto[];
  @ApiProperty({
    type: [MedicalEntityDto],
    description: 'Chemicals and diseases found in the de-identified text',
  })
  entities: MedicalEntityDto[];
  @ApiProperty({
    description:
      'Entities under their type’s confidence threshold left out of `entities` (0 with includeLowConfidence=true)',
  })
  entitiesBelowThreshold: number;
  @ApiProperty({
    enum: ENTITIES_SKIPPED_REASONS,
    nullable: true,
    type: String,
    description:
      'Why no entities were looked for: language-not-supported when the document is not English (the NER models are English-only)',
  })
  entitiesSkipped: EntitiesSkippedReason | null;
  @ApiProperty({ example: 'bc5cdr/1', description: 'NER model (name/version) that found the entities' })
  nerModel: string;
}

export class BundleResponseDto {
  @ApiProperty({ enum: ['fhir', 'hl7v2'] }) sourceFormat: SourceFormat;
  @ApiProperty({
    type: [DocumentResponseDto],
    description: 'One per document, in message order (Bundle entries; OBR groups of an HL7 ORU)',
  })
  documents: DocumentResponseDto[];
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentSummaryDto] }) items: DocumentSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}
