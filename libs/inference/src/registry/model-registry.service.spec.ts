import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGoldenMlp, goldenMlpCard } from '../../testing/index.js';
import type { NamedTensors } from '../engine/tensor.js';
import { ModelRegistry, type SessionHost } from './model-registry.service.js';
import { writeModelVersion } from './model-version-writer.js';
import { InMemoryServingVersionStore } from './serving-version.store.js';

// A session host that records calls and answers runs with the card's output; `failWarmUp` makes the
// named session keys' runs fail.
function fakeSessions(failRunsOf: (key: string) => boolean = () => false) {
  const calls: string[] = [];
  const host: SessionHost = {
    async loadSession(key) {
      calls.push(`load ${key}`);
      return { inputNames: ['x'], outputNames: ['probabilities'] };
    },
    async runSession(key, inputs: NamedTensors) {
      calls.push(`run ${key} rows=${inputs.x.dims[0]}`);
      if (failRunsOf(key)) throw new Error('kernel failed');
      return {
        probabilities: {
          dtype: 'float32',
          dims: [inputs.x.dims[0], 2],
          data: new Float32Array(2 * inputs.x.dims[0]),
        },
      };
    },
    async unloadSession(key) {
      calls.push(`unload ${key}`);
    },
  };
  return { host, calls };
}

describe('ModelRegistry', () => {
  let root: string;
  const quiet = { log: () => undefined, warn: () => undefined };
  const bytes = buildGoldenMlp([4, 2], 1).bytes;
  const card = (version: string) =>
    goldenMlpCard('m', version, [4, 2], {
      batching: { maxBatchSize: 8, maxQueueDelayMicros: 0, maxQueueSize: 8 },
    });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'inference-registry-'));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('warms up each version, at one row and at the max batch, before it is ready', async () => {
    await writeModelVersion(root, card('1'), bytes);
    const { host, calls } = fakeSessions();
    const sut = new ModelRegistry({ root, sessions: host, logger: quiet });
    await sut.loadRepository();
    expect(calls).toEqual(['load m@1#1', 'run m@1#1 rows=1', 'run m@1#1 rows=8']);
    expect(sut.status('m')).toMatchObject({ version: '1', ready: true });
  });

  it('reports a version whose warm-up fails as not ready, and releases its session', async () => {
    await writeModelVersion(root, card('1'), bytes);
    const { host, calls } = fakeSessions(() => true);
    const sut = new ModelRegistry({ root, sessions: host, logger: quiet });
    await sut.loadRepository();
    expect(sut.status('m')).toMatchObject({ ready: false, reason: 'warm-up failed: kernel failed' });
    expect(calls.at(-1)).toBe('unload m@1#1');
    expect(() => sut.resolve('m')).toThrow(expect.objectContaining({ code: 'MODEL_NOT_READY' }));
  });

  it('keeps the serving session when a reload of the same version fails its checksum', async () => {
    const written = await writeModelVersion(root, card('1'), bytes);
    const { host } = fakeSessions();
    const sut = new ModelRegistry({ root, sessions: host, logger: quiet });
    await sut.loadRepository();
    await writeFile(join(written.dir, 'model.onnx'), bytes.slice(1));
    const state = await sut.loadVersion('m', '1');
    expect(state).toMatchObject({ ready: true, sessionKey: 'm@1#1' });
    expect(sut.resolve('m').sessionKey).toBe('m@1#1');
  });

  it('rejects a card that names another model or version', async () => {
    await writeModelVersion(root, card('1'), bytes);
    const wrong = await writeModelVersion(root, { ...card('2') }, bytes);
    await writeFile(join(wrong.dir, 'model.json'), JSON.stringify({ ...card('3'), sha256: 'x' }));
    const sut = new ModelRegistry({ root, sessions: fakeSessions().host, logger: quiet });
    await sut.loadRepository();
    expect(sut.status('m', '2')).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/^model card: card version "3"/),
    });
    expect(sut.servingVersion('m')).toBe('1');
  });

  it('serves the persisted promotion over the newest version, and only the configured versions', async () => {
    for (const v of ['1', '2', '3']) await writeModelVersion(root, card(v), bytes);
    const store = new InMemoryServingVersionStore();
    await store.writeServing('m', { serving: '2' });
    const sut = new ModelRegistry({
      root,
      sessions: fakeSessions().host,
      store,
      logger: quiet,
      models: { m: ['1', '2'] },
    });
    await sut.loadRepository();
    expect(sut.servingVersion('m')).toBe('2');
    expect(sut.list().map((s) => s.version)).toEqual(['1', '2']);
    await sut.promote('m', '1');
    expect(await store.readServing('m')).toEqual({ serving: '1', previous: '2' });
    expect(await sut.rollback('m')).toBe('2');
  });

  it('writes versions atomically and refuses to overwrite one', async () => {
    await writeModelVersion(root, card('1'), bytes);
    await expect(writeModelVersion(root, card('1'), bytes)).rejects.toThrow(/already exists/);
    await expect(writeModelVersion(root, { ...card('1'), version: '../x' }, bytes)).rejects.toThrow(
      /safe folder/,
    );
  });

  it('lists a model whose weights were never installed, without counting it among those to serve', async () => {
    await writeModelVersion(root, card('1'), bytes);
    await writeModelVersion(root, { ...card('1'), name: 'absent' }, bytes);
    await rm(join(root, 'absent', '1', 'model.onnx'));
    const sut = new ModelRegistry({ root, sessions: fakeSessions().host, logger: quiet });
    await sut.loadRepository();
    expect(sut.status('absent')).toMatchObject({ ready: false, reason: 'model file missing' });
    expect(sut.counts()).toEqual({ loaded: 1, serving: 1, models: 1 });
  });

  it('still waits for a model whose weights are there but fail', async () => {
    await writeModelVersion(root, card('1'), bytes);
    await writeModelVersion(root, { ...card('1'), name: 'broken' }, bytes);
    await writeFile(join(root, 'broken', '1', 'model.onnx'), Uint8Array.of(1, 2, 3));
    const sut = new ModelRegistry({ root, sessions: fakeSessions().host, logger: quiet });
    await sut.loadRepository();
    expect(sut.counts()).toEqual({ loaded: 1, serving: 1, models: 2 });
  });

  it('unloads a model (sessions freed, not waited for) and loads it again from the repository', async () => {
    await writeModelVersion(root, card('1'), bytes);
    await writeModelVersion(root, card('2'), bytes);
    const { host, calls } = fakeSessions();
    const sut = new ModelRegistry({ root, sessions: host, logger: quiet });
    await sut.loadRepository();
    expect(await sut.unloadModel('m')).toEqual(['1', '2']);
    expect(calls.filter((c) => c.startsWith('unload'))).toEqual(['unload m@1#1', 'unload m@2#2']);
    expect(sut.status('m', '2')).toMatchObject({ ready: false, reason: 'unloaded' });
    expect(sut.counts()).toEqual({ loaded: 0, serving: 0, models: 0 });
    await sut.loadModel('m');
    expect(sut.status('m')).toMatchObject({ version: '2', ready: true });
    expect(sut.counts()).toEqual({ loaded: 2, serving: 1, models: 1 });
    await expect(sut.loadModel('nope')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });
});
