// Key fields of a receipt from its OCR lines and the classifier's per-line probabilities: the company
// (best "company" line near the top, with its neighbours), the address (the run of "address" lines),
// the date and total (best-scoring line holding a valid date / amount), plus invoice number, tax and
// currency by rules. Values keep the printed form (SROIE) beside a normalised one.
import type { Quad } from './line-features.js';
import {
  amountToCents,
  dateOrderOf,
  displayAddress,
  findAmounts,
  findDates,
  fixDigitLetterConfusions,
} from './field-normalisation.js';
import {
  calibrate,
  type FieldCalibration,
  type FieldCalibrations,
  IDENTITY_CALIBRATION,
} from './field-confidence.js';
import { detectCurrency, receiptCountry } from './receipt-currency.js';
import { boundsOf, type LayoutLine, rowsOf } from './line-features.js';
import { correctReceiptWords } from './receipt-lexicon.js';
import { FIELD_LABELS, type FieldLabel } from './invoice-field-card.js';

export const INVOICE_FIELDS = [
  'company',
  'date',
  'address',
  'total',
  'invoiceNumber',
  'tax',
  'currency',
] as const;
export type InvoiceFieldName = (typeof INVOICE_FIELDS)[number];

export interface ExtractedField {
  /** As printed on the document. */
  value: string;
  /** ISO date, decimal amount, ISO 4217 code; the printed value for text fields. */
  normalized: string;
  confidence: number;
  /** Boxes of the lines the value was read from. */
  boxes: Quad[];
}

export type ExtractedFields = Partial<Record<InvoiceFieldName, ExtractedField>>;

/** Per line, the probability of each label (FIELD_LABELS order). */
export type LineProbabilities = readonly ArrayLike<number>[];

const label = (name: FieldLabel) => FIELD_LABELS.indexOf(name);
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

const COMPANY_HINT =
  /\b(SDN\.?\s*BHD|BHD|S\/B|ENTERPRISE|TRADING|RESTORAN|RESTAURANT|COMPANY|STORE|MART|BAKERY|PERNIAGAAN|SYARIKAT|LTD|LIMITED|PLC|INC|LLC|GMBH|SARL|SRL|BV|CAFE|COFFEE)\b/i;

/**
 * With `calibration` (the card's, fitted on dev), the key fields' confidences are calibrated; the
 * total's structure check then scales the calibrated value, since on the ground-truth lines the
 * calibration was fitted on that check rarely fires and cannot shape the fit.
 */
