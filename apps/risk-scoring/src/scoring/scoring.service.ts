// Scores one application: the enricher's narrative, the champion's calibrated probability of default
// through libs/inference, the score on the configured scale, the decision band and up to four
// adverse-action reasons; then stores all of it with the model version. Applicant data is never
// logged.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import type { ApplicantRecord } from '@suite/risk-models';
import { RiskModelRegistryService } from '../model-registry/risk-model-registry.service.js';
import { OutcomesService } from '../outcomes/outcomes.service.js';
import { RISK_OPTIONS, type RiskOptions } from '../risk-options.js';
import { ApplicationRepository } from './application.repository.js';
import type { ApplicationResponseDto, ScoreResponseDto } from './dto/score-response.dto.js';
import type { ScoreRequest } from './dto/score-request.schema.js';
import type { CreditApplicationEntity } from './entities/credit-application.entity.js';
import { adverseActionReasons } from './reason-codes.js';
import { decisionOf, scoreOf } from './score-scale.js';

@Injectable()
export class ScoringService {
  private readonly logger = new Logger(ScoringService.name);

  constructor(
    private readonly registry: RiskModelRegistryService,
    private readonly applications: ApplicationRepository,
    private readonly outcomes: OutcomesService,
    @Inject(RISK_OPTIONS) private readonly options: RiskOptions,
  ) {}

  async scoreApplication(
    request: ScoreRequest,
    submittedBy: string,
    correlationId?: string,
  ): Promise<ScoreResponseDto> {
    const record: ApplicantRecord = {
      creditLimit: request.creditLimit,
      history: request.history.map((m) => ({
        repaymentStatus: m.repaymentStatus,
        billAmount: m.billAmount,
        paymentAmount: m.paymentAmount,
      })),
    };
    const scorer = this.registry.championScorer();
    const [scored] = await scorer.scoreApplicants([record]);
    const score = scoreOf(scored.probability, this.options.scale);
    const application: CreditApplicationEntity = {
      id: randomUUID(),
      externalReference: request.externalReference ?? null,
      submittedBy,
      applicant: record,
      demographics: {
        ...(typeof request.age === 'number' && { age: request.age }),
        ...(request.sex && { sex: request.sex }),
        ...(request.education && { education: request.education }),
        ...(request.maritalStatus && { maritalStatus: request.maritalStatus }),
      },
      narrative: scored.narrative.text,
      probability: scored.probability,
      score,
      decision: decisionOf(score, this.options.cutoffs),
      reasons: adverseActionReasons(
        scored.groupContributions,
        scorer.card.extra.reasonBaselines,
        scored.facts,
        scorer.card.extra.reasonReferences,
      ),
      modelName: scorer.card.name,
      modelVersion: scorer.version,
      ...(await this.shadowScore(record, scorer.version)),
      correlationId: correlationId ?? null,
      scoredAt: new Date(),
    };
    await this.applications.insertApplication(application);
    return toScoreResponse(application);
  }

  async getApplication(id: string): Promise<ApplicationResponseDto> {
    const application = await this.applications.findApplication(id);
    if (!application) throw new DomainError('NOT_FOUND', `no application ${id}`);
    const outcome = await this.outcomes.findOutcome(id);
    return {
      ...toScoreResponse(application),
      applicant: application.applicant,
      outcome: outcome
        ? { defaulted: outcome.defaulted, observedAt: outcome.observedAt.toISOString() }
        : null,
    };
  }

  /** Recent applications' inputs and probabilities, for drift monitoring. */
  recentApplications(since: Date, limit: number) {
    return this.applications.recentApplications(since, limit);
  }

  /** Applications per group of each protected attribute, for fairness monitoring. */
  demographicGroups(since: Date) {
    return this.applications.demographicGroups(since);
  }

  // Shadow mode: the newest ready version that is not the champion scores too; stored, never returned.
  private async shadowScore(
    record: ApplicantRecord,
    champion: string,
  ): Promise<{ shadowModelVersion: string | null; shadowProbability: number | null }> {
    const none = { shadowModelVersion: null, shadowProbability: null };
    if (!this.options.shadowMode) return none;
    const challenger = this.registry.shadowVersion(champion);
    if (!challenger) return none;
    try {
      const [shadow] = await this.registry.scorerFor(challenger).scoreApplicants([record]);
      return { shadowModelVersion: challenger, shadowProbability: shadow.probability };
    } catch (err) {
      // The shadow never fails the live request.
      this.logger.warn(`shadow scoring with version ${challenger} failed: ${(err as Error).name}`);
      return none;
    }
  }
}

function toScoreResponse(a: CreditApplicationEntity): ScoreResponseDto {
  return {
    applicationId: a.id,
    externalReference: a.externalReference,
    probabilityOfDefault: Math.round(a.probability * 1e6) / 1e6,
    score: a.score,
    decision: a.decision,
    reasons: a.reasons.map((r) => ({ code: r.code, text: r.text, impact: r.impact })),
    narrative: a.narrative,
    model: { name: a.modelName, version: a.modelVersion },
    scoredAt: a.scoredAt.toISOString(),
  };
}
