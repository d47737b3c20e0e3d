// Safe Harbor's ZIP rule (45 CFR 164.514(b)(2)(i)(B)): the first three digits of a ZIP code may stay
// only when all ZIP codes sharing them hold more than 20,000 people; the others become 000. The list
// is HHS's, from 2000 Census data (the de-identification guidance of 2012, §3.3).
export const RESTRICTED_ZIP3 = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

/** The Safe Harbor form of a ZIP code: ZIP3 + zeros, or all zeros for a restricted ZIP3. */
export function safeHarborZip(zip: string): string {
  const digits = zip.replace(/\D/g, '');
  const zip3 = digits.slice(0, 3);
  const kept = zip3.length === 3 && !RESTRICTED_ZIP3.has(zip3) ? zip3 : '000';
  return zip.replace(/\d/g, (_, i: number) => (i < 3 ? kept[i] : '0'));
}
