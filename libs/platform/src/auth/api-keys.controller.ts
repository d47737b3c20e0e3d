import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../http/domain-error.js';
import { ALL_SCOPES, ApiKeyService } from './api-key.service.js';
import {
  type AuthenticatedRequest,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from './auth.decorators.js';
import { ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from './dto/create-api-key.dto.js';

const scopesRefused = (message: string) =>
  new DomainError('VALIDATION_FAILED', `scopes: ${message}`, {
    fields: [{ field: 'scopes', messages: [message] }],
  });

// Key management for this service, for holders of `keys:admin`. Least privilege: a key grants only
// scopes of this service that it holds itself. Key creation is deliberately not idempotent-by-key: a
// replay would have to store the plaintext key. Changes are audited with the change (ApiKeyStore),
// refusals here.
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
    const known = this.keys.serviceScopes();
    // Named by count, not by value: the values are the caller's.
    const unknown = dto.scopes.filter((s) => !known.has(s)).length;
    if (unknown > 0) {
      throw scopesRefused(`${unknown} scope(s) are not scopes of this service (see the routes' scopes)`);
    }
    const held = new Set(principal.scopes);
    if (!held.has(ALL_SCOPES) && dto.scopes.some((s) => !held.has(s))) {
      await this.refused('api-key.create', principal, req, undefined);
      throw new DomainError('FORBIDDEN', 'scopes: a key may only grant scopes it holds itself');
    }
    const { key, record } = await this.keys.createKey(
      { name: dto.name, scopes: dto.scopes },
      { actor: principal.keyId, correlationId: req.id },
    );
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
    const revoked = await this.keys.revokeKey(id, { actor: principal.keyId, correlationId: req.id });
    if (!revoked) {
      await this.refused('api-key.revoke', principal, req, id);
      throw new DomainError('NOT_FOUND', 'id: no active API key of this service with this id');
    }
  }

  private refused(action: string, principal: Principal, req: AuthenticatedRequest, id: string | undefined) {
    return this.audit.record({
      actor: principal.keyId,
      action,
      resourceType: 'api-key',
      resourceId: id,
      outcome: 'refused',
      correlationId: req.id,
    });
  }
}
