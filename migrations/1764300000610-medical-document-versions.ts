import type { MigrationInterface, QueryRunner } from 'typeorm';

// medical-records: versions of a document. A document the source sends again under the same id (an HL7
// MDM^T06/T08/T10 for TXA-12, a corrected ORU result, a FHIR DocumentReference with the same id) is
// stored as the next version, linked to the one it supersedes, so the history stays readable. Also the
// report's status as the source gave it (FHIR terms: preliminary, final, amended, corrected, ...).
export class MedicalDocumentVersions1764300000610 implements MigrationInterface {
  name = 'MedicalDocumentVersions1764300000610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE medical.documents
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN previous_version uuid REFERENCES medical.documents (id),
      ADD COLUMN report_status text CHECK (char_length(report_status) BETWEEN 1 AND 32)`);
    // Documents stored before this migration under a repeated source id become its versions, in the
    // order they were received.
    await q.query(`WITH ordered AS (
        SELECT id,
               row_number() OVER w AS version,
               lag(id) OVER w AS previous_version
        FROM medical.documents
        WHERE source_document_id IS NOT NULL
        WINDOW w AS (PARTITION BY submitted_by, source_format, source_document_id ORDER BY created_at, position, id)
      )
      UPDATE medical.documents d SET version = o.version, previous_version = o.previous_version
      FROM ordered o WHERE d.id = o.id`);
    await q.query(`CREATE UNIQUE INDEX documents_source_document_version ON medical.documents
      (submitted_by, source_format, source_document_id, version) WHERE source_document_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX medical.documents_source_document_version`);
    await q.query(`ALTER TABLE medical.documents DROP COLUMN report_status, DROP COLUMN previous_version,
      DROP COLUMN version`);
  }
}
