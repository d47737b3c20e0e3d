import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SupportOptions } from '../support-options.js';
import { chatCompletionsUrl, LlmDrafter } from './llm-drafter.js';

type Handler = (
  body: { model: string; messages: { role: string; content: string }[] },
  req: IncomingMessage,
) => { status: number; json?: unknown; delayMs?: number };

describe('LlmDrafter (OpenAI-compatible chat completions)', () => {
  let server: Server;
  let url: string;
  let handler: Handler;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const out = handler(JSON.parse(raw) as Parameters<Handler>[0], req);
        setTimeout(() => {
          res.writeHead(out.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out.json ?? {}));
        }, out.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const drafter = (timeoutMs = 2000) =>
    new LlmDrafter({ llm: { url, model: 'qwen-test', apiKey: 'secret', timeoutMs } } as SupportOptions);
  const request = {
    intentTitle: 'a card that has not arrived',
    approvedAnswer: 'Cards arrive within 3 to 5 working days.',
    turns: [{ author: 'customer' as const, text: 'Where is my card?' }],
  };

  it('sends the approved answer and the turns, and returns the rewritten text', async () => {
    let seen: Parameters<Handler>[0] | undefined;
    let auth: string | undefined;
    handler = (body, req) => {
      seen = body;
      auth = req.headers.authorization;
      return {
        status: 200,
        json: { choices: [{ message: { content: '  Your card should arrive in 3 to 5 working days.  ' } }] },
      };
    };
    await expect(drafter().draftAnswer(request)).resolves.toBe(
      'Your card should arrive in 3 to 5 working days.',
    );
    expect(seen?.model).toBe('qwen-test');
    expect(seen?.messages[0].role).toBe('system');
    expect(seen?.messages.at(-1)?.content).toContain('Cards arrive within 3 to 5 working days.');
    expect(auth).toBe('Bearer secret');
  });

  it('falls back (undefined) on an error status, a malformed body or a timeout', async () => {
    handler = () => ({ status: 500 });
    await expect(drafter().draftAnswer(request)).resolves.toBeUndefined();
    handler = () => ({ status: 200, json: { choices: [] } });
    await expect(drafter().draftAnswer(request)).resolves.toBeUndefined();
    handler = () => ({ status: 200, json: { choices: [{ message: { content: 'late' } }] }, delayMs: 500 });
    await expect(drafter(100).draftAnswer(request)).resolves.toBeUndefined();
  });

  it('is off without LLM_URL', async () => {
    const sut = new LlmDrafter({} as SupportOptions);
    expect(sut.enabled).toBe(false);
    await expect(sut.draftAnswer(request)).resolves.toBeUndefined();
  });

  it('accepts base URLs with or without /v1', () => {
    expect(chatCompletionsUrl('http://h:8000')).toBe('http://h:8000/v1/chat/completions');
    expect(chatCompletionsUrl('http://h:8000/v1')).toBe('http://h:8000/v1/chat/completions');
  });
});
