import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { SUPPORT_OPTIONS, type SupportOptions } from '../support-options.js';
import { applyWidgetCors } from './widget-cors.js';
import { WidgetController } from './widget.controller.js';

@Module({ controllers: [WidgetController] })
export class WidgetModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SUPPORT_OPTIONS) private readonly options: SupportOptions,
  ) {}

  // A Fastify hook rather than Nest middleware: preflights must be answered before routing, and the
  // headers must also reach server-sent event streams, which write the raw response themselves.
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    const origins = this.options.widgetOrigins;
    fastify.addHook('onRequest', (request, reply, done) => {
      const verdict = applyWidgetCors(request.raw, reply.raw, origins);
      if (verdict === 'allowed' && request.method === 'OPTIONS') {
        void reply.code(204).send();
        return;
      }
      if (verdict === 'refused-preflight') {
        void reply.code(403).send({
          code: 'FORBIDDEN',
          message: 'This origin may not call the widget API',
          correlationId: request.id,
        });
        return;
      }
      done();
    });
  }
}
