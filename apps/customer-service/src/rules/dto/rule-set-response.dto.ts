import { ApiProperty } from '@nestjs/swagger';
import { SLOT_NAMES, type SlotName } from '../../dialogue/slots.js';
import type { RuleAction } from '../rule-set.js';

export class RuleSetSummaryDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'API key id of the publisher, or "system"' }) publishedBy: string;
  @ApiProperty({ example: '2025-11-28T10:00:00.000Z' }) publishedAt: string;
  @ApiProperty() active: boolean;
}

export class RuleResponseDto {
  @ApiProperty() name: string;
  @ApiProperty() intent: string;
  @ApiProperty() priority: number;
  @ApiProperty({ type: [String] }) patterns: string[];
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ enum: ['answer', 'handoff'] }) action: RuleAction;
  @ApiProperty({ nullable: true, type: String }) answerTemplate: string | null;
}

export class IntentAnswerResponseDto {
  @ApiProperty() intent: string;
  @ApiProperty() title: string;
  @ApiProperty() template: string;
  @ApiProperty({ enum: SLOT_NAMES, isArray: true }) requiredSlots: SlotName[];
}

export class RuleSetResponseDto extends RuleSetSummaryDto {
  @ApiProperty({ type: [RuleResponseDto] }) rules: RuleResponseDto[];
  @ApiProperty({ type: [IntentAnswerResponseDto] }) answers: IntentAnswerResponseDto[];
}

export class RuleSetListResponseDto {
  @ApiProperty({ type: [RuleSetSummaryDto] }) items: RuleSetSummaryDto[];
}
