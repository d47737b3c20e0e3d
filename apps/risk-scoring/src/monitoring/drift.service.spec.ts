// Drift figures of the shipped model against real dev-split applicants: a handful of applications
// reports insufficient-data (not PSI ~3 "significant-shift" on every input); the minimum sample of
// unshifted traffic reports the score as stable.
import { readCreditDefaultCsv } from '@suite/risk-models';
import { openRiskModel, type OpenedRiskModel } from '../model-registry/risk-model-scorer.js';
import { DRIFT_MIN_APPLICATIONS, driftFigures } from './drift.service.js';

describe('driftFigures', () => {
  let model: OpenedRiskModel;

  beforeAll(async () => {
    model = await openRiskModel({
      modelsDir: 'models',
      version: '1',
      logger: { log: () => {}, warn: () => {} },
    });
  });

  afterAll(() => model.close());

  const figuresOf = async (n: number) => {
    const rows = (await readCreditDefaultCsv({ path: 'data/credit-default/dev.csv' })).slice(0, n);
    const records = rows.map((r) => r.record);
    const scored = await model.scorer.scoreApplicants(records);
    return driftFigures(
      model.scorer.card.extra.driftBaseline,
      records,
      scored.map((s) => s.probability),
    );
  };

  it('reports insufficient-data, with no PSI, below the minimum sample', async () => {
    const sut = await figuresOf(6);
    expect(sut.minimumApplications).toBe(DRIFT_MIN_APPLICATIONS);
    expect(sut.score).toEqual({ psi: null, band: 'insufficient-data' });
    expect(sut.inputs.length).toBeGreaterThan(10);
    for (const input of sut.inputs) expect(input).toMatchObject({ psi: null, band: 'insufficient-data' });
    expect((await figuresOf(DRIFT_MIN_APPLICATIONS - 1)).score.band).toBe('insufficient-data');
  });

  it('measures PSI from the minimum sample on, and finds unshifted dev traffic stable', async () => {
    const sut = await figuresOf(DRIFT_MIN_APPLICATIONS);
    expect(sut.score.band).toBe('stable');
    expect(sut.score.psi).toBeLessThan(0.1);
    const stable = sut.inputs.filter((i) => i.band === 'stable').length;
    expect(stable / sut.inputs.length).toBeGreaterThan(0.8);
  });
});
