// One typed, validated view of the environment. Boot fails fast naming the variable that is wrong.
import { z } from 'zod';

/** Building blocks for the variables of every floor (each app declares its own with these). */
export const envPort = z.coerce.number().int().min(1).max(65535);
export const envBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** Marks a variable as a secret: `maskConfig` never prints its value. */
export const envSecret = <T extends z.ZodType>(type: T): T => type.meta({ secret: true });

const port = envPort;
const bool = envBool;

/**
 * The ground floor's variables. Each app composes its own schema at its bootstrap,
 * `platformEnvSchema.extend({ ...inferenceEnvShape, ...ownShape })` (e.g. apps/risk-scoring/src/risk.config.ts),
 * and passes it to `PlatformModule.forService({ config })` and `loadConfig(env, schema)`.
 */
export const platformEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: envSecret(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: port.default(54320),
  HOST: z.string().min(1).default('127.0.0.1'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(60000).default(5000),
  DEV_KEYS_FILE: z.string().min(1).default('.data/dev-api-keys.json'),
  SWAGGER_ENABLED: bool.default(true),
  MIGRATE_ON_BOOT: bool.default(true),
  // NATS (libs/platform/src/transport): with a URL, the services also serve their main operations over
  // NATS request-reply, one queue group per service so replicas share the messages.
  NATS_URL: envSecret(z.url({ protocol: /^(nats|tls)$/ }).optional()),
  NATS_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('suite'),
});

/** The ground floor's view of the config (an app's config type extends it). */
export type AppConfig = z.infer<typeof platformEnvSchema>;
/** Any app's composed schema: the platform's variables and more. */
export type EnvSchema = z.ZodObject<z.ZodRawShape>;

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid environment: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env?: NodeJS.ProcessEnv): AppConfig;
export function loadConfig<S extends EnvSchema>(env: NodeJS.ProcessEnv | undefined, schema: S): z.infer<S>;
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  schema: EnvSchema = platformEnvSchema,
): Record<string, unknown> {
  // Empty strings mean "unset" (docker-compose and shells often pass VAR= for absent values).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  return Object.freeze(parsed.data);
}

const isSecret = (type: z.ZodType | undefined) => type?.meta()?.secret === true;

/** The config as it may be printed: secrets (`envSecret`) masked, passwords in URLs removed. */
export function maskConfig(config: object, schema: EnvSchema = platformEnvSchema): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      isSecret(schema.shape[k] as z.ZodType | undefined) && typeof v === 'string' ? maskUrl(v) : v,
    ]),
  );
}

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
