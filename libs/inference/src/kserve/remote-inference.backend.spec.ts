// The remote client against answers a real server would rarely give on cue: Triton's error bodies and
// status codes, a server that never answers, a proxy's HTML page.
import { DomainError } from '@suite/platform';
import type { NamedTensors } from '../engine/tensor.js';
import { RemoteInferenceBackend } from './remote-inference.backend.js';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fetch that answers from a table keyed by "METHOD path", recording every call. */
function fakeFetch(
  answers: Record<string, { status: number; body?: unknown; headers?: Record<string, string> }>,
) {
  const calls: Call[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? 'GET',
      url: url.pathname,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const answer = answers[`${call.method} ${url.pathname}`];
    if (!answer) {
      // Never answers: resolves only when aborted, as a hung server would.
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
    return new Response(answer.body === undefined ? '' : text, {
      status: answer.status,
      headers: answer.headers,
    });
  }) as typeof fetch;
  return { impl, calls };
}

const inputs: NamedTensors = { x: { dtype: 'int64', dims: [1, 2], data: BigInt64Array.of(3n, 4n) } };

async function codeOf(p: Promise<unknown>): Promise<[string, number | undefined, string]> {
  try {
    await p;
  } catch (err) {
    const e = err as DomainError;
    return [e.code, e.details?.retryAfterSeconds, e.message];
  }
  throw new Error('expected a failure');
}

describe('RemoteInferenceBackend', () => {
  it('sends v2 JSON with the API key, version path, priority and timeout, and decodes the answer', async () => {
    const { impl, calls } = fakeFetch({
      'POST /v2/models/risk/versions/7/infer': {
        status: 200,
        body: {
          model_name: 'risk',
          model_version: '7',
          outputs: [{ name: 'p', shape: [1, 1], datatype: 'FP32', data: [0.25] }],
        },
      },
    });
    const sut = new RemoteInferenceBackend({
      baseUrl: 'http://triton:8000/',
      apiKey: 'sk_test',
      fetch: impl,
    });
    const result = await sut.infer('risk', inputs, { version: '7', priority: 2, timeoutMs: 1500 });
    expect(result).toEqual({
      modelName: 'risk',
      modelVersion: '7',
      outputs: { p: { dtype: 'float32', dims: [1, 1], data: Float32Array.of(0.25) } },
    });
    expect(calls[0].headers['x-api-key']).toBe('sk_test');
    expect(calls[0].body).toEqual({
      inputs: [{ name: 'x', shape: [1, 2], datatype: 'INT64', data: [3, 4] }],
      parameters: { priority: 2, timeout: 1_500_000, binary_data_output: true },
    });
  });

  it('maps Triton-style errors ({ error }) by status code', async () => {
    const { impl } = fakeFetch({
      'POST /v2/models/a/infer': { status: 400, body: { error: 'unexpected shape for input x' } },
      'POST /v2/models/b/infer': { status: 429, body: { error: 'busy' } },
      'POST /v2/models/c/infer': {
        status: 503,
        body: '<html>bad gateway</html>',
        headers: { 'retry-after': '3' },
      },
      'POST /v2/models/d/infer': { status: 504, body: { error: 'deadline' } },
      'POST /v2/models/e/infer': { status: 200, body: { outputs: 'nope' } },
    });
    const sut = new RemoteInferenceBackend({ baseUrl: 'http://triton:8000', fetch: impl });
    expect(await codeOf(sut.infer('a', inputs))).toEqual([
      'INVALID_INPUT',
      undefined,
      'infer a: unexpected shape for input x',
    ]);
    expect((await codeOf(sut.infer('b', inputs))).slice(0, 2)).toEqual(['INFERENCE_QUEUE_FULL', 1]);
    expect(await codeOf(sut.infer('c', inputs))).toEqual([
      'INFERENCE_QUEUE_FULL',
      3,
      'infer c: <html>bad gateway</html>',
    ]);
    expect((await codeOf(sut.infer('d', inputs)))[0]).toBe('INFERENCE_TIMEOUT');
    expect((await codeOf(sut.infer('e', inputs)))[0]).toBe('INFERENCE_FAILED');
  });

  it('gives up on a server that never answers with INFERENCE_TIMEOUT', async () => {
    const { impl } = fakeFetch({});
    const sut = new RemoteInferenceBackend({ baseUrl: 'http://triton:8000', fetch: impl, timeoutMs: 60_000 });
    const [code, , message] = await codeOf(sut.infer('slow', inputs, { timeoutMs: 5 }));
    expect(code).toBe('INFERENCE_TIMEOUT');
    expect(message).toContain('5 ms');
  });

  it('reads a Triton model that is not ready (400 on ready, error on metadata) as not ready', async () => {
    const { impl } = fakeFetch({
      'GET /v2/models/ocr/ready': { status: 400 },
      'GET /v2/models/ocr': { status: 400, body: { error: 'Request for unknown model: ocr is not ready' } },
    });
    const sut = new RemoteInferenceBackend({ baseUrl: 'http://triton:8000', fetch: impl });
    expect(await sut.modelStatus('ocr')).toEqual({
      name: 'ocr',
      version: '',
      ready: false,
      reason: 'Request for unknown model: ocr is not ready',
      platform: 'onnxruntime_onnx',
      inputs: [],
      outputs: [],
    });
  });

  it('refuses calls after close', async () => {
    const sut = new RemoteInferenceBackend({ baseUrl: 'http://triton:8000', fetch: fakeFetch({}).impl });
    await sut.close();
    expect((await codeOf(sut.infer('m', inputs)))[0]).toBe('SERVICE_UNAVAILABLE');
  });
});
