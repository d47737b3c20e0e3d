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

  /**
   * Applications per group of each protected attribute since `since`; group null = not given. Age in
   * bands. Aggregated in SQL: no demographic value leaves the database one applicant at a time.
   */
  demographicGroups(since: Date): Promise<DemographicGroupRow[]> {
    return this.dataSource.query(
      `WITH w AS (SELECT demographics AS d, probability, decision FROM risk.credit_applications WHERE scored_at >= $1)
       SELECT attribute, grp AS "group", count(*)::int AS applications, avg(probability)::float8 AS "meanProbability",
              avg((decision = 'decline')::int)::float8 AS "declineRate"
         FROM (
           SELECT 'age' AS attribute,
                  CASE WHEN jsonb_typeof(d->'age') = 'number' THEN
                    CASE WHEN (d->>'age')::int < 25 THEN '18-24' WHEN (d->>'age')::int < 35 THEN '25-34'
                         WHEN (d->>'age')::int < 45 THEN '35-44' WHEN (d->>'age')::int < 60 THEN '45-59'
                         ELSE '60+' END
                  END AS grp, probability, decision FROM w
           UNION ALL SELECT 'sex', d->>'sex', probability, decision FROM w
           UNION ALL SELECT 'education', d->>'education', probability, decision FROM w
           UNION ALL SELECT 'maritalStatus', d->>'maritalStatus', probability, decision FROM w
         ) x
        GROUP BY attribute, grp
        ORDER BY attribute, grp NULLS FIRST`,
      [since],
    );
  }
}

export interface DemographicGroupRow {
  attribute: 'age' | 'sex' | 'education' | 'maritalStatus';
  group: string | null;
  applications: number;
  meanProbability: number;
  declineRate: number;
}
