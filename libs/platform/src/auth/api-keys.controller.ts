import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../http/domain-error.js';
import { ApiKeyService } from './api-key.service.js';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from './auth.decorators.js';
import { ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/create-api-key.dto.js';

// Key management for this service, for holders of `keys:admin`. Key creation is deliberately not
// idempotent-by-key: a replay would have to store the plaintext key.
@ApiTags('api-keys')
@ApiSecurity('api-key')
@RequireScopes('keys:admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ApiOkResponse({ type: CreatedApiKeyResponseDto })
  async createApiKey(
    @Body() dto: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<CreatedApiKeyResponseDto> {
    const { key, record } = await this.keys.createKey({ name: dto.name, scopes: dto.scopes });
    await this.audit.record({
      actor: principal.keyId,
      action: 'api-key.create',
      resourceType: 'api-key',
      resourceId: record.id,
      outcome: 'success',
      correlationId: req.id,
    });
    return { ...record, key };
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyResponseDto] })
  listApiKeys(): Promise<ApiKeyResponseDto[]> {
    return this.keys.listKeys();
  }

  @Delete(':id')
  @HttpCode(204)
  async revokeApiKey(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ): Promise<void> {
    const revoked = await this.keys.revokeKey(id);
    await this.audit.record({
      actor: principal.keyId,
      action: 'api-key.revoke',
      resourceType: 'api-key',
      resourceId: id,
      outcome: revoked ? 'success' : 'failed',
      correlationId: req.id,
    });
    if (!revoked) throw new DomainError('NOT_FOUND', 'id: no active API key with this id');
  }
}
