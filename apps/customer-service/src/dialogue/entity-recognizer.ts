// Slot values from free text: regular expressions for the shaped entities (amounts, dates, references)
// and a small gazetteer plus capitalisation cues for merchants. Dates resolve against an injected
// "today" so that "yesterday" is reproducible in tests.
import type { SlotName, SlotValues } from './slots.js';

export interface RecognizedEntities extends SlotValues {
  /** "the other card", "the other one": the card type opposite to the one in context. */
  refersToOtherCard?: boolean;
}

const CURRENCY_SYMBOLS: Record<string, string> = { '£': 'GBP', $: 'USD', '€': 'EUR' };
const CURRENCY_WORDS: Record<string, string> = {
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  gbp: 'GBP',
  euro: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  dollar: 'USD',
  dollars: 'USD',
  usd: 'USD',
  bucks: 'USD',
};
const SYMBOL_OF: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const AMOUNT_BEFORE = new RegExp(String.raw`([£$€])\s?(${NUMBER})`);
const AMOUNT_AFTER = new RegExp(
  String.raw`\b(${NUMBER})\s?(pounds?|quid|gbp|euros?|eur|dollars?|usd|bucks)\b`,
  'i',
);
const BARE_AMOUNT = new RegExp(String.raw`^\s*(${NUMBER})\s*[.!]?\s*$`);

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAY_MONTH = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b(?:,?\s+(\d{4}))?`,
  'i',
);
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`, 'i');
const NUMERIC_DATE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const DAYS_AGO = /\b(\d{1,2}|a|one|two|three|four|five|six|seven)\s+days?\s+ago\b/i;
const WEEKDAY = /\b(?:(last|on|this)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i;
const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
};

const TRANSACTION_ID = [
  /\b((?:TX|TR|TRX|REF)-?[A-Z0-9]{4,})\b/i,
  /\b(?:transaction|payment|reference|ref)\s*(?:id|number|no\.?|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{5,})\b/i,
];

// Lower-case mentions of well-known merchants; anything else needs a capital letter after at/from/to.
const KNOWN_MERCHANTS = [
  'amazon',
  'apple',
  'asos',
  'aldi',
  'booking.com',
  'deliveroo',
  'ebay',
  'google',
  'ikea',
  'just eat',
  'lidl',
  "mcdonald's",
  'netflix',
  'paypal',
  'ryanair',
  "sainsbury's",
  'spotify',
  'starbucks',
  'steam',
  'tesco',
  'uber',
  'zara',
];
const MERCHANT_AFTER_PREPOSITION =
  /\b(?:at|from|in|to|with|by)\s+((?:[A-Z][\w&'.-]*)(?:\s+[A-Z][\w&'.-]*){0,2})/g;
const NOT_MERCHANTS = new Set([
  'i',
  'my',
  'the',
  'a',
  'an',
  'atm',
  'uk',
  'us',
  'eu',
  'europe',
  'visa',
  'mastercard',
  'apple pay',
  'google pay',
  'today',
  'yesterday',
  ...MONTHS,
  ...WEEKDAYS,
]);

function twoDecimals(value: string): string {
  return Number(value.replace(/,/g, '')).toFixed(2);
}

function formatAmount(value: string, currency: string): string {
  const symbol = SYMBOL_OF[currency];
  return symbol ? `${symbol}${twoDecimals(value)}` : `${twoDecimals(value)} ${currency}`;
}

export function recognizeAmount(text: string, options: { bareNumber?: boolean } = {}): string | undefined {
  const before = AMOUNT_BEFORE.exec(text);
  if (before) return formatAmount(before[2], CURRENCY_SYMBOLS[before[1]]);
  const after = AMOUNT_AFTER.exec(text);
  if (after) return formatAmount(after[1], CURRENCY_WORDS[after[2].toLowerCase()]);
  // Only when the bot has just asked for an amount does a lone number count as one.
  const bare = options.bareNumber ? BARE_AMOUNT.exec(text) : null;
  return bare ? twoDecimals(bare[1]) : undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

function daysBefore(today: Date, days: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days));
  return d.toISOString().slice(0, 10);
}

function monthIndex(name: string): number {
  return MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));
}

/** A date without a year is the most recent one not after today (customers report the past). */
function recentYear(today: Date, month: number, day: number): number {
  const thisYear = today.getUTCFullYear();
  const candidate = Date.UTC(thisYear, month, day);
  return candidate > today.getTime() ? thisYear - 1 : thisYear;
}

