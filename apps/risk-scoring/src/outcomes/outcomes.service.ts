// Observed outcomes: whether a scored application's client defaulted. They are the labels of the
// weekly retraining. An application has one outcome; repeating it is harmless, contradicting it is
// a conflict.
import { Injectable } from '@nestjs/common';
import { DomainError } from '@suite/platform';
import type { OutcomeResponseDto, RecordOutcomeDto } from './dto/outcome.dto.js';
import type { OutcomeEntity } from './entities/outcome.entity.js';
import { type LabelledApplication, OutcomeRepository } from './outcome.repository.js';

@Injectable()
export class OutcomesService {
  constructor(private readonly outcomes: OutcomeRepository) {}

  async recordOutcome(
    request: RecordOutcomeDto,
    recordedBy: string,
    now = new Date(),
  ): Promise<OutcomeResponseDto> {
    const observedAt = request.observedAt ? new Date(request.observedAt) : now;
    if (observedAt.getTime() > now.getTime())
      throw new DomainError('VALIDATION_FAILED', 'observedAt: must not be in the future', {
        fields: [{ field: 'observedAt', messages: ['must not be in the future'] }],
      });
    const stored = await this.outcomes.recordOutcome({
      applicationId: request.applicationId,
      defaulted: request.defaulted,
      observedAt,
      recordedBy,
    });
    if (!stored) throw new DomainError('NOT_FOUND', `no application ${request.applicationId}`);
    if (stored.defaulted !== request.defaulted)
      throw new DomainError(
        'CONFLICT',
        `application ${request.applicationId} already has a different outcome`,
      );
    return toOutcomeResponse(stored);
  }

  findOutcome(applicationId: string): Promise<OutcomeEntity | null> {
    return this.outcomes.findOutcome(applicationId);
  }

  labelledApplications(from: Date | null, to: Date): Promise<LabelledApplication[]> {
    return this.outcomes.labelledApplications(from, to);
  }
}

function toOutcomeResponse(o: OutcomeEntity): OutcomeResponseDto {
  return {
    applicationId: o.applicationId,
    defaulted: o.defaulted,
    observedAt: o.observedAt.toISOString(),
    recordedAt: o.recordedAt.toISOString(),
  };
}