export function extractFields(
  lines: readonly LayoutLine[],
  probabilities: LineProbabilities,
  calibration?: Partial<FieldCalibrations>,
): ExtractedFields {
  const fields: ExtractedFields = {};
  if (lines.length === 0) return fields;
  const p = (i: number, name: FieldLabel) => probabilities[i][label(name)];
  const rows = rowsOf(lines);
  const rowCount = new Set(rows).size;
  // Reading order: rows top to bottom, boxes of a row left to right.
  const order = lines
    .map((_, i) => i)
    .sort((a, b) => rows[a] - rows[b] || boundsOf(lines[a].box).left - boundsOf(lines[b].box).left);
  const field = (
    indices: number[],
    value: string,
    normalized: string,
    confidence: number,
  ): ExtractedField => ({
    value,
    normalized,
    // The classifier's belief times the OCR's: a value read from a blurred line is not sure either.
    confidence: confidence * Math.min(...indices.map((i) => lines[i].confidence ?? 1)),
    boxes: indices.map((i) => lines[i].box),
  });

  // Company: the one block near the top whose lines most look like the company (max-sum run of
  // log-odds); with no confident line, the best one (or the first with a legal form).
  const topRows = Math.max(4, Math.ceil(rowCount * 0.4));
  const top = order.filter((i) => rows[i] < topRows);
  // A receipt's heading ("CASH SALE", "TAX INVOICE") is never the company, however large it is printed.
  let company = bestBlock(top, (i) =>
    DECODER.companyHeadings && RECEIPT_HEADING.test(lines[i].text)
      ? -Infinity
      : logOdds(p(i, 'company')) + DECODER.companyBias,
  );
  if (company.length === 0) {
    const candidates = top.filter((i) => !DECODER.companyHeadings || !RECEIPT_HEADING.test(lines[i].text));
    let best = argmax(candidates, (i) => p(i, 'company'));
    if (best !== undefined && p(best, 'company') < 0.2)
      best = candidates.find((i) => COMPANY_HINT.test(lines[i].text)) ?? best;
    company = best === undefined ? [] : [best];
  }
  if (company.length > 0) {
    const value = cleanCompany(company.map((i) => lines[i].text).join(' '));
    fields.company = field(company, value, value, mean(company.map((i) => p(i, 'company'))));
  }

  // Address: one contiguous block of lines (reading order, the company's lines excluded).
  const taken = new Set(company);
  const rest = order.filter((i) => !taken.has(i));
  let address = bestBlock(
    rest,
    (i) =>
      CONTACT_LINE.test(lines[i].text) && p(i, 'address') < 0.5
        ? -Infinity
        : logOdds(p(i, 'address')) + DECODER.addressBias,
    (i) => taken.has(i),
  );
  if (address.length === 0) {
    const seed = argmax(rest, (i) => p(i, 'address'));
    address = seed !== undefined && p(seed, 'address') > 0.3 ? [seed] : [];
  }
  // A block opens with the street number ("NO 3, JALAN ...", "LOT 50,"), a line the classifier often
  // gives to its neighbours (the company, a registration number above): the line just before the block
  // joins it when it reads like an address opening and is no contact line.
  if (address.length > 0 && DECODER.addressOpening) {
    const before = rest[rest.indexOf(address[0]) - 1];
    if (
      before !== undefined &&
      ADDRESS_OPENING.test(lines[before].text) &&
      !CONTACT_LINE.test(lines[before].text) &&
      rows[address[0]] - rows[before] <= 1
    )
      address = [before, ...address];
  }
  // The text of each address line; a line that runs the address into a phone number ("81750 JOHOR
  // BAHRU, JOHOR, TEL NO.: 07-387 3322") keeps its part before the contact words.
  const addressText = new Map<number, string>();
  if (address.length > 0 && DECODER.addressExtend) {
    // Backward: floor, unit and lot lines before the street ("L4-17 (B), LEVEL 4,", "A-G-06, ...").
    for (let k = rest.indexOf(address[0]) - 1; k >= 0; k--) {
      const i = rest[k];
      const text = lines[i].text;
      if (!UNIT_OPENING.test(text) || CONTACT_LINE.test(text) || rows[address[0]] - rows[i] > 1) break;
      address = [i, ...address];
    }
    // Forward: the lines up to the first stop line (phone, registration, date, amount, invoice
    // heading) when they read like the address's end (a postcode, a state, a country); then the
    // address part of a line that runs on into a phone number.
    for (let k = rest.indexOf(address.at(-1)!) + 1, added = 0; k < rest.length && added < 2; k++) {
      const i = rest[k];
      const text = lines[i].text;
      if (rows[i] - rows[address.at(-1)!] > 1) break;
      const head = addressHead(text);
      if (head !== undefined) {
        addressText.set(i, head);
        address = [...address, i];
        break;
      }
      if (isStopLine(text) || !ADDRESS_END.test(text)) break;
      address = [...address, i];
      added++;
    }
    for (const i of address) {
      const head = addressText.has(i) ? undefined : addressHead(lines[i].text, false);
      if (head !== undefined) addressText.set(i, head);
    }
    // A phone line the classifier let into the block ends it ("T:03-20937358 F:03-20937359").
    while (address.length > 1 && !addressText.has(address.at(-1)!) && isStopLine(lines[address.at(-1)!].text))
      address = address.slice(0, -1);
    // A shop or branch name printed just above the street ("IKEA CHERAS", "DOMINO'S PIZZA SEGAMBUT")
    // is no part of the address: a first line without a digit, before a street-number line.
    if (
      DECODER.addressDropName &&
      address.length > 1 &&
      !/\d/.test(lines[address[0]].text) &&
      (ADDRESS_OPENING.test(lines[address[1]].text) || UNIT_OPENING.test(lines[address[1]].text))
    )
      address = address.slice(1);
  }
  if (address.length > 0) {
    // A company registration number often opens the address block ("(81109-A) NO 290, ...").
    const value = correctReceiptWords(
      fixDigitLetterConfusions(address.map((i) => addressText.get(i) ?? lines[i].text).join(' ')),
    )
      .replace(/^\(?\s*\d{4,}-?[A-Z]?\s*\)?\s+(?=\S)/, '')
      // A full stop between the parts of an address ("AIR PANAS. SETAPAK") is, in SROIE's key, the
      // comma printed there (a dot and a comma are the scanner's and the OCR's usual confusion); not
      // before a postcode or "NO 1": 3 more of the 456 training addresses match their key from their
      // own labelled lines, none fewer.
      .replace(/(?<=\b[A-Z]{3,}|\d)\.\s+(?=[A-Z]{2,}\b)(?!NO\b)/gi, ', ');
    // SROIE's form as printed; the normalised form is spaced for a customer to read.
    fields.address = field(address, value, displayAddress(value), mean(address.map((i) => p(i, 'address'))));
  }

  // Date: the most date-like line that holds a valid date, read in the receipt's order (a US shop's
  // 03/06/2018 is 3 June).
  const texts = lines.map((l) => l.text);
  const dateOrder = dateOrderOf(texts, receiptCountry(texts));
  const dated = lines
    .map((l, i) => ({ i, dates: findDates(l.text, dateOrder) }))
    .filter((d) => d.dates.length > 0);
  const bestDate = argmax(dated, (d) => p(d.i, 'date') + 0.05 / (1 + d.i));
  if (bestDate) {
    const d = bestDate.dates[0];
    fields.date = field([bestDate.i], d.printed, d.iso, p(bestDate.i, 'date'));
  }

  // Total: the most total-like line holding an amount; its rightmost amount, as printed. SROIE's key
  // keeps a currency printed onto the amount ("RM9.00": 132 of 142 training receipts) and mostly
  // drops one printed apart ("RM 9.00": 36 of 54).
  const priced = lines
    .map((l, i) => ({ i, amounts: findAmounts(l.text) }))
    .filter((d) => d.amounts.length > 0);
  const rowText = (i: number) =>
    lines
      .filter((_, j) => rows[j] === rows[i])
      .map((l) => l.text)
      .join(' ');
  // The classifier's log-odds, clamped below so that where it knows no line (a "SUMME" it never saw),
  // the structure decides: an amount on a total-like row, printed again (CASH / CARD / change lines).
  const totalLike = (i: number) => TOTAL_ROW.test(rowText(i)) && !NOT_TOTAL_ROW.test(rowText(i));
  const timesPrinted = (cents: bigint) =>
    priced.filter((d) => d.amounts.some((x) => amountToCents(x.value) === cents)).length;
  // A total of 0.00 is a change or rounding line ("CHANGE 0.00"), never what was paid.
  const payable = priced.filter((d) => amountToCents(d.amounts.at(-1)!.value) > 0n);
  let bestTotal = argmax(
    payable.length > 0 ? payable : priced,
    (d) =>
      Math.max(-DECODER.totalFloor, logit(p(d.i, 'total'))) +
      (totalLike(d.i) ? DECODER.totalRowBonus : 0) +
      (timesPrinted(amountToCents(d.amounts.at(-1)!.value)) >= 2 ? DECODER.totalRepeatBonus : 0),
  );
  if (bestTotal) {
    // After rounding: a "ROUNDED TOTAL" within 5 cents of the pick is what was paid (Malaysia rounds
    // cash totals to 5 sen).
    const picked = amountToCents(bestTotal.amounts.at(-1)!.value);
    const rounded = priced.find((d) => {
      const diff = amountToCents(d.amounts.at(-1)!.value) - picked;
      return (
        diff !== 0n &&
        diff <= 5n &&
        diff >= -5n &&
        /ROUND/i.test(rowText(d.i)) &&
        /TOTAL|AMOUNT|NETT/i.test(rowText(d.i))
      );
    });
    if (rounded) bestTotal = rounded;
    const a = bestTotal.amounts.at(-1)!;
    // Structure check: a total sits on a total-like row or is printed again (CASH / CARD / change
    // lines); an amount with neither is likely an item price (a croissant at 2.60 is not the total).
    const cents = amountToCents(a.value);
    const repeated =
      priced.filter((d) => d.amounts.some((x) => amountToCents(x.value) === cents)).length >= 2;
    const structure = TOTAL_ROW.test(rowText(bestTotal.i)) ? 1 : repeated ? 0.8 : 0.3;
    // A decimal comma on a receipt that prints decimal points is the OCR's reading of a point
    // ("41,95" among "12.50", "3.00").
    const points = priced.filter((d) => d.amounts.some((x) => /\.\d{2}$/.test(x.printed))).length;
    const commas = priced.filter((d) => d.amounts.some((x) => /,\d{2}$/.test(x.printed))).length;
    const printed = a.printed
      .replace(/^(RM|MYR|USD|EUR|GBP|SGD|[$€£])\s+/i, '')
      .replace(/,(\d{2})$/, (m, cents: string) => (points > 2 * commas ? `.${cents}` : m));
    fields.total = field([bestTotal.i], printed, a.value, p(bestTotal.i, 'total'));
    const t = fields.total;
    t.confidence = calibration
      ? calibrateWith(t.confidence, calibration.total) * structure
      : t.confidence * structure;
  }

  extractRuleFields(lines, rows, fields, field);
  for (const f of ['company', 'address', 'date'] as const) {
    const got = fields[f];
    if (got && calibration) got.confidence = calibrateWith(got.confidence, calibration[f]);
  }
  for (const got of Object.values(fields)) if (got) got.confidence = round4(got.confidence);
  return fields;
}

