import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CompiledSchema, PATTERN_MESSAGE_KEYWORD } from '@suite/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  HISTORY_MONTHS,
  REPAYMENT_STATUS_MAX,
  REPAYMENT_STATUS_MIN,
} from '../../applicant/applicant-record.js';

// Amounts in the data set's currency (NT dollars); one billion is far above any consumer account.
const MAX_AMOUNT = 1_000_000_000;
// No maxDecimalPlaces: class-validator 0.15 throws (a 500) on numbers it prints in exponent form (1e-9).
const finite = { allowNaN: false, allowInfinity: false };

export const EDUCATION_LEVELS = ['graduate_school', 'university', 'high_school', 'other'] as const;
export const SEXES = ['female', 'male'] as const;
export const MARITAL_STATUSES = ['married', 'single', 'other'] as const;

const EXTERNAL_REFERENCE = /^[\x21-\x7e]+$/;
const EXTERNAL_REFERENCE_MESSAGE = 'externalReference must be printable ASCII without spaces';
export class MonthlyAccountStateDto {
  @ApiProperty({
    description:
      'Repayment status: -2 no consumption, -1 paid in full, 0 revolving (minimum paid), 1-9 months late (9 = nine or more)',
    minimum: REPAYMENT_STATUS_MIN,
    maximum: REPAYMENT_STATUS_MAX,
    example: 0,
  })
  @IsInt()
  @Min(REPAYMENT_STATUS_MIN)
  @Max(REPAYMENT_STATUS_MAX)
  repaymentStatus: number;

  @ApiProperty({ description: 'Statement balance; negative when the account is in credit', example: 41200 })
  @IsNumber(finite)
  @Min(-MAX_AMOUNT)
  @Max(MAX_AMOUNT)
  billAmount: number;

  @ApiProperty({ description: 'Amount paid in the month', minimum: 0, example: 1500 })
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_AMOUNT)
  paymentAmount: number;
}

// The decorators below as one JSON schema, compiled by ajv: the score endpoint is the hot path, and
// class-validator cost more per request than the model (see libs/platform's compiled-schema.ts).
// score-request.dto.spec.ts holds the two to the same verdicts. Optional fields accept null, as
// @IsOptional does.
const amount = (minimum: number) => ({ type: 'number', minimum, maximum: MAX_AMOUNT });
export const SCORE_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['creditLimit', 'history'],
  properties: {
    externalReference: {
      type: ['string', 'null'],
      maxLength: 64,
      pattern: EXTERNAL_REFERENCE.source,
      [PATTERN_MESSAGE_KEYWORD]: EXTERNAL_REFERENCE_MESSAGE,
    },
    creditLimit: amount(1),
    age: { type: ['integer', 'null'], minimum: 18, maximum: 120 },
    sex: { enum: [...SEXES, null] },
    education: { enum: [...EDUCATION_LEVELS, null] },
    maritalStatus: { enum: [...MARITAL_STATUSES, null] },
    history: {
      type: 'array',
      minItems: HISTORY_MONTHS,
      maxItems: HISTORY_MONTHS,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['repaymentStatus', 'billAmount', 'paymentAmount'],
        properties: {
          repaymentStatus: { type: 'integer', minimum: REPAYMENT_STATUS_MIN, maximum: REPAYMENT_STATUS_MAX },
          billAmount: amount(-MAX_AMOUNT),
          paymentAmount: amount(0),
        },
      },
    },
  },
};

@CompiledSchema(SCORE_REQUEST_SCHEMA)
export class ScoreRequestDto {
  @ApiPropertyOptional({ description: "The caller's own reference for the application", maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(EXTERNAL_REFERENCE, { message: EXTERNAL_REFERENCE_MESSAGE })
  externalReference?: string;

  @ApiProperty({ description: 'Credit limit', minimum: 1, example: 50000 })
  @IsNumber(finite)
  @Min(1)
  @Max(MAX_AMOUNT)
  creditLimit: number;

  // Optional like the other protected attributes: monitoring data, never a model input, and an
  // application without it is scored the same (fairness monitoring counts how many lacked it).
  @ApiPropertyOptional({
    description: 'Age in years (eligibility and fairness monitoring only; not a model input)',
    minimum: 18,
    maximum: 120,
    type: 'integer',
  })
  @IsOptional()
  @IsInt()
  @Min(18)
  @Max(120)
  age?: number;

  @ApiPropertyOptional({ enum: SEXES, description: 'Fairness monitoring only; not a model input' })
  @IsOptional()
  @IsIn(SEXES)
  sex?: (typeof SEXES)[number];

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, description: 'Fairness monitoring only; not a model input' })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  education?: (typeof EDUCATION_LEVELS)[number];

  @ApiPropertyOptional({ enum: MARITAL_STATUSES, description: 'Fairness monitoring only; not a model input' })
  @IsOptional()
  @IsIn(MARITAL_STATUSES)
  maritalStatus?: (typeof MARITAL_STATUSES)[number];

  @ApiProperty({
    type: [MonthlyAccountStateDto],
    minItems: HISTORY_MONTHS,
    maxItems: HISTORY_MONTHS,
    description: `The last ${HISTORY_MONTHS} months of the account, most recent first`,
  })
  @IsArray()
  @ArrayMinSize(HISTORY_MONTHS)
  @ArrayMaxSize(HISTORY_MONTHS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MonthlyAccountStateDto)
  history: MonthlyAccountStateDto[];
}
