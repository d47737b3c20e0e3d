// The whole suite's variables, for the CLI (`npm start` runs every service; `models`, `keys`, `migrate`
// read the shared ones): the platform's schema composed with the engine's and each app's own.
import { inferenceEnvShape } from '@suite/inference';
import { platformEnvSchema } from '@suite/platform';
import type { z } from 'zod';
import { supportEnvShape } from '../../customer-service/src/index.js';
import { inferenceServerEnvShape } from '../../inference-server/src/index.js';
import { medicalEnvShape } from '../../medical-records/src/index.js';
import { riskEnvShape } from '../../risk-scoring/src/index.js';

export const suiteEnvSchema = platformEnvSchema.extend({
  ...inferenceEnvShape,
  ...riskEnvShape,
  ...medicalEnvShape,
  ...supportEnvShape,
  ...inferenceServerEnvShape,
});
export type SuiteConfig = z.infer<typeof suiteEnvSchema>;