function calibrateWith(raw: number, c: FieldCalibration | undefined): number {
  return calibrate(raw, c ?? IDENTITY_CALIBRATION);
}

/**
 * Decoder weights (log-odds added per line), chosen on the validation part of the training receipts
 * (`isValidationReceipt`), never on dev.
 */
export const DECODER = {
  companyBias: 0,
  addressBias: 0,
  clamp: 4,
  gapClamp: 1.5,
  totalFloor: 10,
  totalRowBonus: 2,
  totalRepeatBonus: 0,
  addressOpening: 1,
  addressExtend: 1,
  companyHeadings: 1,
  addressDropName: 1,
};

// Clamped, so that one line the classifier is sure about cannot outweigh a whole block.
function logOdds(p: number): number {
  return Math.max(-DECODER.gapClamp, Math.min(DECODER.clamp, logit(p)));
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

/**
 * The contiguous run of `sequence` with the largest positive score sum (Kadane 1984, as in Bentley,
 * "Programming Pearls", column 8); empty when every score is negative. A barrier ends a run.
 */
export function bestBlock(
  sequence: readonly number[],
  score: (i: number) => number,
  barrier: (i: number) => boolean = () => false,
): number[] {
  let best = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  for (let k = 0; k < sequence.length; k++) {
    const s = barrier(sequence[k]) ? -Infinity : score(sequence[k]);
    if (sum + s <= 0 || !Number.isFinite(sum + s)) {
      sum = 0;
      start = k + 1;
      if (s > 0 && Number.isFinite(s)) {
        sum = s;
        start = k;
      }
    } else sum += s;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = k;
    }
  }
  return sequence.slice(bestStart, bestEnd + 1);
}

