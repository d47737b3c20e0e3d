// Scoring over NATS (with NATS_URL set): subject `risk.applications.score`, the same DTO, scope,
// transaction and idempotency as POST /v1/applications/score. Command: { apiKey, idempotencyKey?, data }.
import { Module } from '@nestjs/common';
import { Ctx, MessagePattern, type NatsContext, Payload } from '@nestjs/microservices';
import {
  acceptCorrelationId,
  type NatsCommand,
  natsCommandOf,
  NatsCommandRunner,
  NatsMessageController,
  type NatsReply,
  NatsTransportModule,
} from '@suite/platform';
import { ScoreRequestDto } from './dto/score-request.dto.js';
import type { ScoreResponseDto } from './dto/score-response.dto.js';
import { ScoringModule } from './scoring.module.js';
import { ScoringService } from './scoring.service.js';

export const SCORE_APPLICATION_SUBJECT = 'risk.applications.score';

class ScoreApplicationCommand extends natsCommandOf(ScoreRequestDto) {}

@NatsMessageController()
export class ScoringMessagesController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly commands: NatsCommandRunner,
  ) {}

  @MessagePattern(SCORE_APPLICATION_SUBJECT)
  scoreApplication(
    @Payload() command: ScoreApplicationCommand,
    @Ctx() context: NatsContext,
  ): Promise<NatsReply<ScoreResponseDto>> {
    // Only a well-formed id is kept (it reaches logs, error bodies and the audit log).
    const correlationId = acceptCorrelationId(context.getHeaders()?.get('x-correlation-id'));
    const request: NatsCommand<ScoreRequestDto> = command;
    return this.commands.runCommand(
      request,
      {
        scopes: ['risk:score'],
        http: { method: 'POST', route: '/v1/applications/score', body: request.data },
      },
      (principal) => this.scoring.scoreApplication(request.data, principal.keyId, correlationId),
    );
  }
}

@Module({
  imports: [ScoringModule, NatsTransportModule],
  controllers: [ScoringMessagesController],
})
export class ScoringMessagesModule {}
