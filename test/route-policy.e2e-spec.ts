// Deny-by-default audit: every route of every app must be either @Public() or declare the scopes it
// needs. A new controller method without a decision fails this test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC, plainRoutesOf, REQUIRED_SCOPES } from '@suite/platform';
import { HTTP_APP as CUSTOMER_APP } from '../apps/customer-service/src/app.definition.js';
import { AppModule as CustomerModule } from '../apps/customer-service/src/app.module.js';
import { HTTP_APP as INFERENCE_APP } from '../apps/inference-server/src/app.definition.js';
import { AppModule as InferenceModule } from '../apps/inference-server/src/app.module.js';
import { HTTP_APP as MEDICAL_APP } from '../apps/medical-records/src/app.definition.js';
import { AppModule as MedicalModule } from '../apps/medical-records/src/app.module.js';
import { HTTP_APP as RISK_APP } from '../apps/risk-scoring/src/app.definition.js';
import { AppModule as RiskModule } from '../apps/risk-scoring/src/app.module.js';
import { startTestApp } from './support/test-app.js';

const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';

// The inference server serves an empty model repository here (only its routes matter); it runs last, and
// MODELS_DIR is removed afterwards.
const emptyModelsDir = mkdtempSync(join(tmpdir(), 'route-policy-models-'));

const apps: [string, Type<unknown>, typeof RISK_APP, Record<string, string>][] = [
  ['risk-scoring', RiskModule, RISK_APP, {}],
  ['medical-records', MedicalModule, MEDICAL_APP, {}],
  ['customer-service', CustomerModule, CUSTOMER_APP, {}],
  ['inference-server', InferenceModule, INFERENCE_APP, { MODELS_DIR: emptyModelsDir }],
];

afterAll(() => {
  delete process.env.MODELS_DIR;
  rmSync(emptyModelsDir, { recursive: true, force: true });
});

describe.each(apps)('%s route access policies', (_name, module, options, env) => {
  it('has a policy (public or scopes) on every route', async () => {
    const sut = await startTestApp(module, options, env);
    try {
      const discovery = sut.app.get(DiscoveryService);
      const reflector = sut.app.get(Reflector);
      const scanner = new MetadataScanner();
      const routes: { route: string; policy: string }[] = [];
      for (const wrapper of discovery.getControllers()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || !wrapper.metatype) continue;
        const controllerClass = wrapper.metatype as Type<unknown>;
        for (const methodName of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
          const handler = (instance as Record<string, unknown>)[methodName] as (
            ...args: unknown[]
          ) => unknown;
          if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          const path = `${Reflect.getMetadata(PATH_METADATA, controllerClass)}/${Reflect.getMetadata(PATH_METADATA, handler)}`;
          const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controllerClass]);
          const scopes = reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, [
            handler,
            controllerClass,
          ]);
          routes.push({
            route: `${controllerClass.name}.${methodName} ${path}`,
            policy: isPublic ? 'public' : scopes && scopes.length > 0 ? `scopes:${scopes.join(',')}` : 'NONE',
          });
        }
      }
      // Plain Fastify routes (@PlainRoute) are controller methods too, without Nest's route metadata.
      for (const { controller, methodName, handler, options: route } of plainRoutesOf(discovery, reflector)) {
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]);
        const scopes = reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, [
          handler,
          controller,
        ]);
        routes.push({
          route: `${controller.name}.${methodName} ${route.path}`,
          policy: isPublic ? 'public' : scopes && scopes.length > 0 ? `scopes:${scopes.join(',')}` : 'NONE',
        });
      }
      expect(routes.length).toBeGreaterThan(3);
      expect(routes.filter((r) => r.policy === 'NONE')).toEqual([]);
    } finally {
      await sut.close();
    }
  });
});
