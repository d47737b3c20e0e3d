// Shared by the risk e2e tests: real applicants from the held-out dev split as API requests, and a
// private copy of the shipped model repository for tests that write new versions.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApplicantRecord,
  type LabelledApplicant,
  readCreditDefaultCsv,
  RISK_MODEL_NAME,
} from '@suite/risk-models';

export const DEV_CSV = 'data/credit-default/dev.csv';

export function scoreRequestOf(
  record: ApplicantRecord,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    creditLimit: record.creditLimit,
    age: 35,
    history: record.history.map((m) => ({ ...m })),
    ...extra,
  };
}

/** `count` dev applicants, defaults and non-defaults alternating, in file order. */
export async function mixedDevApplicants(count: number): Promise<LabelledApplicant[]> {
  const rows = await readCreditDefaultCsv({ path: DEV_CSV });
  const defaults = rows.filter((r) => r.label === 1);
  const others = rows.filter((r) => r.label === 0);
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? others[i >> 1] : defaults[i >> 1]));
}

export interface ModelRepositoryCopy {
  dir: string;
  remove(): Promise<void>;
}

/** The shipped risk model, copied to a temporary repository that retraining may write to. */
export async function copyShippedRiskModels(): Promise<ModelRepositoryCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'risk-models-'));
  await cp(join('models', RISK_MODEL_NAME, '1'), join(dir, RISK_MODEL_NAME, '1'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
