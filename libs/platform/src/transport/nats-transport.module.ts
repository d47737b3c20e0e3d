import { applyDecorators, Controller, Module, UseFilters, UsePipes } from '@nestjs/common';
import { createValidationPipe } from '../http/validation.pipe.js';
import { NatsCommandRunner } from './nats-command.runner.js';
import { NatsReplyFilter } from './nats-reply.filter.js';

/**
 * A controller of NATS message patterns: the HTTP stack's ValidationPipe, errors as replies. Its
 * handlers are not HTTP routes; they authenticate through NatsCommandRunner.
 */
export const NatsMessageController = (): ClassDecorator =>
  applyDecorators(Controller(), UsePipes(createValidationPipe()), UseFilters(NatsReplyFilter));

@Module({ providers: [NatsCommandRunner], exports: [NatsCommandRunner] })
export class NatsTransportModule {}
