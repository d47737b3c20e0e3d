import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  DomainError,
  Idempotent,
  type Principal,
  RequireScopes,
} from '@suite/platform';
import { RISK_MODEL_NAME } from '@suite/risk-models';
import {
  ModelListResponseDto,
  ModelVersionResponseDto,
  PromotionResponseDto,
} from './dto/model-version-response.dto.js';
import { RiskModelRegistryService, type RiskModelVersionState } from './risk-model-registry.service.js';

const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

@ApiTags('models')
@ApiSecurity('api-key')
@Controller('v1/models')
export class ModelRegistryController {
  constructor(private readonly registry: RiskModelRegistryService) {}

  @Get()
  @RequireScopes('risk:read')
  @ApiOkResponse({ type: ModelListResponseDto })
  async listModelVersions(): Promise<ModelListResponseDto> {
    const versions = await this.registry.listVersions();
    return {
      name: RISK_MODEL_NAME,
      champion: versions.find((v) => v.champion)?.version ?? null,
      versions: versions.map(toVersionDto),
    };
  }

  /** Promotion, or rollback when the version is older than the champion. */
  @Post(':version/promote')
  @HttpCode(200)
  @Idempotent()
  @RequireScopes('risk:admin')
  @ApiOkResponse({ type: PromotionResponseDto })
  async promoteModelVersion(
    @Param('version') version: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<PromotionResponseDto> {
    if (!VERSION_PATTERN.test(version))
      throw new DomainError(
        'VALIDATION_FAILED',
        'version: must be 1-64 letters, digits, dots, dashes or underscores',
        {
          fields: [
            { field: 'version', messages: ['must be 1-64 letters, digits, dots, dashes or underscores'] },
          ],
        },
      );
    const { previous } = await this.registry.promoteVersion(version, principal.keyId, req.id);
    return { name: RISK_MODEL_NAME, champion: version, previous: previous ?? null };
  }
}

function toVersionDto(state: RiskModelVersionState): ModelVersionResponseDto {
  const m = state.card?.metrics as Record<string, unknown> | undefined;
  const figure = (key: string): number => Number(m?.[key]);
  return {
    version: state.version,
    status: state.champion ? 'champion' : state.ready ? 'available' : 'not-ready',
    ...(state.reason ? { reason: state.reason } : {}),
    ...(state.card ? { createdAt: state.card.createdAt } : {}),
    ...(state.card?.extra.parentVersion ? { parentVersion: state.card.extra.parentVersion } : {}),
    metrics:
      m && Number.isFinite(figure('auc'))
        ? {
            split: String(m.split ?? 'dev'),
            n: figure('n'),
            auc: figure('auc'),
            ks: figure('ks'),
            brier: figure('brier'),
            ece: figure('ece'),
            ...(Number.isFinite(figure('studentToTeacherAuc'))
              ? { studentToTeacherAuc: figure('studentToTeacherAuc') }
              : {}),
          }
        : null,
  };
}