// No word boundaries: the OCR often runs words together ("TOTALGBP 9.00").
const TOTAL_ROW = /TOTAL|SUMME|JUMLAH|AMOUNT|NETT|DUE|PAYABLE|BALANCE|TOTALE|BETRAG/i;
// Rows that name an amount but not the one paid: before tax, the tax, what was tendered, the change.
const NOT_TOTAL_ROW = /SUB|TAX|GST|VAT|MWST|SST|EXCL|CHANGE|TENDER|DISC|SAVING|QTY|ITEM/i;

const ADDRESS_OPENING =
  /^\s*(?:NO|LOT|UNIT|BLOCK|BLK|SUITE|S)\.?\s*\d|^\s*\d{1,5}[A-Z]?\s*[,-]?\s+(?:JALAN|JLN|LORONG|TAMAN|[A-Z]+\s+(?:STREET|ROAD|AVE))/i;

const RECEIPT_HEADING =
  /^\W*(?:CASH(?:\s+(?:SALES?|BILL|RECEIPT))?|(?:SIMPLIFIED\s+|FULL\s+)?TAX\s+INVOICE|INVOICE|(?:OFFICIAL\s+)?RECEIPT|CASH\s+SALES?\s+INVOICE|WELCOME\b.*|THANK\s+YOU\b.*|TQ\b.*)\W*$/i;

