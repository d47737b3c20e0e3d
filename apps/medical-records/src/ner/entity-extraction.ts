// Text in, entities out with offsets into that exact text: medical tokenizer -> sentences -> tagger
// -> character spans. `text` of every entity is `input.slice(start, end)` by construction.
import {
  splitSentences,
  tokenizeInSlices,
  type Tokenizer,
  TimeSlice,
  type NerTagger,
} from '@suite/medical-models';
import { MEDICAL_ENTITY_TYPES, type MedicalEntity, type MedicalEntityType } from './medical-entity.js';

const isMedicalType = (t: string): t is MedicalEntityType =>
  (MEDICAL_ENTITY_TYPES as readonly string[]).includes(t);

export async function extractMedicalEntities(
  tagger: NerTagger,
  tokenizer: Tokenizer,
  text: string,
  slice = new TimeSlice(),
): Promise<MedicalEntity[]> {
  const sentences = splitSentences(text, await tokenizeInSlices(tokenizer, text, slice));
  await slice.pauseIfSpent();
  const spans = await tagger.tagSentences(
    sentences.map((tokens) => tokens.map((t) => t.text)),
    { slice },
  );
  const entities: MedicalEntity[] = [];
  spans.forEach((sentenceSpans, i) => {
    const tokens = sentences[i];
    for (const span of sentenceSpans) {
      if (!isMedicalType(span.type)) continue;
      const start = tokens[span.start].start;
      const end = tokens[span.end - 1].end;
      entities.push({
        type: span.type,
        start,
        end,
        text: text.slice(start, end),
        confidence: span.confidence,
      });
    }
  });
  return entities;
}
