// The currency of a receipt, from the strongest cue printed on it: an ISO code (MYR, GBP, EUR, USD,
// SGD), then an unambiguous symbol (£, €, RM), then "$" read with the country it sits in, then the
// country alone (a Malaysian GST/SDN BHD receipt is in ringgit, a UK VAT receipt in pounds). A "$" on
// a Malaysian receipt is the ringgit (SROIE prints "$8.20" on Malaysian receipts).

export interface CurrencyReading {
  code: string;
  /** How strong the cue was: 0.95 for a code or symbol, 0.8 for "$" with a country, 0.6 for a country alone. */
  confidence: number;
}

const CODES = /\b(MYR|GBP|EUR|USD|SGD)\b/;
const MALAYSIA = /\b(SDN\.?\s*BHD|BHD|MALAYSIA|SELANGOR|KUALA LUMPUR|JOHOR|JALAN|GST\s*(ID|REG)|RINGGIT)\b/;
const UK =
  /\b(VAT\s*(REG|NO)|LTD|PLC|LONDON|ENGLAND|SCOTLAND|UNITED KINGDOM|UK)\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/;
const EUROZONE =
  /\b(MWST|UST|TVA|IVA|BTW|GMBH|SARL|S\.?A\.?S|S\.?R\.?L|DEUTSCHLAND|GERMANY|FRANCE|ITALIA|ESPA[NÑ]A|NEDERLAND|BERLIN|PARIS|MADRID|ROMA)\b/;
const US = /\b(SALES TAX|INC|LLC|USA|[A-Z]{2}\s\d{5}(-\d{4})?)\b/;

export type ReceiptCountry = 'MY' | 'UK' | 'EU' | 'US';

/**
 * The country a receipt's words point to (legal forms, places, tax names, postcodes), strongest first;
 * with none, an ISO code or symbol printed on it (USD or "$" alone: the US). Undefined without a cue.
 */
export function receiptCountry(lines: readonly string[]): ReceiptCountry | undefined {
  const text = lines.join('\n').toUpperCase();
  const byWords = countryOfText(text);
  if (byWords) return byWords;
  const code = CODES.exec(text)?.[1];
  if (code === 'USD' || (!code && /\$\s?\d/.test(text) && !/\bRM\b|£|€/.test(text))) return 'US';
  if (code === 'MYR' || /\bRM\s?\d/.test(text)) return 'MY';
  if (code === 'GBP' || text.includes('£')) return 'UK';
  if (code === 'EUR' || text.includes('€')) return 'EU';
  return undefined;
}

function countryOfText(text: string): ReceiptCountry | undefined {
  return MALAYSIA.test(text)
    ? 'MY'
    : UK.test(text)
      ? 'UK'
      : EUROZONE.test(text)
        ? 'EU'
        : US.test(text)
          ? 'US'
          : undefined;
}

const CURRENCY_OF_COUNTRY: Record<ReceiptCountry, string> = { MY: 'MYR', UK: 'GBP', EU: 'EUR', US: 'USD' };

export function detectCurrency(lines: readonly string[]): CurrencyReading | undefined {
  const text = lines.join('\n').toUpperCase();
  const code = CODES.exec(text)?.[1];
  if (code) return { code, confidence: 0.95 };
  if (text.includes('£')) return { code: 'GBP', confidence: 0.95 };
  if (text.includes('€')) return { code: 'EUR', confidence: 0.95 };
  if (/\bRM\s?\d|\bRM\b/.test(text)) return { code: 'MYR', confidence: 0.95 };
  const where = countryOfText(text);
  const country = where ? CURRENCY_OF_COUNTRY[where] : undefined;
  if (text.includes('$')) return { code: country ?? 'USD', confidence: country ? 0.8 : 0.6 };
  return country ? { code: country, confidence: 0.6 } : undefined;
}
