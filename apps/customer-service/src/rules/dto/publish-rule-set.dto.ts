import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SLOT_NAMES, type SlotName } from '../../dialogue/slots.js';
import { MAX_PATTERN_LENGTH } from '../rule-engine.js';
import type { RuleAction } from '../rule-set.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.?-]*$/;

export class RuleDto {
  @ApiProperty({ example: 'card-kept-by-atm', maxLength: 80 })
  @IsString()
  @Matches(NAME)
  @MaxLength(80)
  name: string;

  @ApiProperty({ example: 'card_swallowed', maxLength: 80 })
  @IsString()
  @Matches(NAME)
  @MaxLength(80)
  intent: string;

  @ApiProperty({ description: 'Higher first', example: 50, minimum: -1000, maximum: 1000 })
  @IsInt()
  @Min(-1000)
  @Max(1000)
  priority: number;

  @ApiProperty({
    type: [String],
    maxItems: 20,
    description:
      'JavaScript regular expressions, case-insensitive; any one may match. No nested quantifiers or back-references.',
    example: [String.raw`\batm\b.*\b(ate|swallowed)\b`],
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(MAX_PATTERN_LENGTH, { each: true })
  patterns: string[];

  @ApiProperty({
    type: [String],
    maxItems: 20,
    description: 'Words or phrases that must all occur',
    example: [],
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(80, { each: true })
  keywords: string[];

  @ApiProperty({ enum: ['answer', 'handoff'] })
  @IsIn(['answer', 'handoff'])
  action: RuleAction;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: 1000,
    description: 'Replaces the intent answer; slots as {merchant} or {merchant|fallback}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  answerTemplate?: string | null;
}

export class IntentAnswerDto {
  @ApiProperty({ example: 'card_arrival', maxLength: 80 })
  @IsString()
  @Matches(NAME)
  @MaxLength(80)
  intent: string;

  @ApiProperty({
    description: 'How a clarifying question names the intent',
    example: 'a card that has not arrived',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  title: string;

  @ApiProperty({ maxLength: 1000, example: 'Cards usually arrive within 3 to 5 working days.' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  template: string;

  @ApiProperty({
    enum: SLOT_NAMES,
    isArray: true,
    maxItems: 5,
    description: 'Asked for (stage 2) before answering',
  })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(SLOT_NAMES, { each: true })
  requiredSlots: SlotName[];
}

export class PublishRuleSetDto {
  @ApiPropertyOptional({ maxLength: 200, example: 'ATM rule tightened' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;

  @ApiProperty({ type: [RuleDto], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules: RuleDto[];

  @ApiProperty({ type: [IntentAnswerDto], maxItems: 500 })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => IntentAnswerDto)
  answers: IntentAnswerDto[];
}
