// English or Spanish, for choosing the de-identification rules and model. Clinical notes are long
// enough that function words decide it (Grefenstette 1995: short-word frequencies identify European
// languages as well as trigram models on texts of a sentence or more); ties and texts with none go
// to English.
import type { DeidLanguage } from '../deid/phi-finding.js';

const ENGLISH = new Set(
  'the of and to in is was with for on at by as an be are were has had this that from or not no patient history'.split(
    ' ',
  ),
);
const SPANISH = new Set(
  'el la los las de del y en con por para un una es fue se que al sin su sus paciente antecedentes años'.split(
    ' ',
  ),
);
const ACCENTED = /[áéíóúñ¿¡]/gi;

export function detectLanguage(text: string): DeidLanguage {
  let en = 0;
  let es = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (ENGLISH.has(word)) en += 1;
    if (SPANISH.has(word)) es += 1;
  }
  es += (text.match(ACCENTED)?.length ?? 0) * 0.5;
  return es > en ? 'es' : 'en';
}

/** `en`, `es`, or a tag such as `es-ES` / `en_US`; anything else is undefined. */
export function languageOfTag(tag: string): DeidLanguage | undefined {
  const primary = tag
    .trim()
    .toLowerCase()
    .split(/[-_,;]/)[0];
  return primary === 'en' || primary === 'es' ? primary : undefined;
}
