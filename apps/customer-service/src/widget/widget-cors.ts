// CORS for the widget's routes (/v1/conversations…) with an allow-list (SUPPORT_WIDGET_ORIGINS): a
// page on an allowed origin may call them with its publishable key; any other origin gets no CORS
// headers (the browser refuses) and its preflights a 403. Other routes never answer cross-origin.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const WIDGET_ROUTE_PREFIX = '/v1/conversations';
const ALLOWED_HEADERS = 'content-type, x-api-key, idempotency-key, last-event-id, x-correlation-id';
const EXPOSED_HEADERS = 'x-correlation-id, retry-after, idempotent-replayed';

export type CorsVerdict = 'not-cors' | 'allowed' | 'refused-preflight' | 'refused';

/** Applies the policy to a raw request/response; `preflight-done` means the response was sent. */
export function applyWidgetCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowedOrigins: readonly string[],
): CorsVerdict {
  const origin = req.headers.origin;
  const path = (req.url ?? '').split('?')[0];
  if (typeof origin !== 'string' || !path.startsWith(WIDGET_ROUTE_PREFIX)) return 'not-cors';
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  res.setHeader('vary', 'Origin');
  if (!allowedOrigins.includes(origin)) return preflight ? 'refused-preflight' : 'refused';
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  if (preflight) {
    res.setHeader('access-control-allow-methods', 'GET, POST');
    res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  return 'allowed';
}
