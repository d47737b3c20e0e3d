// Post-OCR correction of the words receipts repeat (legal forms, Malaysian address words): a word one
// substitution away from a lexicon word of the same length becomes that word, in the word's case.
// Only words of 6+ letters are in the lexicon (shorter ones collide with real names: DAYA and RAYA are
// not JAYA, ALAF is not ALAM; measured on the SROIE dev split), and the legal form "SDN BHD" as a pair.

const LEXICON = [
  'COMPANY',
  'ENTERPRISE',
  'TRADING',
  'RESTAURANT',
  'RESTORAN',
  'BAKERY',
  'BAKERIES',
  'HARDWARE',
  'STATIONERY',
  'PERNIAGAAN',
  'SYARIKAT',
  'INTERNATIONAL',
  'MARKETING',
  'SUPERMARKET',
  'LORONG',
  'PERSIARAN',
  'KAWASAN',
  'PERINDUSTRIAN',
  'BANDAR',
  'LUMPUR',
  'SELANGOR',
  'PETALING',
  'CHERAS',
  'KEPONG',
  'DAMANSARA',
  'SUBANG',
  'PUCHONG',
  'AMPANG',
  'SETAPAK',
  'SEKSYEN',
  'CENTRE',
  'STREET',
];

const BY_LENGTH = new Map<number, string[]>();
for (const word of LEXICON) BY_LENGTH.set(word.length, [...(BY_LENGTH.get(word.length) ?? []), word]);

function oneSubstitution(a: string, b: string): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

function inCaseOf(word: string, model: string): string {
  if (model === model.toUpperCase()) return word;
  if (model === model.toLowerCase()) return word.toLowerCase();
  return word[0] + word.slice(1).toLowerCase();
}

export function correctReceiptWords(text: string): string {
  const pairFixed = text.replace(
    /\b([S5][DO0][NM])(\.?\s*)([B8][HN][DO0])\b/gi,
    (_m, sdn: string, gap: string, bhd: string) => `${inCaseOf('SDN', sdn)}${gap}${inCaseOf('BHD', bhd)}`,
  );
  return pairFixed.replace(/[A-Za-z]{4,}/g, (token) => {
    const upper = token.toUpperCase();
    const candidates = BY_LENGTH.get(upper.length) ?? [];
    if (candidates.includes(upper)) return token;
    const hits = candidates.filter((w) => oneSubstitution(upper, w));
    return hits.length === 1 ? inCaseOf(hits[0], token) : token;
  });
}
