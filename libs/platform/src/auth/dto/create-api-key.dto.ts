import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Length, Matches } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'scoring-gateway', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({
    example: ['risk:score', 'risk:read'],
    minItems: 1,
    maxItems: 32,
    uniqueItems: true,
    description: "Scopes of this service's routes, each held by the calling key itself",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(32)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9-]*(:[a-z0-9*-]+)*$/, {
    each: true,
    message: 'each scope must look like "area:action"',
  })
  scopes: string[];
}

export class ApiKeyResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() service: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ description: 'First characters of the key, for recognising it' }) keyPrefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ description: 'The key itself. Shown once; only its SHA-256 hash is stored.' })
  key: string;
}
