// The migrations, grouped by the floor that owns each schema. Loaded by class (not by glob) so the same
// lists work from dist/ and in jest. A service runs platform's, the engine's and its own
// (`serviceMigrations`); the CLI's `migrate` and `start` run them all for the suite (`migrations`).
import type { MigrationInterface } from 'typeorm';
import { InferenceSchema1764300000000 } from './1764300000000-inference-schema.js';
import { PlatformSchema1764300000001 } from './1764300000001-platform-schema.js';
import { RiskScoringSchema1764300000200 } from './1764300000200-risk-scoring-schema.js';
import { MedicalSchema1764300000600 } from './1764300000600-medical-schema.js';
import { MedicalDocumentVersions1764300000610 } from './1764300000610-medical-document-versions.js';
import { SupportSchema1764300000700 } from './1764300000700-support-schema.js';
import { SupportTransactions1764300000800 } from './1764300000800-support-transactions.js';
import { IdempotencyKeyHash1764300001001 } from './1764300001001-idempotency-key-hash.js';
import { SupportMessageAgentName1764300001100 } from './1764300001100-support-message-agent-name.js';
import { IdempotencyClaims1764300001200 } from './1764300001200-idempotency-claims.js';
import { MedicalPatientNameMemory1764300001214 } from './1764300001214-medical-patient-name-memory.js';

export type MigrationClass = new () => MigrationInterface;

/** libs/platform: API keys, idempotency keys, audit log. */
export const platformMigrations: MigrationClass[] = [
  PlatformSchema1764300000001,
  IdempotencyKeyHash1764300001001,
  IdempotencyClaims1764300001200,
];
/** libs/inference: the L2 result cache and model state (every service runs the engine). */
export const inferenceMigrations: MigrationClass[] = [InferenceSchema1764300000000];
export const riskMigrations: MigrationClass[] = [RiskScoringSchema1764300000200];
export const medicalMigrations: MigrationClass[] = [
  MedicalSchema1764300000600,
  MedicalDocumentVersions1764300000610,
  MedicalPatientNameMemory1764300001214,
];
export const supportMigrations: MigrationClass[] = [
  SupportSchema1764300000700,
  SupportTransactions1764300000800,
  SupportMessageAgentName1764300001100,
];

const timestampOf = (m: MigrationClass) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? 0);

/** What one service runs: platform's, the engine's and its own, in timestamp order. */
export function serviceMigrations(own: MigrationClass[]): MigrationClass[] {
  return [...platformMigrations, ...inferenceMigrations, ...own].sort(
    (a, b) => timestampOf(a) - timestampOf(b),
  );
}

/** Every migration of the suite, in order (the CLI's `migrate` and `start`, and tests of the whole). */
export const migrations: MigrationClass[] = serviceMigrations([
  ...riskMigrations,
  ...medicalMigrations,
  ...supportMigrations,
]);
