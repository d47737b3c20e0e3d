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
  // risk-scoring (README "Risk scoring"): model repository, score scale, bands, weekly retraining gates.
  RISK_MODELS_DIR: z.string().min(1).default('models'),
  RISK_REPLAY_DATA: z.string().min(1).default('data/credit-default/train.csv'),
  RISK_SCORE_BASE: z.coerce.number().default(600),
  RISK_SCORE_BASE_ODDS: z.coerce.number().positive().default(50),
  RISK_SCORE_PDO: z.coerce.number().positive().default(20),
  RISK_APPROVE_MIN_SCORE: z.coerce.number().default(530),
  RISK_DECLINE_BELOW_SCORE: z.coerce.number().default(500),
  RISK_RETRAIN_CRON: z.string().min(1).default('0 3 * * 1'),
  RISK_RETRAIN_MIN_OUTCOMES: z.coerce.number().int().min(1).default(200),
  RISK_GATE_AUC_TOLERANCE: z.coerce.number().min(0).max(1).default(0.005),
  RISK_GATE_MAX_ECE: z.coerce.number().min(0).max(1).default(0.05),
  RISK_GATE_MAX_PSI: z.coerce.number().min(0).default(0.25),
  RISK_SHADOW_MODE: bool.default(false),
  // customer-service (README "Customer service"): bot stage, intent model, widget CORS, optional LLM.
  BOT_STAGE: z.enum(['1', '2', '3']).default('2').transform(Number),
  SUPPORT_MODELS_DIR: z.string().min(1).default('models'),
  SUPPORT_INTENT_MODEL: z.string().min(1).default('intent-banking77'),
  SUPPORT_WIDGET_ORIGINS: z.string().default(''),
  SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LLM_URL: z.url({ protocol: /^https?$/ }).optional(),
  LLM_MODEL: z.string().min(1).default('Qwen/Qwen2.5-7B-Instruct'),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(4000),
  INVOICE_MAX_IMAGE_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(10_485_760),
  INVOICE_MAX_IMAGE_PIXELS: z.coerce.number().int().min(10_000).max(400_000_000).default(40_000_000),
  // medical-records: key of the HMAC that turns patient identifiers into stored references (required in production).
  MEDICAL_PATIENT_REF_SECRET: z.string().min(32).optional(),
  // medical-records de-identification: HMAC key of surrogates and per-patient date shifts (a dev value
  // when unset), and the learnt models, Spanish and English (`none` = rules only).
  DEID_SECRET: z.string().min(16).optional(),
  DEID_MODEL: z.string().min(1).default('deid-meddocan'),
  DEID_MODEL_EN: z.string().min(1).default('deid-physionet'),
  // NATS (libs/platform/src/transport): with a URL, the services also serve their main operations over
  // NATS request-reply, one queue group per service so replicas share the messages.
  NATS_URL: z.url({ protocol: /^(nats|tls)$/ }).optional(),
  NATS_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('suite'),
  // Inference (docker/, docker/k8s/): the inference server's port, the model repository it serves, a
  // remote KServe v2 server (Triton or apps/inference-server), and the execution provider.
  INFERENCE_SERVER_PORT: port.default(8000),
  MODELS_DIR: z.string().min(1).default('models'),
  INFERENCE_URL: z.url({ protocol: /^https?$/ }).optional(),
  INFERENCE_API_KEY: z.string().min(1).optional(),
  INFERENCE_DEVICE: z.enum(['cpu', 'cuda', 'gpu']).default('cpu'),
  INFERENCE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  INFERENCE_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(256).optional(),
});

export type AppConfig = z.infer<typeof envSchema>;

const SECRET_KEYS: ReadonlySet<keyof AppConfig> = new Set([
  'DATABASE_URL',
  'LLM_API_KEY',
  'NATS_URL',
  'INFERENCE_API_KEY',
  'MEDICAL_PATIENT_REF_SECRET',
  'DEID_SECRET',
]);

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
