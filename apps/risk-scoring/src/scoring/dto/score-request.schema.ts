// The score request, declared once (zod): the TypeScript type is inferred from it, and its JSON schema
// (zod's Standard JSON Schema) is both what the validation pipe compiles with ajv (about 1 µs a request,
// against 65 µs for class-validator, the largest cost left in `npm run bench -- risk` when it was used)
// and what the OpenAPI document shows, descriptions and examples included. Optional fields accept null.
import { PATTERN_MESSAGE_KEYWORD } from '@suite/platform';
import * as z from 'zod';
import { HISTORY_MONTHS, REPAYMENT_STATUS_MAX, REPAYMENT_STATUS_MIN } from '@suite/risk-models';

// Amounts in the data set's currency (NT dollars); one billion is far above any consumer account.
const MAX_AMOUNT = 1_000_000_000;

export const EDUCATION_LEVELS = ['graduate_school', 'university', 'high_school', 'other'] as const;
export const SEXES = ['female', 'male'] as const;
export const MARITAL_STATUSES = ['married', 'single', 'other'] as const;

const EXTERNAL_REFERENCE = /^[\x21-\x7e]+$/;
const EXTERNAL_REFERENCE_MESSAGE = 'externalReference must be printable ASCII without spaces';

const amount = (minimum: number) => z.number().min(minimum).max(MAX_AMOUNT);
const monitoringOnly = 'Fairness monitoring only; not a model input';

export const MonthlyAccountStateSchema = z
  .strictObject({
    repaymentStatus: z.int().min(REPAYMENT_STATUS_MIN).max(REPAYMENT_STATUS_MAX).meta({
      description:
        'Repayment status: -2 no consumption, -1 paid in full, 0 revolving (minimum paid), 1-9 months late (9 = nine or more)',
      example: 0,
    }),
    billAmount: amount(-MAX_AMOUNT).meta({
      description: 'Statement balance; negative when the account is in credit',
      example: 41200,
    }),
    paymentAmount: amount(0).meta({ description: 'Amount paid in the month', example: 1500 }),
  })
  .meta({ id: 'MonthlyAccountStateDto' });

export const ScoreRequestSchema = z
  .strictObject({
    externalReference: z
      .string()
      .max(64)
      .regex(EXTERNAL_REFERENCE, { error: EXTERNAL_REFERENCE_MESSAGE })
      .meta({ [PATTERN_MESSAGE_KEYWORD]: EXTERNAL_REFERENCE_MESSAGE })
      .nullish()
      .meta({ description: "The caller's own reference for the application" }),
    creditLimit: amount(1).meta({ description: 'Credit limit', example: 50000 }),
    // Optional like the other protected attributes: monitoring data, never a model input, and an
    // application without it is scored the same (fairness monitoring counts how many lacked it).
    age: z
      .int()
      .min(18)
      .max(120)
      .nullish()
      .meta({ description: 'Age in years (eligibility and fairness monitoring only; not a model input)' }),
    sex: z.enum(SEXES).nullish().meta({ description: monitoringOnly }),
    education: z.enum(EDUCATION_LEVELS).nullish().meta({ description: monitoringOnly }),
    maritalStatus: z.enum(MARITAL_STATUSES).nullish().meta({ description: monitoringOnly }),
    history: z
      .array(MonthlyAccountStateSchema)
      .length(HISTORY_MONTHS)
      .meta({ description: `The last ${HISTORY_MONTHS} months of the account, most recent first` }),
  })
  .meta({ id: 'ScoreRequestDto' });

export type MonthlyAccountState = z.infer<typeof MonthlyAccountStateSchema>;
export type ScoreRequest = z.infer<typeof ScoreRequestSchema>;
