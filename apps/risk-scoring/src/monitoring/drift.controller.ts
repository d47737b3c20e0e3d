import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@suite/platform';
import { DriftService } from './drift.service.js';
import { DriftQueryDto, DriftReportDto } from './dto/drift.dto.js';

@ApiTags('monitoring')
@ApiSecurity('api-key')
@Controller('v1/monitoring')
export class DriftController {
  constructor(private readonly drift: DriftService) {}

  @Get('drift')
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: DriftReportDto })
  measureDrift(@Query() query: DriftQueryDto): Promise<DriftReportDto> {
    return this.drift.measureDrift(query.days ?? 30);
  }
}