const UNIT_OPENING =
  /^\s*(?:(?:NO|LOT|UNIT|BLOCK|BLK|SUITE|S)\.?\s*\d|(?=[A-Z0-9-]*\d)[A-Z0-9]{1,4}(?:-[A-Z0-9]{1,4})+\b|\d{1,5}[A-Z]?\s*,|(?:LEVEL|FLOOR|GROUND|GF|\d+(?:ST|ND|RD|TH)\s*(?:FLOOR|FLR))\b)/i;

/** A state, country or postcode: how a Malaysian address ends. */
const ADDRESS_END =
  /\b\d{5}\b|\b(?:SELANGOR|JOHOR|PAHANG|KELANTAN|KEDAH|PERAK|PERLIS|MELAKA|MALACCA|SABAH|SARAWAK|TERENGGANU|PENANG|PULAU PINANG|NEGERI SEMBILAN|KUALA LUMPUR|PUTRAJAYA|MALAYSIA|DARUL EHSAN|DARUL TAKZIM)\b/i;

/** Where an address ends: a contact, registration, date, amount or heading line. */
function isStopLine(text: string): boolean {
  return (
    CONTACT_LINE.test(text) ||
    /\b0\d{1,2}[-\s]?\d{3,4}[-\s]?\d{4}\b/.test(text) ||
    /^[A-Z][A-Z ]*:/i.test(text) ||
    findDates(text).length > 0 ||
    findAmounts(text).length > 0 ||
    /\b(INVOICE|RECEIPT|CASH|BILL|TABLE|CASHIER|ORDER|SLIP|DOC|WWW|HTTP|COUNTER|MEMBER)\b|@/i.test(text)
  );
}

/**
 * The address before the contact words (or a bare phone number) of a line that runs on into them;
 * for a line after the block, only when that part ends an address (a postcode, a state).
 */
function addressHead(text: string, endsAddress = true): string | undefined {
  const m =
    /^(.*?)[\s,;]*(?:\b(?:TEL|FAX|PHONE|H\/P)\b|\b[TF]\s*:\s*\+?\d|\S*:?\s*\(?\b0\d{1,2}\)?[-\s]?\d{3,4}[-\s]?\d{4}\b)/i.exec(
      text,
    );
  if (!m || m[1].trim() === '' || (endsAddress && !ADDRESS_END.test(m[1]))) return undefined;
  return m[1].trim();
}

