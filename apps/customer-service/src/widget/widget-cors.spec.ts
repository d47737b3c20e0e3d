import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyWidgetCors } from './widget-cors.js';

function exchange(method: string, url: string, headers: Record<string, string>) {
  const set: Record<string, string> = {};
  const req = { method, url, headers } as unknown as IncomingMessage;
  const res = { setHeader: (k: string, v: string) => (set[k] = v) } as unknown as ServerResponse;
  return { req, res, set };
}

describe('widget CORS', () => {
  const allowed = ['https://bank.example'];

  it('allows an allow-listed origin on the widget routes, preflight included', () => {
    const { req, res, set } = exchange('OPTIONS', '/v1/conversations/x/messages', {
      origin: 'https://bank.example',
      'access-control-request-method': 'POST',
    });
    expect(applyWidgetCors(req, res, allowed)).toBe('allowed');
    expect(set['access-control-allow-origin']).toBe('https://bank.example');
    expect(set['access-control-allow-headers']).toContain('x-api-key');
    expect(set['access-control-allow-headers']).toContain('idempotency-key');
  });

  it('refuses other origins without CORS headers', () => {
    const preflight = exchange('OPTIONS', '/v1/conversations', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    });
    expect(applyWidgetCors(preflight.req, preflight.res, allowed)).toBe('refused-preflight');
    const simple = exchange('GET', '/v1/conversations/x', { origin: 'https://evil.example' });
    expect(applyWidgetCors(simple.req, simple.res, allowed)).toBe('refused');
    expect(simple.set['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves other routes and same-origin requests alone', () => {
    const agents = exchange('GET', '/v1/handoffs', { origin: 'https://bank.example' });
    expect(applyWidgetCors(agents.req, agents.res, allowed)).toBe('not-cors');
    expect(agents.set).toEqual({});
    const noOrigin = exchange('GET', '/v1/conversations/x', {});
    expect(applyWidgetCors(noOrigin.req, noOrigin.res, allowed)).toBe('not-cors');
  });
});
