// Locates the problem a customer's receipt points at, against the transactions recorded for them:
// the charges from the receipt's merchant (fuzzy name match) within a few days of its date, compared
// by amount in cents. Duplicate charge: two or more such charges of the receipt's total. Amount
// mismatch: charges from the merchant, none of the receipt's total. Unknown merchant: no recorded
// charge from that merchant (maybe one of the same amount under another name). None: one charge
// matches the receipt.
import { amountToCents } from '@suite/support-models';
import type { RecordedTransaction } from './transactions.repository.js';

export type ReceiptProblem = 'duplicate_charge' | 'amount_mismatch' | 'unknown_merchant' | 'none';

export interface ReceiptFacts {
  merchant?: string;
  /** ISO date. */
  date?: string;
  /** Decimal string. */
  total?: string;
}

export interface ReceiptMatch {
  problem: ReceiptProblem;
  /** The recorded transactions the finding is about. */
  transactionIds: string[];
  explanation: string;
}

export const MATCH_WINDOW_DAYS = 3;
const MERCHANT_SIMILARITY = 0.5;
const LEGAL_SUFFIXES =
  /\b(SDN\.?\s*BHD\.?|BHD\.?|S\/B|PLT|LTD\.?|LIMITED|INC\.?|LLC|GMBH|CO\.?|COMPANY|ENTERPRISE|TRADING)\b/g;

function merchantTokens(name: string): string[] {
  return name
    .toUpperCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(LEGAL_SUFFIXES, ' ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 1);
}

function trigrams(tokens: readonly string[]): Set<string> {
  const s = ` ${tokens.join(' ')} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

/** Similarity of two merchant names in [0, 1]: character-trigram Dice over the names without legal suffixes. */
export function merchantSimilarity(a: string, b: string): number {
  const ta = merchantTokens(a);
  const tb = merchantTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  // A bank descriptor often carries only the brand: containment of every token counts as a match.
  const joinedA = ta.join('');
  const joinedB = tb.join('');
  if (joinedA.includes(joinedB) || joinedB.includes(joinedA)) return 1;
  const ga = trigrams(ta);
  const gb = trigrams(tb);
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return (2 * common) / (ga.size + gb.size);
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

export function matchReceipt(
  receipt: ReceiptFacts,
  transactions: readonly RecordedTransaction[],
): ReceiptMatch {
  const near = transactions.filter(
    (t) => !receipt.date || daysBetween(t.occurredOn, receipt.date) <= MATCH_WINDOW_DAYS,
  );
  const total = receipt.total !== undefined ? amountToCents(receipt.total) : undefined;
  const sameAmount = (t: RecordedTransaction) => total !== undefined && amountToCents(t.amount) === total;
  const fromMerchant = receipt.merchant
    ? near.filter((t) => merchantSimilarity(receipt.merchant!, t.merchant) >= MERCHANT_SIMILARITY)
    : [];
  if (fromMerchant.length === 0) {
    const elsewhere = near.filter(sameAmount);
    return {
      problem: 'unknown_merchant',
      transactionIds: elsewhere.map((t) => t.id),
      explanation:
        elsewhere.length > 0
          ? `no recorded charge from ${receipt.merchant ?? 'this merchant'}; a charge of the same amount is recorded under ${elsewhere.map((t) => t.merchant).join(', ')}`
          : `no recorded charge from ${receipt.merchant ?? 'this merchant'}${receipt.date ? ` around ${receipt.date}` : ''}`,
    };
  }
  if (total === undefined)
    return {
      problem: 'none',
      transactionIds: fromMerchant.map((t) => t.id),
      explanation: 'the receipt total could not be read, so the amounts were not compared',
    };
  const equal = fromMerchant.filter(sameAmount);
  if (equal.length >= 2)
    return {
      problem: 'duplicate_charge',
      transactionIds: equal.map((t) => t.id),
      explanation: `${equal.length} charges of ${receipt.total} from ${equal[0].merchant} are recorded for one receipt`,
    };
  if (equal.length === 1)
    return {
      problem: 'none',
      transactionIds: [equal[0].id],
      explanation: 'the recorded charge matches the receipt',
    };
  const closest = [...fromMerchant].sort((a, b) =>
    Number(absDiff(amountToCents(a.amount), total) - absDiff(amountToCents(b.amount), total)),
  );
  return {
    problem: 'amount_mismatch',
    transactionIds: closest.map((t) => t.id),
    explanation: `the receipt total is ${receipt.total} but ${closest[0].merchant} charged ${closest[0].amount} ${closest[0].currency} on ${closest[0].occurredOn}`,
  };
}

function absDiff(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a;
}
