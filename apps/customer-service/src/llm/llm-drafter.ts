// Optional generative backend (LLM_URL): any OpenAI-compatible chat-completions server (vLLM serving
// a Qwen model, llama.cpp, Ollama…) rewrites the approved answer for a confident intent so that it
// reads naturally in the conversation. It may only rephrase: the prompt forbids new facts, and any
// failure, timeout or odd output falls back to the template answer. Off by default.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SUPPORT_OPTIONS, type LlmOptions, type SupportOptions } from '../support-options.js';

export interface ConversationTurn {
  author: 'customer' | 'bot' | 'agent';
  text: string;
}

export interface DraftRequest {
  intentTitle: string;
  approvedAnswer: string;
  /** Recent turns, oldest first, ending with the customer's message being answered. */
  turns: readonly ConversationTurn[];
}

const SYSTEM_PROMPT =
  'You are the chat assistant of a bank. Rewrite the APPROVED ANSWER so that it replies naturally to the ' +
  "customer's last message, in at most three sentences. Use only facts from the APPROVED ANSWER and the " +
  'conversation; never invent amounts, dates, fees, timelines or policies; never ask for card numbers, PINs or ' +
  'passwords. Reply with the answer text only.';

const MAX_DRAFT_CHARS = 1200;

export function chatCompletionsUrl(base: string): string {
  return /\/v1$/.test(base) ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

@Injectable()
export class LlmDrafter {
  private readonly logger = new Logger(LlmDrafter.name);
  private readonly llm: LlmOptions | undefined;

  constructor(@Inject(SUPPORT_OPTIONS) options: SupportOptions) {
    this.llm = options.llm;
  }

  get enabled(): boolean {
    return this.llm !== undefined;
  }

  /** The rewritten answer, or undefined (disabled, slow, failed or implausible): use the template. */
  async draftAnswer(request: DraftRequest): Promise<string | undefined> {
    const llm = this.llm;
    if (!llm) return undefined;
    const messages = [
      { role: 'system', content: SYSTEM_PROMPT },
      ...request.turns
        .slice(-8)
        .map((t) => ({ role: t.author === 'customer' ? 'user' : 'assistant', content: t.text })),
      {
        role: 'user',
        content: `Topic: ${request.intentTitle}\nAPPROVED ANSWER: ${request.approvedAnswer}\nRewrite it for my last message.`,
      },
    ];
    try {
      const response = await fetch(chatCompletionsUrl(llm.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: llm.model, messages, temperature: 0.2, max_tokens: 256 }),
        signal: AbortSignal.timeout(llm.timeoutMs),
      });
      if (!response.ok) {
        this.logger.warn(`LLM backend answered ${response.status}; using the template`);
        return undefined;
      }
      const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
      const text = body.choices?.[0]?.message?.content;
      if (typeof text !== 'string') return undefined;
      const draft = text.trim();
      return draft.length > 0 && draft.length <= MAX_DRAFT_CHARS ? draft : undefined;
    } catch (err) {
      // Names only: messages of network errors can carry the URL.
      this.logger.warn(`LLM backend failed (${(err as Error).name}); using the template`);
      return undefined;
    }
  }
}
