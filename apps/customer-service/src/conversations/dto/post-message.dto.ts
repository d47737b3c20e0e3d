import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CleanText } from '../../http-input/clean-text.js';

export const MAX_MESSAGE_CHARS = 1000;

export class PostMessageDto {
  @ApiProperty({ maxLength: MAX_MESSAGE_CHARS, example: 'My card still has not arrived' })
  @CleanText()
  @IsString()
  @MaxLength(MAX_MESSAGE_CHARS)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;
}
