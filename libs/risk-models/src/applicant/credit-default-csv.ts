// Reads the UCI "default of credit card clients" CSV (the evaluation contract's format, see
// data/credit-default/README.md) into applicant records with their ID and label.
import { readCsvRows, type TextSource } from '@suite/ml';
import { type ApplicantRecord, HISTORY_MONTHS } from './applicant-record.js';

export const UCI_LABEL_COLUMN = 'default payment next month';

// UCI names the repayment-status columns PAY_0, PAY_2..PAY_6 (there is no PAY_1).
const STATUS_COLUMNS = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'] as const;

const schema = {
  ID: 'string',
  LIMIT_BAL: 'number',
  ...Object.fromEntries(STATUS_COLUMNS.map((c) => [c, 'number'])),
  ...Object.fromEntries(Array.from({ length: HISTORY_MONTHS }, (_, i) => [`BILL_AMT${i + 1}`, 'number'])),
  ...Object.fromEntries(Array.from({ length: HISTORY_MONTHS }, (_, i) => [`PAY_AMT${i + 1}`, 'number'])),
} as const satisfies Record<string, 'number' | 'string'>;

export interface LabelledApplicant {
  id: string;
  record: ApplicantRecord;
  /** 1 = defaulted next month; undefined when the file has no label column. */
  label?: number;
}

/** Every row in file order. The label column is optional, so unlabelled files can be scored. */
export async function readCreditDefaultCsv(source: TextSource): Promise<LabelledApplicant[]> {
  const withLabel = { ...schema, [UCI_LABEL_COLUMN]: 'number' } as const;
  try {
    return await collect(source, withLabel);
  } catch (err) {
    if (err instanceof Error && err.message.includes(`"${UCI_LABEL_COLUMN}" not found`))
      return collect(source, schema);
    throw err;
  }
}

async function collect(source: TextSource, columns: Record<string, 'number' | 'string'>) {
  const out: LabelledApplicant[] = [];
  for await (const row of readCsvRows(source, columns)) {
    const r = row as Record<string, number | string>;
    const num = (name: string): number => {
      const v = r[name] as number;
      if (!Number.isFinite(v)) throw new Error(`row ${String(r.ID)}: ${name} is missing`);
      return v;
    };
    const label = r[UCI_LABEL_COLUMN];
    if (label !== undefined && label !== 0 && label !== 1)
      throw new Error(`row ${String(r.ID)}: label ${String(label)} is not 0 or 1`);
    out.push({
      id: String(r.ID),
      record: {
        creditLimit: num('LIMIT_BAL'),
        history: STATUS_COLUMNS.map((status, m) => ({
          repaymentStatus: num(status),
          billAmount: num(`BILL_AMT${m + 1}`),
          paymentAmount: num(`PAY_AMT${m + 1}`),
        })),
      },
      ...(label === undefined ? {} : { label: label as number }),
    });
  }
  return out;
}
