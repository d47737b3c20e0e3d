import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import { DataSource } from 'typeorm';
import { CreditApplicationEntity } from './entities/credit-application.entity.js';

@Injectable()
export class ApplicationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Inside the request's transaction, so it commits with the idempotency record. Plain SQL: on the
   * scoring hot path TypeORM's insert builder cost more CPU than the model (see bench/risk.bench.ts).
   */
  async insertApplication(a: CreditApplicationEntity): Promise<void> {
    await this.tx.execute(
      `INSERT INTO risk.credit_applications (id, external_reference, submitted_by, applicant, demographics, narrative,
         probability, score, decision, reasons, model_name, model_version, shadow_model_version, shadow_probability,
         correlation_id, scored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        a.id,
        a.externalReference,
        a.submittedBy,
        JSON.stringify(a.applicant),
        a.demographics === null ? null : JSON.stringify(a.demographics),
        a.narrative,
        a.probability,
        a.score,
        a.decision,
        JSON.stringify(a.reasons),
        a.modelName,
        a.modelVersion,
        a.shadowModelVersion,
        a.shadowProbability,
        a.correlationId,
        a.scoredAt,
      ],
    );
  }

  findApplication(id: string): Promise<CreditApplicationEntity | null> {
    return this.dataSource.manager.findOneBy(CreditApplicationEntity, { id });
  }

  /** The most recent applications scored since `since` (newest first), for drift monitoring. */
  recentApplications(
    since: Date,
    limit: number,
  ): Promise<Pick<CreditApplicationEntity, 'applicant' | 'probability'>[]> {
    return this.dataSource.manager
      .createQueryBuilder(CreditApplicationEntity, 'a')
      .select(['a.applicant', 'a.probability'])
      .where('a.scoredAt >= :since', { since })
      .orderBy('a.scoredAt', 'DESC')
      .limit(limit)
      .getMany();
  }
}
