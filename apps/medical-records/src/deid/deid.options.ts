import { ConfigError } from '@suite/platform';

export interface DeidOptions {
  /** Model repository root (Triton layout). */
  modelsDir: string;
  /** The learnt tagger (MEDDOCAN); `null` runs the rules alone. */
  model: string | null;
  /** Default: the newest version. */
  version?: string;
  /** Key of the surrogate choices and of the per-patient date shift (HMAC-SHA256). */
  secret: string;
}

export const DEID_OPTIONS = Symbol('DEID_OPTIONS');

/** Development value only; production sets DEID_SECRET. */
export const DEV_DEID_SECRET = 'dev-deid-secret-not-for-production';

export function deidOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DeidOptions {
  if (env.NODE_ENV === 'production' && !env.DEID_SECRET)
    throw new ConfigError([{ variable: 'DEID_SECRET', message: 'required in production (surrogate key)' }]);
  const model = env.DEID_MODEL ?? 'deid-meddocan';
  return {
    modelsDir: env.MODELS_DIR ?? 'models',
    model: model === 'none' ? null : model,
    version: env.DEID_MODEL_VERSION || undefined,
    secret: env.DEID_SECRET ?? DEV_DEID_SECRET,
  };
}
