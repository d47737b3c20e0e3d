// customer-service's variables (README "Customer service"): port, bot stage, intent model, widget CORS,
// optional LLM, invoice image limits; composed with the platform's and the engine's at the app's bootstrap.
import { inferenceEnvShape } from '@suite/inference';
import { envPort, envSecret, platformEnvSchema } from '@suite/platform';
import { z } from 'zod';

export const supportEnvShape = {
  SUPPORT_PORT: envPort.default(3103),
  BOT_STAGE: z.enum(['1', '2', '3']).default('2').transform(Number),
  SUPPORT_MODELS_DIR: z.string().min(1).default('models'),
  SUPPORT_INTENT_MODEL: z.string().min(1).default('intent-banking77'),
  SUPPORT_WIDGET_ORIGINS: z.string().default(''),
  SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LLM_URL: z.url({ protocol: /^https?$/ }).optional(),
  LLM_MODEL: z.string().min(1).default('Qwen/Qwen2.5-7B-Instruct'),
  LLM_API_KEY: envSecret(z.string().min(1).optional()),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(4000),
  INVOICE_MAX_IMAGE_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(10_485_760),
  INVOICE_MAX_IMAGE_PIXELS: z.coerce.number().int().min(10_000).max(400_000_000).default(40_000_000),
};

export const supportEnvSchema = platformEnvSchema.extend({ ...inferenceEnvShape, ...supportEnvShape });
export type SupportConfig = z.infer<typeof supportEnvSchema>;
