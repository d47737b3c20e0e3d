// The one way every service builds its HTTP application, used by main.ts and by the e2e tests alike:
// Fastify (about twice Express's throughput in Nest's own benchmark), helmet's headers, body limit, correlation
// ids, request metrics, OpenAPI at /docs and /docs-json.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, type Type } from '@nestjs/common';
import { DiscoveryService, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet, { type HelmetOptions } from 'helmet';
import { loadConfig } from '../config/env.schema.js';
import { SERVICE_NAME } from '../config/config.tokens.js';
import { PinoLoggerService } from '../logging/pino-logger.service.js';
import { MetricsService } from '../metrics/http-metrics.service.js';
import { addPlainRoutesToDocument } from './plain-route.js';

// A UUID or a W3C trace id (32 hex digits), nothing else: ids are written to logs, error bodies and
// the audit log, and a free-form token could be a record number or a name ("QX77304419").
const CORRELATION_ID =
  /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})$/;

/** The caller's correlation id when well-formed, otherwise a new one (HTTP and NATS headers alike). */
export function acceptCorrelationId(given: unknown): string {
  return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
}

/** Accepts a caller's X-Correlation-Id when it is well-formed, otherwise mints one. */
export function correlationIdOf(req: IncomingMessage): string {
  const id = acceptCorrelationId(req.headers['x-correlation-id']);
  // Written back so that the request logger (which sees the raw request) logs the same id.
  req.headers['x-correlation-id'] = id;
  return id;
}

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
};

/**
 * The headers helmet sets for a static configuration (no per-request nonces), computed once. Set by
 * one hook instead of @fastify/helmet, which rebuilds helmet's whole middleware chain on every request:
 * 5 % of the risk API's main-thread time in `npm run bench -- risk`.
 */
export function securityHeadersOf(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

export interface HttpAppOptions {
  title: string;
  description?: string;
  env?: NodeJS.ProcessEnv;
}

export async function createHttpApp(
  module: Type<unknown>,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const config = loadConfig(options.env ?? process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: correlationIdOf,
    requestIdHeader: false,
    logger: false,
    trustProxy: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  const logger = new PinoLoggerService(config.LOG_LEVEL, app.get<string>(SERVICE_NAME));
  app.useLogger(logger);

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const securityHeaders = securityHeadersOf();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders);
    reply.header('x-correlation-id', request.id);
    done();
  });
  // One access-log line per request, allow-listed fields only: never bodies, query strings or headers.
  // Through Nest's Logger, so it reaches whichever logger the app uses.
  const accessLog = new Logger('http');
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    accessLog.log({
      msg: 'request',
      correlationId: request.id,
      method: request.method,
      route,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    });
    done();
  });

  if (config.SWAGGER_ENABLED) {
    SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options), { jsonDocumentUrl: 'docs-json' });
  }
  // On SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish, run the shutdown
  // hooks (NATS drain, session workers, database pool), then exit 0 (process.exit also flushes pino).
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}

export function buildOpenApiDocument(app: NestFastifyApplication, options: HttpAppOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description ?? '')
    .setVersion('1')
    .addApiKey({ type: 'apiKey', name: 'X-API-Key', in: 'header' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // Built from the module graph (as SwaggerModule does), so that it works in preview mode too, where
  // no provider (DiscoveryService included) is instantiated.
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  return addPlainRoutesToDocument(document, discovery, new Reflector());
}
