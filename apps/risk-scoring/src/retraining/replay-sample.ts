// The replay sample mixed into every warm start: rows of the shipped training data (the fit and
// calibration parts of data/credit-default/train.csv), drawn with a seeded RNG. Read once per process.
import { Rng } from '@suite/ml';
import { readCreditDefaultCsv } from '@suite/risk-models';
import { splitCreditDefault } from '@suite/risk-models/training';
import type { LabelledRecord } from './champion-challenger.js';

export const REPLAY_FIT_ROWS = 3000;
export const REPLAY_CALIBRATION_ROWS = 1000;

export interface ReplaySample {
  fit: LabelledRecord[];
  calibration: LabelledRecord[];
}

export class ReplayData {
  private loading?: Promise<{ fit: LabelledRecord[]; calibration: LabelledRecord[] }>;

  constructor(private readonly path: string) {}

  async sample(seed: number): Promise<ReplaySample> {
    this.loading ??= readCreditDefaultCsv({ path: this.path }).then((rows) => {
      const parts = splitCreditDefault(rows.filter((r) => r.label !== undefined));
      const labelled = (part: typeof rows) => part.map((r) => ({ record: r.record, label: r.label ?? 0 }));
      return { fit: labelled(parts.fit), calibration: labelled(parts.calibration) };
    });
    const all = await this.loading.catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    const rng = new Rng(seed);
    return {
      fit: rng.shuffle([...all.fit]).slice(0, REPLAY_FIT_ROWS),
      calibration: rng.shuffle([...all.calibration]).slice(0, REPLAY_CALIBRATION_ROWS),
    };
  }
}
