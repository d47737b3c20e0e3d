// InferenceModule gives the process one engine; every loader borrows it and has its models loaded
// into it on first use, so no loader opens an engine of its own (issue 19).
import { Test } from '@nestjs/testing';
import { borrowOrOpenBackend } from '../kserve/open-inference-backend.js';
import { INFERENCE_BACKEND, type InferenceBackend } from './inference-backend.js';
import { openInferenceEngineCount } from './local-inference.engine.js';
import { InferenceModule } from './inference.module.js';

describe('InferenceModule', () => {
  it('opens one engine, loads each loader model into it once, and closes it with the app', async () => {
    const before = openInferenceEngineCount();
    const moduleRef = await Test.createTestingModule({
      imports: [InferenceModule.forRoot({ modelsDir: 'models', remote: false, pool: { workers: 1 } })],
    }).compile();
    await moduleRef.init();
    const engine = moduleRef.get<InferenceBackend>(INFERENCE_BACKEND);
    expect(openInferenceEngineCount()).toBe(before + 1);
    expect(await engine.listModels()).toEqual([]);

    const wanted = { modelsDir: 'models', models: { 'intent-banking77': ['1'], 'risk-default': ['1'] } };
    const first = await borrowOrOpenBackend(engine, wanted);
    const second = await borrowOrOpenBackend(engine, { ...wanted, models: { 'intent-banking77': ['1'] } });
    expect(first.backend).toBe(engine);
    expect(second.backend).toBe(engine);
    expect((await engine.listModels()).map((m) => `${m.name}/${m.version}:${m.ready}`)).toEqual([
      'intent-banking77/1:true',
      'risk-default/1:true',
    ]);
    await first.close(); // a borrower's close leaves the engine to its owner
    expect(await engine.isReady()).toBe(true);
    await expect(
      borrowOrOpenBackend(engine, { modelsDir: 'models', models: { 'no-such-model': ['1'] } }),
    ).rejects.toThrow(/no-such-model/);
    expect(openInferenceEngineCount()).toBe(before + 1);

    await moduleRef.close();
    expect(openInferenceEngineCount()).toBe(before);
  }, 60_000);
});
