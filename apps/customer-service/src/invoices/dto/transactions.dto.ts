import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

export const MAX_TRANSACTIONS_PER_REQUEST = 500;

export class TransactionInputDto {
  @ApiProperty({ example: 'TX-482913', description: "The bank's id; unique per customer (a reload updates)" })
  @IsString()
  @Length(1, 128)
  externalId: string;

  @ApiProperty({ example: 'SYL ROASTED DELIGHTS' })
  @IsString()
  @Length(1, 200)
  merchant: string;

  @ApiProperty({ example: '54.50', description: 'Decimal amount, at most two decimals' })
  @IsString()
  @Matches(/^-?\d{1,12}(\.\d{1,2})?$/, { message: 'amount must be a decimal with at most two decimals' })
  amount: string;

  @ApiProperty({ example: 'MYR' })
  @IsISO4217CurrencyCode()
  currency: string;

  @ApiProperty({ example: '2018-03-06', description: 'ISO date' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  occurredOn: string;
}

export class LoadTransactionsDto {
  @ApiProperty({ type: [TransactionInputDto], minItems: 1, maxItems: MAX_TRANSACTIONS_PER_REQUEST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRANSACTIONS_PER_REQUEST)
  @ValidateNested({ each: true })
  @Type(() => TransactionInputDto)
  transactions: TransactionInputDto[];
}

export class TransactionDto {
  @ApiProperty() id: string;
  @ApiProperty() externalId: string;
  @ApiProperty() merchant: string;
  @ApiProperty({ example: '54.50' }) amount: string;
  @ApiProperty({ example: 'MYR' }) currency: string;
  @ApiProperty({ example: '2018-03-06' }) occurredOn: string;
}

export class LoadTransactionsResponseDto {
  @ApiProperty({ description: 'Rows new to the table (the others were updated)' }) inserted: number;
  @ApiProperty({ type: [TransactionDto] }) transactions: TransactionDto[];
}

export class TransactionListResponseDto {
  @ApiProperty({ type: [TransactionDto] }) items: TransactionDto[];
}