const CONTACT_LINE =
  /\b(TEL|FAX|PHONE|H\/P|EMAIL|GST|REG)\b|^\s*[TF]\s*:\s*\+?\d|\+\d{2}|\b\d{2,4}-\d{6,8}\b|\(\s*\d{4,}-?[A-Z]\s*\)/i;

/** OCR confusions fixed; a trailing company registration number ("(126926-H)") dropped. */
export function cleanCompany(text: string): string {
  return (
    correctReceiptWords(fixDigitLetterConfusions(text), 'company')
      .replace(/^\d+[.,]\d+\s+(?=[A-Za-z])/, '')
      .replace(/^#\d+\s+(?=[A-Za-z])/, '')
      .replace(/[\s,;:]+$/, '')
      // A branch code after the registration number ("S/B 273500-U (KSB)", "SDN BHD (8199K)").
      .replace(/\s*\(?\s*\d{4,}-?[A-Z]\s*\)?(?:\s*\([A-Z0-9]{2,4}\))?\s*$/i, '')
      .replace(/\s*\(?\s*(?:CO\.?\s*(?:REG\.?\s*)?NO\.?\s*:?\s*)?\d{5,}[-\s]?[A-Z]?\s*\)?\s*$/i, '')
      // A registration label whose number is on the next line ("DION REALTIES SDN BHD (CO. NO:").
      .replace(/\s*\(\s*(?:CO|COMPANY)\.?\s*(?:REG(?:ISTRATION)?\.?\s*)?NO\.?\s*:?\s*$/i, '')
      .trim()
  );
}

function argmax<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      bestScore = s;
      best = item;
    }
  }
  return best;
}

const INVOICE_NUMBER =
  /\b(?:INVOICE|INV|RECEIPT|BILL|DOC(?:UMENT)?|CHECK|CHK|TRANS(?:ACTION)?|ORDER|SLIP)\s*(?:NO\.?|NUMBER|#)\s*[:.#]?\s*([A-Z0-9][A-Z0-9/-]{2,})/i;
const TAX_LINE = /\b(GST|SST|VAT|TAX|SERVICE TAX)\b/i;
const NOT_TAX = /\b(ID|REG|NO\.?|NUMBER|SUMMARY|CODE|EXCL|INCL|INCLUSIVE|EXCLUSIVE)\b/i;

function extractRuleFields(
  lines: readonly LayoutLine[],
  rows: readonly number[],
  fields: ExtractedFields,
  field: (indices: number[], value: string, normalized: string, confidence: number) => ExtractedField,
): void {
  const rowOf = (i: number) => lines.map((_, j) => j).filter((j) => rows[j] === rows[i]);
  for (let i = 0; i < lines.length && !fields.invoiceNumber; i++) {
    const same = rowOf(i);
    const text = same.map((j) => lines[j].text).join(' ');
    const m = INVOICE_NUMBER.exec(text);
    if (m && /\d/.test(m[1])) fields.invoiceNumber = field(same, m[1], m[1].toUpperCase(), 0.6);
  }
  for (let i = lines.length - 1; i >= 0 && !fields.tax; i--) {
    const same = rowOf(i);
    const text = same.map((j) => lines[j].text).join(' ');
    if (!TAX_LINE.test(text) || NOT_TAX.test(text) || /TOTAL.*(EXCL|INCL)/i.test(text)) continue;
    const amount = same.flatMap((j) => findAmounts(lines[j].text)).at(-1);
    if (amount) fields.tax = field(same, amount.printed, amount.value, 0.5);
  }
  const currency = detectCurrency(lines.map((l) => l.text));
  if (currency)
    fields.currency = {
      value: currency.code,
      normalized: currency.code,
      confidence: currency.confidence,
      boxes: [],
    };
}
