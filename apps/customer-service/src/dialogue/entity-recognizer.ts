// Slot values from free text: regular expressions for amounts and references, chrono-node for dates,
// and a small gazetteer plus capitalisation cues for merchants. Dates resolve against an injected
// "today" so that "yesterday" is reproducible in tests.
import * as chrono from 'chrono-node';
import type { ParsedResult } from 'chrono-node';
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

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function daysBefore(today: Date, days: number): string {
  return isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days)));
}

// Dates are read by chrono-node (relative, written and numeric forms: "3 days ago", "last Friday",
// "Dec 24th", "05/11/2025", invalid dates refused). Its British parser reads numbers day first, as a
// UK bank's customers write them. Two things chrono does not do the way a support bot needs, so this
// wrapper does them: (1) customers report the past, so a date whose year or week chrono had to guess
// and placed after today is moved back a year or a week (chrono's forwardDate only goes the other
// way); (2) the British parser reads "December 24" as December 2024, so a month-and-number reading
// without a certain day is read again by chrono's casual (month-first) parser.
const SAME_DAY = /\btoday\b|\bthis morning\b|\bthis afternoon\b|\btonight\b/;

function mostRecent(found: ParsedResult, today: Date): Date {
  const date = found.start.date();
  if (date.getTime() <= today.getTime()) return date;
  if (!found.start.isCertain('year') && found.start.isCertain('month')) {
    const back = new Date(date);
    back.setUTCFullYear(date.getUTCFullYear() - 1);
    return back;
  }
  if (found.start.isCertain('weekday') && !found.start.isCertain('day'))
    return new Date(date.getTime() - 7 * 86_400_000);
  return date;
}

function readDate(text: string, today: Date): ParsedResult | undefined {
  const reference = { instant: today, timezone: 0 };
  for (const found of chrono.en.GB.parse(text, reference)) {
    const start = found.start;
    if (start.isCertain('day') || start.isCertain('weekday')) return found;
    if (start.isCertain('month')) {
      const monthFirst = chrono.en.casual.parse(found.text, reference)[0];
      if (monthFirst?.start.isCertain('day')) return monthFirst;
      return undefined; // a month alone is not a day
    }
  }
  return undefined;
}

export function recognizeDate(text: string, today: Date): string | undefined {
  if (SAME_DAY.test(text.toLowerCase())) return daysBefore(today, 0);
  const found = readDate(text, today);
  return found ? isoDay(mostRecent(found, today)) : undefined;
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
