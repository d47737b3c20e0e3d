// Names across the documents of one patient: the name words found as PHI in a patient's earlier
// documents are PHI in the later ones too, wherever they occur, cue or not (`Suzette called`, a
// surname alone in a flowsheet line). The same word keys and mention filters as in-document
// propagation (name-propagation.ts), so particles, function words and lower-case common words
// (`will`, `hope`) are never removed on the memory's say-so.
//
// Privacy: the memory holds no name and no patient key in clear. A word is remembered as
// HMAC-SHA256 under DEID_SECRET of its normalised form (NFKC, lower case); a patient as HMAC-SHA256
// of its patient key (itself the keyed hash of the source's identifier). Whoever reads the table
// without DEID_SECRET learns only how many name words each hashed patient has; with it, a name can
// only be confirmed by guessing it. At most MAX_REMEMBERED_NAME_WORDS words per patient (the most
// recently seen are kept).
import { createHmac } from 'node:crypto';
import type { PhiSpan } from './phi-labels.js';
import { nameWordKeys, propagateNameWords } from './name-propagation.js';

/**
 * Words kept per patient. In the PhysioNet notes a patient has at most 25 distinct gold name words of
 * 3+ characters (median 3; patient, relatives, clinicians) over up to 141 notes; 256 leaves room for
 * over-removed words without letting one patient's memory grow without bound (each document adds its
 * words, and the least recently seen beyond the cap are forgotten).
 */
export const MAX_REMEMBERED_NAME_WORDS = 256;

/** Keyed hashes of what the memory stores (64 hex characters each). */
export class NameMemoryHasher {
  constructor(private readonly secret: string) {}

  /** The stored key of a patient's memory. */
  patient(patientKey: string): string {
    return this.hmac(`patient\u0000${patientKey}`);
  }

  /** The stored form of a name word (a key of nameWordKey). */
  word(key: string): string {
    return this.hmac(`name-word\u0000${key.normalize('NFKC').toLowerCase()}`);
  }

  private hmac(value: string): string {
    return createHmac('sha256', this.secret).update(value, 'utf8').digest('hex');
  }
}

const REMEMBERED: PhiSpan = {
  type: 'NAME',
  label: 'NOMBRE_SUJETO_ASISTENCIA',
  start: 0,
  end: 0,
  source: 'rule',
};

/** `spans` plus every mention outside them of a remembered name word (hashes of NameMemoryHasher.word). */
export function withRememberedNames(
  text: string,
  spans: readonly PhiSpan[],
  remembered: ReadonlySet<string>,
  hasher: NameMemoryHasher,
): PhiSpan[] {
  if (remembered.size === 0) return [...spans];
  // One HMAC per distinct word of the text: linear in the text.
  const known = new Map<string, boolean>();
  return propagateNameWords(text, spans, (key) => {
    let hit = known.get(key);
    if (hit === undefined) {
      hit = remembered.has(hasher.word(key));
      known.set(key, hit);
    }
    return hit ? REMEMBERED : undefined;
  });
}

/** The hashed name words of the NAME spans of `text`: what the patient's memory learns from it. */
export function nameWordHashes(text: string, spans: readonly PhiSpan[], hasher: NameMemoryHasher): string[] {
  return [...nameWordKeys(text, spans)].map((key) => hasher.word(key));
}

/** The memory in this process (evaluation, tests); the service keeps it in PostgreSQL. */
export class InMemoryNameMemory {
  private readonly patients = new Map<string, Set<string>>();

  recall(patient: string): ReadonlySet<string> {
    return this.patients.get(patient) ?? new Set();
  }

  remember(patient: string, words: readonly string[]): void {
    const kept = this.patients.get(patient) ?? new Set<string>();
    // Most recently seen last; the oldest beyond the cap are forgotten, as in the stored memory.
    for (const w of words) {
      kept.delete(w);
      kept.add(w);
    }
    for (const w of kept) {
      if (kept.size <= MAX_REMEMBERED_NAME_WORDS) break;
      kept.delete(w);
    }
    this.patients.set(patient, kept);
  }
}
