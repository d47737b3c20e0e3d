import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApplicantRecord } from '@suite/risk-models';
import type { AdverseReason } from '../reason-codes.js';
import type { Decision } from '../score-scale.js';

/** Collected for eligibility and fairness monitoring only; never an input of the model. */
export interface ApplicantDemographics {
  age?: number;
  sex?: string;
  education?: string;
  maritalStatus?: string;
}

@Entity({ schema: 'risk', name: 'credit_applications' })
export class CreditApplicationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'external_reference', type: 'text', nullable: true })
  externalReference: string | null;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy: string;

  @Column({ type: 'jsonb' })
  applicant: ApplicantRecord;

  @Column({ type: 'jsonb', nullable: true })
  demographics: ApplicantDemographics | null;

  @Column({ type: 'text' })
  narrative: string;

  @Column({ type: 'double precision' })
  probability: number;

  @Column({ type: 'integer' })
  score: number;

  @Column({ type: 'text' })
  decision: Decision;

  @Column({ type: 'jsonb' })
  reasons: AdverseReason[];

  @Column({ name: 'model_name', type: 'text' })
  modelName: string;

  @Column({ name: 'model_version', type: 'text' })
  modelVersion: string;

  @Column({ name: 'shadow_model_version', type: 'text', nullable: true })
  shadowModelVersion: string | null;

  @Column({ name: 'shadow_probability', type: 'double precision', nullable: true })
  shadowProbability: number | null;

  @Column({ name: 'correlation_id', type: 'text', nullable: true })
  correlationId: string | null;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt: Date;
}
