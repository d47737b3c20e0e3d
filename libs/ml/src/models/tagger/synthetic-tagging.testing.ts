// A tiny synthetic NER task for tagger tests: filler words tagged O, one-word chemicals, and diseases
// of one or two words (B-Disease I-Disease), mixed at random from a fixed seed.
import { Rng } from '../../random/rng.js';
import type { TaggedSentence } from '../../data/iob-format.js';

const FILLER = ['the', 'patient', 'received', 'after', 'and', 'developed', 'with', 'was', 'of', 'treated', 'dose', 'a'];
const CHEMICALS = ['aspirin', 'cisplatin', 'heparin', 'lithium', 'Haloperidol'];
const DISEASES = [['renal', 'failure'], ['heart', 'attack'], ['liver', 'injury'], ['hepatitis'], ['nephrotoxicity']];

export function syntheticTaggedSentences(count: number, seed: number): TaggedSentence[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const tokens: string[] = [];
    const tags: string[] = [];
    const slots = 4 + rng.int(7);
    for (let s = 0; s < slots; s++) {
      const draw = rng.next();
      if (draw < 0.6) {
        tokens.push(FILLER[rng.int(FILLER.length)]);
        tags.push('O');
      } else if (draw < 0.8) {
        tokens.push(CHEMICALS[rng.int(CHEMICALS.length)]);
        tags.push('B-Chemical');
      } else {
        const words = DISEASES[rng.int(DISEASES.length)];
        words.forEach((w, k) => {
          tokens.push(w);
          tags.push(k === 0 ? 'B-Disease' : 'I-Disease');
        });
      }
    }
    return { tokens, tags };
  });
}