export function recognizeDate(text: string, today: Date): string | undefined {
  const lower = text.toLowerCase();
  if (/\btoday\b|\bthis morning\b|\bearlier today\b/.test(lower)) return daysBefore(today, 0);
  if (/\byesterday\b|\blast night\b/.test(lower)) return daysBefore(today, 1);
  const ago = DAYS_AGO.exec(lower);
  if (ago) return daysBefore(today, WORD_NUMBERS[ago[1]] ?? Number(ago[1]));
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) {
    // Day first, as a UK bank's customers write it.
    const year = numeric[3].length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    return isoDate(year, Number(numeric[2]) - 1, Number(numeric[1]));
  }
  const dm = DAY_MONTH.exec(text);
  const md = dm ? null : MONTH_DAY.exec(text);
  if (dm || md) {
    const [day, month, year] = dm
      ? [Number(dm[1]), monthIndex(dm[2]), dm[3]]
      : [Number(md![2]), monthIndex(md![1]), md![3]];
    return isoDate(year ? Number(year) : recentYear(today, month, day), month, day);
  }
  const weekday = WEEKDAY.exec(lower);
  if (weekday) {
    const target = WEEKDAYS.indexOf(weekday[2]);
    let back = (today.getUTCDay() - target + 7) % 7;
    if (back === 0 && weekday[1] === 'last') back = 7;
    return daysBefore(today, back);
  }
  return undefined;
}

export function recognizeCardType(text: string): string | undefined {
  const lower = text.toLowerCase();
  const found = [
    { value: 'disposable virtual', at: lower.search(/\bdisposable\b/) },
    { value: 'virtual', at: lower.search(/\bvirtual\b/) },
    { value: 'physical', at: lower.search(/\b(physical|plastic|metal)\b/) },
  ].filter((f) => f.at >= 0);
  if (found.length === 0) return undefined;
  // "disposable virtual card" mentions both words: the disposable reading wins.
  if (found.some((f) => f.value === 'disposable virtual')) return 'disposable virtual';
  return found.sort((a, b) => a.at - b.at)[0].value;
}

export function recognizeMerchant(text: string): string | undefined {
  for (const match of text.matchAll(MERCHANT_AFTER_PREPOSITION)) {
    const words = match[1].split(/\s+/);
    // Trim trailing words that are not names ("Tesco Yesterday").
    while (
      words.length > 0 &&
      NOT_MERCHANTS.has(
        words
          .at(-1)!
          .toLowerCase()
          .replace(/[.,!?]+$/, ''),
      )
    )
      words.pop();
    const name = words.join(' ').replace(/[.,!?]+$/, '');
    if (name.length > 1 && !NOT_MERCHANTS.has(name.toLowerCase())) return name.slice(0, 60);
  }
  const lower = text.toLowerCase();
  for (const merchant of KNOWN_MERCHANTS) {
    const at = lower.search(
      new RegExp(String.raw`(^|[^\w])${merchant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\w])`),
    );
    if (at >= 0) return merchant.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
  }
  return undefined;
}

export function recognizeTransactionId(text: string): string | undefined {
  for (const pattern of TRANSACTION_ID) {
    const match = pattern.exec(text);
    if (match && /\d/.test(match[1])) return match[1].toUpperCase().slice(0, 40);
  }
  return undefined;
}

const OTHER_CARD = /\b(the\s+other\s+(card|one)|my\s+other\s+card|other\s+card)\b/i;

export function recognizeEntities(
  text: string,
  context: { today: Date; awaiting?: SlotName },
): RecognizedEntities {
  const entities: RecognizedEntities = {
    cardType: recognizeCardType(text),
    amount: recognizeAmount(text, { bareNumber: context.awaiting === 'amount' }),
    date: recognizeDate(text, context.today),
    merchant: recognizeMerchant(text),
    transactionId: recognizeTransactionId(text),
  };
  if (OTHER_CARD.test(text)) entities.refersToOtherCard = true;
  // Only what was found is kept, so that merging into the dialogue state never erases a slot.
  for (const key of Object.keys(entities) as (keyof RecognizedEntities)[])
    if (entities[key] === undefined) delete entities[key];
  return entities;
}

/** The card type a customer means by "the other card", given the one in context. */
export function otherCardType(current: string): string {
  return current === 'virtual' ? 'physical' : 'virtual';
}
