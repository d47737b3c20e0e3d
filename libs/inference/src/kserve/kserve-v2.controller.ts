// KServe v2 REST surface over whichever InferenceBackend the app provides (local engine or remote),
// so Triton clients and our RemoteInferenceBackend can call any of our services alike.
// Spec: kserve/kserve docs/predict-api/v2/required_api.md, kserve/open-inference-protocol
// specification/protocol/inference_rest.md; Triton's docs/protocol/extension_*.md for the extensions.
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DomainError, Public, RequireScopes, SkipRateLimit } from '@suite/platform';
import { INFERENCE_BACKEND, type InferenceBackend, type InferOptions } from '../engine/inference-backend.js';
import { InferRequestDto, RepositoryIndexRequestDto } from './dto/infer-request.dto.js';
import { INFERENCE_HEADER_LENGTH } from './kserve-binary.js';
import {
  checkParameters,
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
  header(name: string, value: string): unknown;
}

/** The request as the binary content-type parser leaves it: the bytes after the JSON object. */
export interface InferenceRequestLike {
  inferenceBinary?: Buffer;
}

/** $metadata_server_response: what GET /v2 says about this server. */
export interface V2ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

// The extensions as Triton names them in its server metadata: binary tensor data
// (docs/protocol/extension_binary_data.md) and the model repository (extension_model_repository.md).
export const KSERVE_SERVER_METADATA: V2ServerMetadata = {
  name: 'domain-ai-suite-inference',
  version: '0.1.0', // package.json's version
  extensions: ['binary_tensor_data', 'model_repository'],
};

// required_api.md, "Health": "A 200 status code indicates true and a 4xx status code indicates
// false" (Triton answers 400); the body is the Open Inference Protocol's readiness object.
const NOT_READY_STATUS = 400;

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

  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Get()
  describeServer(): V2ServerMetadata {
    return KSERVE_SERVER_METADATA;
  }

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
    reply.status(ready ? 200 : NOT_READY_STATUS);
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
  inferModel(
    @Param('name') name: string,
    @Body() body: InferRequestDto,
    @Req() req: InferenceRequestLike,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<V2InferResponse | Buffer> {
    return this.infer(name, body, req, reply);
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
    @Req() req: InferenceRequestLike,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<V2InferResponse | Buffer> {
    return this.infer(name, body, req, reply, checkIdentifier('version', version));
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

  /** Triton's repository load: (re)loads every version of the model from the repository. */
  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Post('repository/models/:name/load')
  @HttpCode(200)
  async loadModel(@Param('name') name: string): Promise<Record<string, never>> {
    await this.repositoryControl('loadModel')(checkIdentifier('name', name));
    return {};
  }

  /** Triton's repository unload: the model stops serving until loaded again. */
  @ApiSecurity('api-key')
  @RequireScopes(INFERENCE_SCOPE)
  @Post('repository/models/:name/unload')
  @HttpCode(200)
  async unloadModel(@Param('name') name: string): Promise<Record<string, never>> {
    await this.repositoryControl('unloadModel')(checkIdentifier('name', name));
    return {};
  }

  private repositoryControl(action: 'loadModel' | 'unloadModel'): (model: string) => Promise<void> {
    const run = this.backend[action];
    if (!run)
      throw new DomainError(
        'INVALID_INPUT',
        `this server's backend cannot ${action === 'loadModel' ? 'load' : 'unload'} models`,
      );
    return (model) => run.call(this.backend, model);
  }

  private async describe(name: string, version?: string): Promise<V2ModelMetadata> {
    const status = await this.backend.modelStatus(checkIdentifier('name', name), version);
    const versions = (await this.backend.listModels())
      .filter((m) => m.name === status.name)
      .map((m) => m.version);
    return toV2ModelMetadata(status, versions.length > 0 ? versions : [status.version]);
  }

  private async readiness(
    name: string,
    version: string | undefined,
    reply: StatusReply,
  ): Promise<V2ModelReadiness> {
    const status = await this.backend.modelStatus(checkIdentifier('name', name), version);
    reply.status(status.ready ? 200 : NOT_READY_STATUS);
    return {
      name: status.name,
      version: status.version,
      ready: status.ready,
      ...(status.ready ? {} : { reason: status.reason ?? 'not ready' }),
    };
  }

  private async infer(
    name: string,
    body: InferRequestDto,
    req: InferenceRequestLike,
    reply: StatusReply,
    version?: string,
  ): Promise<V2InferResponse | Buffer> {
    checkParameters(body.parameters, 'parameters');
    // The model's input types: each request tensor is converted to its input's type or refused.
    const status = await this.backend.modelStatus(checkIdentifier('name', name), version);
    const inputs = decodeV2Tensors(body.inputs, 'inputs', {
      specs: status.inputs,
      binary: req.inferenceBinary,
    });
    const result = await this.backend.infer(name, inputs, inferOptionsOf(body, version));
    const { body: json, binary } = toV2InferResponse(result, body);
    if (binary.length === 0) return json;
    const header = Buffer.from(JSON.stringify(json), 'utf8');
    reply.header(INFERENCE_HEADER_LENGTH, String(header.length));
    reply.header('content-type', 'application/octet-stream');
    return Buffer.concat([header, ...binary]);
  }
}
