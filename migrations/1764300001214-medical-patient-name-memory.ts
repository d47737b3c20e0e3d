import type { MigrationInterface, QueryRunner } from 'typeorm';

// medical-records: the name memory of each patient (deid/patient-name-memory.ts). A name word found as
// PHI in one of a patient's documents is removed from their later documents wherever it occurs. No
// name and no patient key is stored: `patient` is HMAC-SHA256 under DEID_SECRET of the patient's key
// (itself the keyed hash of the source's identifier), `word` HMAC-SHA256 under DEID_SECRET of the
// normalised word. At most MAX_REMEMBERED_NAME_WORDS rows per patient (the least recently seen go).
export class MedicalPatientNameMemory1764300001214 implements MigrationInterface {
  name = 'MedicalPatientNameMemory1764300001214';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE medical.patient_name_memory (
      patient char(64) NOT NULL CHECK (patient ~ '^[0-9a-f]{64}$'),
      word char(64) NOT NULL CHECK (word ~ '^[0-9a-f]{64}$'),
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      PRIMARY KEY (patient, word)
    )`);
    await q.query(`CREATE INDEX patient_name_memory_recent ON medical.patient_name_memory
      (patient, last_seen_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE medical.patient_name_memory`);
  }
}
