import { Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument, type HttpAppOptions } from '@suite/platform';
import { HTTP_APP as SUPPORT_APP, AppModule as SupportModule } from '../../customer-service/src/index.js';
import { HTTP_APP as INFERENCE_APP, AppModule as InferenceModule } from '../../inference-server/src/index.js';
import { HTTP_APP as MEDICAL_APP, AppModule as MedicalModule } from '../../medical-records/src/index.js';
import { HTTP_APP as RISK_APP, AppModule as RiskModule } from '../../risk-scoring/src/index.js';

const DOCUMENTED: { app: string; module: Type<unknown>; options: HttpAppOptions }[] = [
  { app: 'risk-scoring', module: RiskModule, options: RISK_APP },
  { app: 'medical-records', module: MedicalModule, options: MEDICAL_APP },
  { app: 'customer-service', module: SupportModule, options: SUPPORT_APP },
  { app: 'inference-server', module: InferenceModule, options: INFERENCE_APP },
];

function repoRoot(): string {
  // <root>/apps/cli/src/ in sources, <root>/dist/apps/cli/src/ when built
  const here = new URL('../../..', import.meta.url).pathname;
  return here.endsWith('/dist/') ? new URL('../../../..', import.meta.url).pathname : here;
}

/** Builds each service's OpenAPI document from its module graph (preview mode: no database needed). */
export async function renderOpenApiDocuments(): Promise<{ app: string; file: string; text: string }[]> {
  const out: { app: string; file: string; text: string }[] = [];
  for (const { app, module, options } of DOCUMENTED) {
    Logger.overrideLogger(false);
    const nest = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), {
      preview: true,
      logger: false,
    });
    const document = buildOpenApiDocument(nest, options);
    out.push({
      app,
      file: `${repoRoot()}apps/${app}/openapi.json`,
      text: `${JSON.stringify(document, null, 2)}\n`,
    });
    await nest.close();
  }
  return out;
}
