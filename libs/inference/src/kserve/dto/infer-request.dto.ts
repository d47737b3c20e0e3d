// The v2 inference request body (KServe Open Inference Protocol, REST). The global ValidationPipe checks
// its structure; the codec checks what a decorator cannot (shape x data length, element types).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_TENSOR_RANK } from '../kserve-v2.codec.js';
import { V2_DATATYPES } from '../tensor-datatypes.js';

const DATATYPES = [...V2_DATATYPES];

export class InferInputTensorDto {
  @ApiProperty({ example: 'features', maxLength: 256 })
  @IsString()
  @Length(1, 256)
  name: string;

  @ApiProperty({ example: [1, 4], type: [Number], maxItems: MAX_TENSOR_RANK })
  @IsArray()
  @ArrayMaxSize(MAX_TENSOR_RANK)
  @IsInt({ each: true })
  @Min(0, { each: true })
  shape: number[];

  @ApiProperty({ enum: DATATYPES, example: 'FP32' })
  @IsIn(DATATYPES)
  datatype: string;

  @ApiPropertyOptional({
    description: 'Row-major tensor contents, flat or nested; absent when sent as binary data',
    type: 'array',
    items: {},
    example: [0.1, 0.2, 0.3, 0.4],
  })
  @IsOptional()
  @IsArray()
  data?: unknown[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'binary_data_size: the tensor is that many bytes of the binary data after the JSON',
  })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}

export class RequestedOutputDto {
  @ApiProperty({ example: 'probabilities' })
  @IsString()
  @Length(1, 256)
  name: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'binary_data: true returns this output as binary data',
  })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}

export class InferRequestDto {
  // Triton's own examples send these in the body; the URL names the model, so they are ignored.
  @ApiPropertyOptional({ description: 'Ignored (the URL names the model)', maxLength: 256 })
  @IsOptional()
  @IsString()
  @Length(0, 256)
  model_name?: string;

  @ApiPropertyOptional({ description: 'Ignored (the URL names the version)', maxLength: 256 })
  @IsOptional()
  @IsString()
  @Length(0, 256)
  model_version?: string;

  @ApiPropertyOptional({ description: 'Echoed in the response', maxLength: 256 })
  @IsOptional()
  @IsString()
  @Length(0, 256)
  id?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'priority (0 highest), timeout (microseconds in the queue) and binary_data_output are honoured; others ignored',
  })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;

  @ApiProperty({ type: [InferInputTensorDto], maxItems: 64 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @ValidateNested({ each: true })
  @Type(() => InferInputTensorDto)
  inputs: InferInputTensorDto[];

  @ApiPropertyOptional({ type: [RequestedOutputDto], maxItems: 64 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @ValidateNested({ each: true })
  @Type(() => RequestedOutputDto)
  outputs?: RequestedOutputDto[];
}

export class RepositoryIndexRequestDto {
  @ApiPropertyOptional({ description: 'Only models that are ready' })
  @IsOptional()
  @IsBoolean()
  ready?: boolean;
}
