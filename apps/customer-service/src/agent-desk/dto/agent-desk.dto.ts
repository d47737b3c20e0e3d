import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MessageDto } from '../../conversations/dto/conversation-response.dto.js';
import { CleanText } from '../../http-input/clean-text.js';
import type { HandoffReason, HandoffStatus } from '../../handoffs/entities/handoff.entity.js';

export const HANDOFF_STATUSES: HandoffStatus[] = ['waiting', 'claimed', 'closed'];

export class HandoffQueryDto {
  @ApiPropertyOptional({ enum: HANDOFF_STATUSES, default: 'waiting' })
  @IsOptional()
  @IsIn(HANDOFF_STATUSES)
  status?: HandoffStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class AgentReplyDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'I have refunded the duplicate payment; it will show within 3 days.',
  })
  @CleanText()
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 60,
    example: 'Sam',
    description: 'Display name the customer sees on this reply (default: the support team)',
  })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(60)
  @Matches(/\S/, { message: 'agentName must not be blank' })
  // A name is one line: the widget shows it as the label above the message.
  @Matches(/^[^\r\n\t]*$/, { message: 'agentName must be a single line' })
  agentName?: string;
}

export class HandoffResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ enum: HANDOFF_STATUSES }) status: HandoffStatus;
  @ApiProperty({ enum: ['requested', 'low-confidence'] }) reason: HandoffReason;
  @ApiProperty({ nullable: true, type: String, description: 'What the bot understood, if anything' })
  intent: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'API key id of the agent' }) claimedBy:
    string | null;
  @ApiProperty({ nullable: true, type: String }) claimedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}

export class HandoffListResponseDto {
  @ApiProperty({ type: [HandoffResponseDto] }) items: HandoffResponseDto[];
}

export class HandoffDetailResponseDto extends HandoffResponseDto {
  @ApiProperty({ type: [MessageDto], description: 'The conversation so far (last 50 messages)' })
  messages: MessageDto[];
}
