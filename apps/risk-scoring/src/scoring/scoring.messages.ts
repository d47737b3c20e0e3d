// Scoring over NATS (with NATS_URL set): subject `risk.applications.score`, the same schema, scope,
// transaction and idempotency as POST /v1/applications/score. Command: { apiKey, idempotencyKey?, data }.
import { Module } from '@nestjs/common';
import { Ctx, MessagePattern, type NatsContext, Payload } from '@nestjs/microservices';
import {
  acceptCorrelationId,
  type NatsCommand,
  natsCommandSchemaOf,
  NatsCommandRunner,
  NatsMessageController,
  type NatsReply,
  NatsTransportModule,
} from '@suite/platform';
import { type ScoreRequest, ScoreRequestSchema } from './dto/score-request.schema.js';
import type { ScoreResponseDto } from './dto/score-response.dto.js';
import { ScoringModule } from './scoring.module.js';
import { ScoringService } from './scoring.service.js';

export const SCORE_APPLICATION_SUBJECT = 'risk.applications.score';

const SCORE_APPLICATION_COMMAND = natsCommandSchemaOf(ScoreRequestSchema);

@NatsMessageController()
export class ScoringMessagesController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly commands: NatsCommandRunner,
  ) {}

  @MessagePattern(SCORE_APPLICATION_SUBJECT)
  scoreApplication(
    @Payload({ schema: SCORE_APPLICATION_COMMAND }) command: NatsCommand<ScoreRequest>,
    @Ctx() context: NatsContext,
  ): Promise<NatsReply<ScoreResponseDto>> {
    // Only a well-formed id is kept (it reaches logs, error bodies and the audit log).
    const correlationId = acceptCorrelationId(context.getHeaders()?.get('x-correlation-id'));
    return this.commands.runCommand(
      command,
      {
        scopes: ['risk:score'],
        http: { method: 'POST', route: '/v1/applications/score', body: command.data },
      },
      (principal) => this.scoring.scoreApplication(command.data, principal.keyId, correlationId),
    );
  }
}

@Module({
  imports: [ScoringModule, NatsTransportModule],
  controllers: [ScoringMessagesController],
})
export class ScoringMessagesModule {}
