// The customer service's settings, read once from the validated environment (BOT_STAGE, SUPPORT_*,
// LLM_* in libs/platform's env schema) and shared by every feature module.
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@suite/platform';
import type { SupportConfig } from './support.config.js';

export const SUPPORT_OPTIONS = Symbol('SUPPORT_OPTIONS');
/** () => Date: "today" for dates like "yesterday"; replaced in tests. */
export const SUPPORT_CLOCK = Symbol('SUPPORT_CLOCK');

/**
 * 1: rules, then the intent model when confident, else a person. 2: adds dialogue state (slots,
 * carry-over, clarifications, slot filling) and the optional LLM drafts. 3: stage 2 plus image
 * messages (invoices), delivered by its own module through ATTACHMENT_READER.
 */
export type BotStage = 1 | 2 | 3;

export interface LlmOptions {
  /** Base URL of an OpenAI-compatible server (…/v1/chat/completions is appended). */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface SupportOptions {
  stage: BotStage;
  modelsDir: string;
  intentModel: string;
  /** Origins allowed to call the widget routes from a browser; empty: same origin only. */
  widgetOrigins: string[];
  conversationMessagesPerMinute: number;
  llm?: LlmOptions;
}

export function supportOptionsFrom(config: SupportConfig): SupportOptions {
  return {
    stage: config.BOT_STAGE as BotStage,
    modelsDir: config.SUPPORT_MODELS_DIR,
    intentModel: config.SUPPORT_INTENT_MODEL,
    widgetOrigins: config.SUPPORT_WIDGET_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter((o) => o.length > 0),
    conversationMessagesPerMinute: config.SUPPORT_CONVERSATION_MESSAGES_PER_MINUTE,
    llm: config.LLM_URL
      ? {
          url: config.LLM_URL.replace(/\/+$/, ''),
          model: config.LLM_MODEL,
          apiKey: config.LLM_API_KEY,
          timeoutMs: config.LLM_TIMEOUT_MS,
        }
      : undefined,
  };
}

@Module({})
export class SupportOptionsModule {
  static register(): DynamicModule {
    return {
      module: SupportOptionsModule,
      global: true,
      providers: [
        { provide: SUPPORT_OPTIONS, useFactory: supportOptionsFrom, inject: [APP_CONFIG] },
        { provide: SUPPORT_CLOCK, useValue: () => new Date() },
      ],
      exports: [SUPPORT_OPTIONS, SUPPORT_CLOCK],
    };
  }
}
