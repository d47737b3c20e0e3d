// The surface of libs/platform: what the services, the CLI, the benches, the tests and the libs above import,
// nothing else. Add a name here when a caller needs it.
export { AuditService } from './audit/audit.service.js';
export { ApiKeyStore, hashApiKey } from './auth/api-key.service.js';
export {
  type AuthenticatedRequest,
  CurrentPrincipal,
  IS_PUBLIC,
  type Principal,
  Public,
  REQUIRED_SCOPES,
  RequireScopes,
} from './auth/auth.decorators.js';
export { SkipRateLimit } from './auth/rate-limit.guard.js';
export { APP_CONFIG } from './config/config.tokens.js';
export {
  type AppConfig,
  ConfigError,
  envBool,
  envPort,
  envSecret,
  loadConfig,
  maskUrl,
  platformEnvSchema,
} from './config/env.schema.js';
export { createDataSource } from './database/data-source.factory.js';
export {
  type EmbeddedPostgresHandle,
  embeddedPostgresPid,
  startEmbeddedPostgres,
} from './database/embedded-postgres.js';
export { TransactionRunner } from './database/transaction-runner.js';
export { AllExceptionsFilter, describeError, logUnexpected } from './http/all-exceptions.filter.js';
export {
  type HttpAppOptions,
  acceptCorrelationId,
  buildOpenApiDocument,
  createHttpApp,
} from './http/create-http-app.js';
export {
  DomainError,
  type ErrorCode,
  // Merged into by the floors above (`declare module '@suite/platform'`) to add their codes.
  type ErrorCodeStatuses,
  type FieldErrors,
  httpStatusOf,
  registerErrorCodes,
} from './http/domain-error.js';
export { createValidationPipe } from './http/validation.pipe.js';
export { Idempotent } from './idempotency/idempotency.interceptor.js';
export { hashIdempotencyKey, hashRequest } from './idempotency/idempotency.service.js';
export { PinoLoggerService } from './logging/pino-logger.service.js';
export { MetricsService } from './metrics/http-metrics.service.js';
export { PlatformModule } from './platform.module.js';
export { type NatsCommand, type NatsReply, natsCommandOf } from './transport/nats-command.js';
export { NatsCommandRunner } from './transport/nats-command.runner.js';
export { connectNatsTransport } from './transport/nats-transport.js';
export { NatsMessageController, NatsTransportModule } from './transport/nats-transport.module.js';
export { PATTERN_MESSAGE_KEYWORD, schemaCheckOf } from './http/compiled-schema.js';
export { PlainRoute, plainRoutesOf } from './http/plain-route.js';
export { natsCommandSchemaOf } from './transport/nats-command.js';
