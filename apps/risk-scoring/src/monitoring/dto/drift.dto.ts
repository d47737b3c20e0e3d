import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class DriftQueryDto {
  @ApiPropertyOptional({
    description: 'Days of scored applications to compare (default 30)',
    minimum: 1,
    maximum: 365,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class PsiFigureDto {
  @ApiProperty({ example: 0.034, nullable: true, type: Number, description: 'Null with insufficient data' })
  psi: number | null;
  @ApiProperty({ enum: ['stable', 'moderate-shift', 'significant-shift', 'insufficient-data'] }) band: string;
}

export class InputDriftDto extends PsiFigureDto {
  @ApiProperty({ example: 'utilisation_latest' }) input: string;
}

export class DriftWindowDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ description: 'Applications compared (the most recent, at most 10,000)' })
  applications: number;
}

export class DriftBandsDto {
  @ApiProperty({ example: 'psi < 0.10' }) stable: string;
  @ApiProperty({ example: '0.10 <= psi < 0.25' }) moderateShift: string;
  @ApiProperty({ example: 'psi >= 0.25' }) significantShift: string;
  @ApiProperty({ example: 'fewer than 200 applications' }) insufficientData: string;
}

export class DriftReportDto {
  @ApiProperty({ description: 'The champion whose training distribution is the baseline', example: '1' })
  modelVersion: string;
  @ApiProperty({ type: DriftWindowDto }) window: DriftWindowDto;
  @ApiProperty({ type: DriftBandsDto }) bands: DriftBandsDto;
  @ApiProperty({
    description: 'Fewer applications than this report insufficient-data (PSI is sampling noise below it)',
    example: 200,
  })
  minimumApplications: number;
  @ApiProperty({ type: PsiFigureDto }) score: PsiFigureDto;
  @ApiProperty({ type: [InputDriftDto] }) inputs: InputDriftDto[];
}
