// No 5xx on a protocol request cut short: well-formed v2 requests (JSON, binary tensor data, both)
// truncated at arbitrary byte offsets, as a client that dies mid-write or a proxy that cuts a body
// sends them, are answered 4xx with the protocol's {"error"} body, or 200 where what is left is still
// a whole request. Real AppModule over the conformance repository; fast-check with a fixed seed.
import fc from 'fast-check';
import { serveRepository, type ServedRepository } from './serve-repository.js';
import { MODEL_OF_DTYPE, writeReadyRepository } from './conformance-repository.js';

interface Sample {
  path: string;
  contentType: string;
  body: Buffer;
  headerLength?: number;
}

function jsonSample(model: string, body: object): Sample {
  return {
    path: `/v2/models/${model}/infer`,
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(body)),
  };
}

function binarySample(model: string, header: object, tail: Buffer): Sample {
  const json = Buffer.from(JSON.stringify(header));
  return {
    path: `/v2/models/${model}/infer`,
    contentType: 'application/octet-stream',
    body: Buffer.concat([json, tail]),
    headerLength: json.length,
  };
}

const strings = ['ab', '', 'héllo', 'x'];
const stringBytes = Buffer.concat(
  strings.flatMap((s) => {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(Buffer.byteLength(s));
    return [len, Buffer.from(s)];
  }),
);
const fp32Bytes = Buffer.from(Float32Array.of(1, 2, 3, 4).buffer);

const SAMPLES: Sample[] = [
  jsonSample(MODEL_OF_DTYPE.float32, {
    id: 'r1',
    parameters: { a: 1 },
    inputs: [
      {
        name: 'x',
        shape: [2, 2],
        datatype: 'FP32',
        data: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    outputs: [{ name: 'y' }],
  }),
  jsonSample(MODEL_OF_DTYPE.string, {
    inputs: [{ name: 'x', shape: [2, 2], datatype: 'BYTES', data: strings }],
  }),
  jsonSample(MODEL_OF_DTYPE.int64, {
    inputs: [{ name: 'x', shape: [2, 2], datatype: 'UINT32', data: [1, 2, 3, 4294967295] }],
  }),
  binarySample(
    MODEL_OF_DTYPE.float32,
    {
      inputs: [{ name: 'x', shape: [2, 2], datatype: 'FP32', parameters: { binary_data_size: 16 } }],
      outputs: [{ name: 'y', parameters: { binary_data: true } }],
    },
    fp32Bytes,
  ),
  binarySample(
    MODEL_OF_DTYPE.string,
    {
      inputs: [
        { name: 'x', shape: [2, 2], datatype: 'BYTES', parameters: { binary_data_size: stringBytes.length } },
      ],
    },
    stringBytes,
  ),
];

describe('KServe v2 requests truncated at random byte offsets (property)', () => {
  let served: ServedRepository | undefined;
  let key: string;
  let baseUrl: string;

  beforeAll(async () => {
    served = await serveRepository('kserve-truncation', writeReadyRepository);
    ({ key, baseUrl } = served);
  });

  afterAll(() => served?.close());

  it('every sample is a whole request the server answers 200', async () => {
    for (const s of SAMPLES) {
      const res = await send(s, s.body);
      expect([s.path, res.status, res.status === 200 ? '' : res.text]).toEqual([s.path, 200, '']);
    }
  });

  it('refuses a binary request whose JSON sets a prototype, as Fastify refuses it in JSON bodies', async () => {
    const header = Buffer.from('{"__proto__": {"polluted": true}, "inputs": []}');
    const res = await send(
      {
        path: SAMPLES[3].path,
        contentType: 'application/octet-stream',
        body: header,
        headerLength: header.length,
      },
      header,
    );
    expect([res.status, Object.keys(JSON.parse(res.text))]).toEqual([400, ['error']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers no cut of any sample with a 5xx, and every refusal is {"error"}', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SAMPLES.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (which, at) => {
          const s = SAMPLES[which];
          const cut = s.body.subarray(0, Math.floor(at * s.body.length));
          const res = await send(s, cut);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(Object.keys(JSON.parse(res.text || '{}'))).toEqual(['error']);
        },
      ),
      { seed: 20261203, numRuns: 150 },
    );
  });

  // fetch over a socket: supertest would re-encode a Buffer body sent as application/json.
  async function send(s: Sample, body: Buffer): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { 'x-api-key': key, 'content-type': s.contentType };
    if (s.headerLength !== undefined) headers['inference-header-content-length'] = String(s.headerLength);
    const res = await fetch(`${baseUrl}${s.path}`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }
});
