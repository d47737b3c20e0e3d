// Post-OCR correction of the words receipts repeat (legal forms, Malaysian address words): a word one
// substitution away from a lexicon word of the same length becomes that word, in the word's case.
// Only words of 6+ letters are in the lexicon (shorter ones collide with real names: DAYA and RAYA are
// not JAYA, ALAF is not ALAM; measured on the SROIE dev split), and the legal form "SDN BHD" as a pair.
// The words added last are the trade and place words most repeated in the training receipts' keys
// (none a shop's own name).

/** Words of company names (legal forms, trades); the rest of the lexicon is address words. */
const COMPANY_LEXICON = [
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
  'CONFECTIONERY',
  'ELECTRICAL',
  'SEAFOOD',
  'HOLDINGS',
  'PHARMACY',
  'BEAUTY',
];

const ADDRESS_LEXICON = [
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
  'MALAYSIA',
  'KEMBANGAN',
  'BALAKONG',
  'TEMENGGUNG',
  'MAHKOTA',
  'SECTION',
  'GROUND',
  'BANGUNAN',
];

/** Words a stray dot inside is removed from (the lexicon's and the short street words). */
const JOINABLE = new Set([...COMPANY_LEXICON, ...ADDRESS_LEXICON, 'JALAN', 'TAMAN', 'LORONG']);

function byLength(words: readonly string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const word of words) map.set(word.length, [...(map.get(word.length) ?? []), word]);
  return map;
}

const ALL_BY_LENGTH = byLength([...COMPANY_LEXICON, ...ADDRESS_LEXICON]);
const COMPANY_BY_LENGTH = byLength(COMPANY_LEXICON);

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

/**
 * `scope` 'company' corrects with the company words only: a shop's name is no address ("PASARAYA
 * BORONG PINTAR" is not LORONG).
 */
export function correctReceiptWords(text: string, scope: 'all' | 'company' = 'all'): string {
  const lexicon = scope === 'company' ? COMPANY_BY_LENGTH : ALL_BY_LENGTH;
  const pairFixed = text.replace(
    /\b([S5][DO0][NM])(\.?\s*)([B8][HN][DO0])\b/gi,
    (_m, sdn: string, gap: string, bhd: string) => `${inCaseOf('SDN', sdn)}${gap}${inCaseOf('BHD', bhd)}`,
  );
  // A stray mark inside a word ("JA.LAN", "PERINDUSTRIAN·"): the OCR's reading of a speck.
  // An underscore between letters is a full stop read low ("TA_K" for "TA.K").
  const specksRemoved = pairFixed
    .replace(/·/g, '')
    .replace(/(?<=[A-Za-z])_(?=[A-Za-z])/g, '.')
    .replace(/\b([A-Za-z]{2,})\.([A-Za-z]{2,})\b/g, (m, a: string, b: string) =>
      JOINABLE.has((a + b).toUpperCase()) ? a + b : m,
    );
  return specksRemoved.replace(/[A-Za-z]{4,}/g, (token) => {
    const upper = token.toUpperCase();
    const candidates = lexicon.get(upper.length) ?? [];
    if (candidates.includes(upper)) return token;
    const hits = candidates.filter((w) => oneSubstitution(upper, w));
    return hits.length === 1 ? inCaseOf(hits[0], token) : token;
  });
}
