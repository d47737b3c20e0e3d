// The patients' name memories in PostgreSQL (medical.patient_name_memory): keyed hashes only (see
// deid/patient-name-memory.ts). Written in the request's transaction beside the documents, so a
// document's words are durable before its response is sent, and gone if its documents are rolled back.
import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import { MAX_REMEMBERED_NAME_WORDS } from '../deid/patient-name-memory.js';

@Injectable()
export class PatientNameMemoryRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** The remembered word hashes of each of `patients` (stored keys); absent patients get none. */
  async recall(patients: readonly string[]): Promise<Map<string, Set<string>>> {
    const memory = new Map<string, Set<string>>(patients.map((p) => [p, new Set<string>()]));
    if (patients.length === 0) return memory;
    const rows = (await this.tx
      .manager()
      .query(`SELECT patient, word FROM medical.patient_name_memory WHERE patient = ANY($1::text[])`, [
        [...memory.keys()],
      ])) as { patient: string; word: string }[];
    for (const r of rows) memory.get(r.patient)?.add(r.word);
    return memory;
  }

  /**
   * Adds (or refreshes) `words` of each patient, then forgets the least recently seen beyond the cap.
   * Patients are locked one at a time in key order (advisory transaction locks), so the cap holds
   * under concurrent documents of one patient and two writers never wait on each other in a cycle.
   */
  async remember(memories: ReadonlyMap<string, readonly string[]>, at: Date): Promise<void> {
    const patients = [...memories.keys()].filter((p) => (memories.get(p) ?? []).length > 0).sort();
    if (patients.length === 0) return;
    await this.tx.run(async (manager) => {
      for (const patient of patients) {
        const words = [...new Set(memories.get(patient))].sort();
        await manager.query(
          `SELECT pg_advisory_xact_lock(hashtextextended('patient_name_memory:' || $1, 0))`,
          [patient],
        );
        await manager.query(
          `INSERT INTO medical.patient_name_memory (patient, word, first_seen_at, last_seen_at)
           SELECT $1, w, $3, $3 FROM unnest($2::text[]) AS w
           ON CONFLICT (patient, word) DO UPDATE SET last_seen_at = GREATEST(
             medical.patient_name_memory.last_seen_at, EXCLUDED.last_seen_at)`,
          [patient, words, at],
        );
        await manager.query(
          `DELETE FROM medical.patient_name_memory m USING (
             SELECT word FROM medical.patient_name_memory WHERE patient = $1
             ORDER BY last_seen_at DESC, word OFFSET $2) old
           WHERE m.patient = $1 AND m.word = old.word`,
          [patient, MAX_REMEMBERED_NAME_WORDS],
        );
      }
    });
  }

  /** Forgets everything remembered of one patient; the number of words removed. */
  async erase(patient: string): Promise<number> {
    const rows = (await this.tx.manager().query(
      `WITH gone AS (DELETE FROM medical.patient_name_memory WHERE patient = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [patient],
    )) as { n: number }[];
    return rows[0].n;
  }
}
