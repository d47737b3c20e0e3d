// Every migration, in order. Loaded by class (not by glob) so the same list works from dist/ and in jest.
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

export const migrations: (new () => MigrationInterface)[] = [
  InferenceSchema1764300000000,
  PlatformSchema1764300000001,
  RiskScoringSchema1764300000200,
  MedicalSchema1764300000600,
  MedicalDocumentVersions1764300000610,
  SupportSchema1764300000700,
  SupportTransactions1764300000800,
  IdempotencyKeyHash1764300001001,
  SupportMessageAgentName1764300001100,
  IdempotencyClaims1764300001200,
  MedicalPatientNameMemory1764300001214,
];
