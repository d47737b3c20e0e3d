import { ConfigError } from '@suite/platform';

export interface DeidOptions {
  /** Model repository root (Triton layout). */
  modelsDir: string;
  /** The learnt tagger (MEDDOCAN, Spanish); `null` runs the rules alone (in every language). */
  model: string | null;
  /** The English tagger (PhysioNet deid); `null`: English text gets the rules alone. */
  englishModel?: string | null;
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
  const englishModel = model === 'none' ? 'none' : (env.DEID_MODEL_EN ?? 'deid-physionet');
  return {
    modelsDir: env.MODELS_DIR ?? 'models',
    model: model === 'none' ? null : model,
    englishModel: englishModel === 'none' ? null : englishModel,
    version: env.DEID_MODEL_VERSION || undefined,
    secret: env.DEID_SECRET ?? DEV_DEID_SECRET,
  };
}

/** Options over the environment's; `model: null` alone means rules only in every language. */
export function mergeDeidOptions(base: DeidOptions, options: Partial<DeidOptions>): DeidOptions {
  const merged = { ...base, ...options };
  if (options.model === null && options.englishModel === undefined) merged.englishModel = null;
  return merged;
}
