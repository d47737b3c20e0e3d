import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@suite/platform';
import { DriftService } from './drift.service.js';
import { DriftQueryDto, DriftReportDto } from './dto/drift.dto.js';
import { FairnessReportDto } from './dto/fairness.dto.js';
import { FairnessService } from './fairness.service.js';

@ApiTags('monitoring')
@ApiSecurity('api-key')
@Controller('v1/monitoring')
export class DriftController {
  constructor(
    private readonly drift: DriftService,
    private readonly fairness: FairnessService,
  ) {}

  @Get('drift')
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: DriftReportDto })
  measureDrift(@Query() query: DriftQueryDto): Promise<DriftReportDto> {
    return this.drift.measureDrift(query.days ?? 30);
  }

  @Get('fairness')
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: FairnessReportDto })
  monitorFairness(@Query() query: DriftQueryDto): Promise<FairnessReportDto> {
    return this.fairness.monitorFairness(query.days ?? 30);
  }
}
