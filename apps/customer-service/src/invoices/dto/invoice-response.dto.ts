import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PointDto {
  @ApiProperty() x: number;
  @ApiProperty() y: number;
}

export class ExtractedFieldDto {
  @ApiProperty({ description: 'As printed on the document', example: '54.50' }) value: string;
  @ApiProperty({ description: 'ISO date, decimal amount, ISO 4217 code, or the text', example: '54.50' })
  normalized: string;
  @ApiProperty({ example: 0.93 }) confidence: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { $ref: '#/components/schemas/PointDto' } },
    description: 'Boxes (4 corners, clockwise from top-left) it was read from',
  })
  boxes: PointDto[][];
}

export class InvoiceFieldsDto {
  @ApiPropertyOptional({ type: ExtractedFieldDto }) company?: ExtractedFieldDto;
  @ApiPropertyOptional({ type: ExtractedFieldDto }) date?: ExtractedFieldDto;
  @ApiPropertyOptional({ type: ExtractedFieldDto }) address?: ExtractedFieldDto;
  @ApiPropertyOptional({ type: ExtractedFieldDto }) total?: ExtractedFieldDto;
  @ApiPropertyOptional({ type: ExtractedFieldDto }) invoiceNumber?: ExtractedFieldDto;
  @ApiPropertyOptional({ type: ExtractedFieldDto }) tax?: ExtractedFieldDto;
  @ApiPropertyOptional({ type: ExtractedFieldDto }) currency?: ExtractedFieldDto;
}

export class OcrLineDto {
  @ApiProperty() text: string;
  @ApiProperty({ example: 0.97 }) confidence: number;
  @ApiProperty({ type: [PointDto] }) box: PointDto[];
}

export class ImageInfoDto {
  @ApiProperty({ enum: ['jpeg', 'png', 'webp', 'tiff'] }) format: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class InvoiceModelsDto {
  @ApiProperty({ example: 'ocr-det@1' }) detector: string;
  @ApiProperty({ example: 'ocr-rec@1' }) recognizer: string;
  @ApiProperty({ example: 'invoice-fields@1' }) fields: string;
}

export class RecognizeInvoiceResponseDto {
  @ApiProperty({ type: InvoiceFieldsDto }) fields: InvoiceFieldsDto;
  @ApiProperty({ type: [OcrLineDto], description: 'Text lines in reading order' }) lines: OcrLineDto[];
  @ApiProperty({ type: ImageInfoDto }) image: ImageInfoDto;
  @ApiProperty({ type: InvoiceModelsDto }) models: InvoiceModelsDto;
}

export class RecognizeInvoiceRequestDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'JPEG, PNG, WebP or TIFF (checked by content)',
  })
  image: unknown;
}

export class AttachmentRequestDto extends RecognizeInvoiceRequestDto {
  @ApiPropertyOptional({ description: 'Whose recorded transactions the receipt is compared with' })
  customerId?: string;
}
