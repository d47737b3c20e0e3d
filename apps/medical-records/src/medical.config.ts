// medical-records' variables: port, the HMAC key that turns patient identifiers into stored references
// (required in production), and de-identification's HMAC key of surrogates and per-patient date shifts
// (a dev value when unset) and learnt models, Spanish and English (`none` = rules only). Composed with
// the platform's and the engine's at the app's bootstrap.
import { inferenceEnvShape } from '@suite/inference';
import { envPort, envSecret, platformEnvSchema } from '@suite/platform';
import { z } from 'zod';

export const medicalEnvShape = {
  MEDICAL_PORT: envPort.default(3102),
  MEDICAL_PATIENT_REF_SECRET: envSecret(z.string().min(32).optional()),
  DEID_SECRET: envSecret(z.string().min(16).optional()),
  DEID_MODEL: z.string().min(1).default('deid-meddocan'),
  DEID_MODEL_EN: z.string().min(1).default('deid-physionet'),
};

export const medicalEnvSchema = platformEnvSchema.extend({ ...inferenceEnvShape, ...medicalEnvShape });
export type MedicalConfig = z.infer<typeof medicalEnvSchema>;
