import type { MigrationInterface, QueryRunner } from 'typeorm';

// medical-records: de-identified clinical documents and the inbox of source messages they came in.
// Nothing here holds PHI: text is stored only after de-identification, PHI findings are types and
// offsets, and patients are keyed hashes (HMAC-SHA256). The schema itself comes with the platform.
export class MedicalSchema1764300000600 implements MigrationInterface {
  name = 'MedicalSchema1764300000600';

  async up(q: QueryRunner): Promise<void> {
    // One row per accepted message (a text, a DocumentReference, a Bundle, an MDM message). The
    // source's own message id, when it has one, is unique per submitter: a redelivery replays the
    // first response instead of storing the documents twice.
    await q.query(`CREATE TABLE medical.source_messages (
      id uuid PRIMARY KEY,
      submitted_by text NOT NULL,
      source_format text NOT NULL CHECK (source_format IN ('text', 'fhir', 'hl7v2')),
      source_message_id text CHECK (char_length(source_message_id) BETWEEN 1 AND 1024),
      request_hash char(64) NOT NULL,
      bundle boolean NOT NULL,
      document_count integer NOT NULL CHECK (document_count >= 1),
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX source_messages_source_id ON medical.source_messages
      (submitted_by, source_format, source_message_id) WHERE source_message_id IS NOT NULL`);
    await q.query(`CREATE TABLE medical.documents (
      id uuid PRIMARY KEY,
      source_message uuid NOT NULL REFERENCES medical.source_messages (id),
      position integer NOT NULL CHECK (position >= 0),
      source_format text NOT NULL CHECK (source_format IN ('text', 'fhir', 'hl7v2')),
      source_document_id text,
      patient_ref char(64),
      document_date timestamptz,
      occurred_at timestamptz NOT NULL,
      language text NOT NULL CHECK (language IN ('en', 'es')),
      deid_mode text NOT NULL CHECK (deid_mode IN ('redact', 'surrogate')),
      text text NOT NULL,
      phi_findings jsonb NOT NULL,
      entities jsonb NOT NULL,
      ner_model text NOT NULL,
      submitted_by text NOT NULL,
      correlation_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source_message, position)
    )`);
    // Keyset pagination: a patient's documents in time order, and all documents in time order.
    await q.query(`CREATE INDEX documents_patient_time ON medical.documents (patient_ref, occurred_at, id)`);
    await q.query(`CREATE INDEX documents_time ON medical.documents (occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE medical.documents`);
    await q.query(`DROP TABLE medical.source_messages`);
  }
}
