// What the KServe v2 routes need from Fastify beyond Nest's routing: body parsers that read Triton's
// binary tensor data (a JSON object, then bytes, the JSON's length in Inference-Header-Content-Length)
// and the protocol's error body, `{"error": "<message>"}`, on every error answer under /v2, whatever
// produced it (validation, a guard, the router's 404, a body Fastify could not parse).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INFERENCE_HEADER_LENGTH, splitInferenceBody } from './kserve-binary.js';

const BINARY_MEDIA_TYPE = 'application/octet-stream';
const JSON_MEDIA_TYPE = 'application/json';
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

export function isV2Url(url: string): boolean {
  return url === '/v2' || url.startsWith('/v2/') || url.startsWith('/v2?');
}

function headerOf(request: FastifyRequest): string | undefined {
  const value = request.headers[INFERENCE_HEADER_LENGTH];
  return Array.isArray(value) ? value[0] : value;
}

export function installKServeHttpHooks(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  const parseInferenceBody = (
    request: FastifyRequest,
    body: Buffer,
    done: (err: Error | null, body?: unknown) => void,
  ): void => {
    const headerLength = headerOf(request);
    if (headerLength === undefined || !isV2Url(request.url)) {
      if (body.length === 0) return done(null, undefined);
      // Fastify's own JSON parser, with its prototype-poisoning checks.
      void parseJson(request, body.toString('utf8'), done);
      return;
    }
    try {
      const { json, tail } = splitInferenceBody(body, headerLength);
      (request as FastifyRequest & { inferenceBinary?: Buffer }).inferenceBinary = tail;
      done(null, json);
    } catch (err) {
      done(err as Error);
    }
  };
  fastify.removeContentTypeParser(JSON_MEDIA_TYPE);
  fastify.addContentTypeParser(
    [JSON_MEDIA_TYPE, BINARY_MEDIA_TYPE],
    { parseAs: 'buffer' },
    (req, body, done) => parseInferenceBody(req, body as Buffer, done),
  );
  // Triton's clients send binary requests without a Content-Type (tritonclient, requests) or with
  // urllib's form default: under /v2 any body is the protocol's; elsewhere forms stay forms and other
  // types stay 415.
  if (fastify.hasContentTypeParser(FORM_MEDIA_TYPE)) fastify.removeContentTypeParser(FORM_MEDIA_TYPE);
  fastify.addContentTypeParser(FORM_MEDIA_TYPE, { parseAs: 'buffer' }, (req, body, done) => {
    if (isV2Url(req.url)) return parseInferenceBody(req, body as Buffer, done);
    done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))));
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    if (isV2Url(req.url)) return parseInferenceBody(req, body as Buffer, done);
    done(Object.assign(new Error('Unsupported content type'), { statusCode: 415 }));
  });

  // The Open Inference Protocol's OpenAPI document spells server metadata `/v2/`; Nest's routes drop
  // trailing slashes, so that spelling is sent to `/v2` (308 keeps the method; same guards there).
  fastify.get('/v2/', (_request, reply) => reply.redirect('/v2', 308));

  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !isV2Url(request.url))
      return done(null, payload);
    try {
      const body = JSON.parse(payload) as { code?: unknown; message?: unknown };
      // Our platform's error body { code, message, correlationId } (the id stays in X-Correlation-Id).
      if (typeof body.code === 'string' && typeof body.message === 'string')
        return done(null, JSON.stringify({ error: body.message }));
    } catch {
      // Not JSON: leave it.
    }
    done(null, payload);
  });
}
