// KServe v2 REST surface over whichever InferenceBackend the app provides (local engine or remote),
// so Triton clients and our RemoteInferenceBackend can call any of our services alike.
// Spec: https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DomainError, Public, RequireScopes, SkipRateLimit } from '@suite/platform';
import { INFERENCE_BACKEND, type InferenceBackend, type InferOptions } from '../engine/inference-backend.js';
import { InferRequestDto, RepositoryIndexRequestDto } from './dto/infer-request.dto.js';
import {
  decodeV2Tensors,
  toV2InferResponse,
  toV2ModelMetadata,
  type V2InferResponse,
  type V2ModelMetadata,
  type V2ModelReadiness,
} from './kserve-v2.codec.js';

/** The scope an API key needs to read model metadata and run inference over HTTP. */
export const INFERENCE_SCOPE = 'inference:infer';

// Model names and versions become folder names in the repository: keep them to a safe alphabet.
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

interface StatusReply {
  status(code: number): unknown;
}

export interface RepositoryIndexEntry {
  name: string;
  version: string;
  state: 'READY' | 'UNAVAILABLE';
  reason: string;
}

function checkIdentifier(field: 'name' | 'version', value: string): string {
  if (!IDENTIFIER.test(value)) {
    const message = 'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit';
    throw new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
      fields: [{ field, messages: [message] }],
    });
  }
  return value;
}

/** Triton's request parameters `priority` and `timeout` (microseconds); anything else is ignored. */
function inferOptionsOf(dto: InferRequestDto, version?: string): InferOptions {
  const options: InferOptions = version !== undefined ? { version } : {};
  const { priority, timeout } = dto.parameters ?? {};
  if (typeof priority === 'number' && Number.isInteger(priority) && priority >= 0)
    options.priority = priority;
  if (typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0) {
    options.timeoutMs = Math.max(1, Math.ceil(timeout / 1000));
  }
  return options;
}

@ApiTags('inference (KServe v2)')
@Controller('v2')
export class KServeV2Controller {
  constructor(@Inject(INFERENCE_BACKEND) private readonly backend: InferenceBackend) {}

  @Public()
  @SkipRateLimit()
  @Get('health/live')
  checkServerLive(): { live: boolean } {
    return { live: true };
  }

  @Public()
  @SkipRateLimit()
  @Get('health/ready')
  async checkServerReady(@Res({ passthrough: true }) reply: StatusReply): Promise<{ ready: boolean }> {
    const ready = await this.backend.isReady();
    reply.status(ready ? 200 : 503);
    return { ready };
  }

  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Get('models/:name')
  describeModel(@Param('name') name: string): Promise<V2ModelMetadata> {
    return this.describe(name);
  }

  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Get('models/:name/versions/:version')
  describeModelVersion(
    @Param('name') name: string,
    @Param('version') version: string,
  ): Promise<V2ModelMetadata> {
    return this.describe(name, checkIdentifier('version', version));
  }

  @Public()
  @SkipRateLimit()
  @Get('models/:name/ready')
  checkModelReady(
    @Param('name') name: string,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<V2ModelReadiness> {
    return this.readiness(name, undefined, reply);
  }

  @Public()
  @SkipRateLimit()
  @Get('models/:name/versions/:version/ready')
  checkModelVersionReady(
    @Param('name') name: string,
    @Param('version') version: string,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<V2ModelReadiness> {
    return this.readiness(name, checkIdentifier('version', version), reply);
  }

  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Post('models/:name/infer')
  @HttpCode(200)
  @ApiOkResponse({ description: 'v2 inference response: model_name, model_version, id, outputs' })
  inferModel(@Param('name') name: string, @Body() body: InferRequestDto): Promise<V2InferResponse> {
    return this.infer(name, body);
  }

  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Post('models/:name/versions/:version/infer')
  @HttpCode(200)
  @ApiOkResponse({ description: 'v2 inference response: model_name, model_version, id, outputs' })
  inferModelVersion(
    @Param('name') name: string,
    @Param('version') version: string,
    @Body() body: InferRequestDto,
  ): Promise<V2InferResponse> {
    return this.infer(name, body, checkIdentifier('version', version));
  }

  /** Triton's model repository extension: every model version the server knows, ready or not. */
  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Post('repository/index')
  @HttpCode(200)
  async indexRepository(@Body() body: RepositoryIndexRequestDto): Promise<RepositoryIndexEntry[]> {
    const models = await this.backend.listModels();
    return models
      .filter((m) => !body?.ready || m.ready)
      .map((m) => ({
        name: m.name,
        version: m.version,
        state: m.ready ? 'READY' : 'UNAVAILABLE',
        reason: m.reason ?? '',
      }));
  }

  private async describe(name: string, version?: string): Promise<V2ModelMetadata> {
    return toV2ModelMetadata(await this.backend.modelStatus(checkIdentifier('name', name), version));
  }

  private async readiness(
    name: string,
    version: string | undefined,
    reply: StatusReply,
  ): Promise<V2ModelReadiness> {
    const status = await this.backend.modelStatus(checkIdentifier('name', name), version);
    // KServe answers readiness with the status code alone; we add the reason so an operator sees why.
    reply.status(status.ready ? 200 : 503);
    return {
      name: status.name,
      version: status.version,
      ready: status.ready,
      ...(status.ready ? {} : { reason: status.reason ?? 'not ready' }),
    };
  }

  private async infer(name: string, body: InferRequestDto, version?: string): Promise<V2InferResponse> {
    const inputs = decodeV2Tensors(body.inputs, 'inputs');
    const result = await this.backend.infer(
      checkIdentifier('name', name),
      inputs,
      inferOptionsOf(body, version),
    );
    return toV2InferResponse(result, body);
  }
}
