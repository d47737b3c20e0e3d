// One typed, validated view of the environment. Boot fails fast naming the variable that is wrong.
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: port.default(54320),
  RISK_PORT: port.default(3101),
  MEDICAL_PORT: port.default(3102),
  SUPPORT_PORT: port.default(3103),
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
});

export type AppConfig = z.infer<typeof envSchema>;

const SECRET_KEYS: ReadonlySet<keyof AppConfig> = new Set(['DATABASE_URL']);

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid environment: ${issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset" (docker-compose and shells often pass VAR= for absent values).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  return Object.freeze(parsed.data);
}

/** The config as it may be printed: secrets masked, passwords in URLs removed. */
export function maskConfig(config: AppConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      SECRET_KEYS.has(k as keyof AppConfig) && typeof v === 'string' ? maskUrl(v) : v,
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
