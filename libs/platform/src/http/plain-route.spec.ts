// What keeps a plain route equal to a Nest route without a server: the global enhancers it runs are
// the only ones any code registers, and the OpenAPI document shows it from the schema that validates it.
import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import * as z from 'zod';
import { buildOpenApiDocument } from './create-http-app.js';
import { PlainRoute, PlainRoutes, VALIDATION_PIPE } from './plain-route.js';
import { createValidationPipe } from './validation.pipe.js';

const ROOT = join(import.meta.dirname, '../../../..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('plain routes run every global enhancer', () => {
  it('because PlatformModule is the only code that registers one (from GLOBAL_ENHANCERS)', () => {
    const registration =
      /provide:\s*APP_(?:GUARD|PIPE|INTERCEPTOR|FILTER)\b|\.useGlobal(?:Guards|Pipes|Interceptors|Filters)\(/;
    const registering = ['apps', 'libs']
      .flatMap((dir) => sourcesUnder(join(ROOT, dir)))
      .filter((file) => registration.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(ROOT.length + 1));
    expect(registering).toEqual(['libs/platform/src/platform.module.ts']);
    const platform = readFileSync(join(ROOT, 'libs/platform/src/platform.module.ts'), 'utf8');
    // Each APP_* there is an alias of a GLOBAL_ENHANCERS member (or of the pipe PlainRoutes injects).
    expect(platform.match(/provide: APP_\w+, useExisting: [\w.]+/g)).toEqual([
      'provide: APP_PIPE, useExisting: VALIDATION_PIPE',
      'provide: APP_GUARD, useExisting: guard',
      'provide: APP_INTERCEPTOR, useExisting: GLOBAL_ENHANCERS.interceptor',
      'provide: APP_FILTER, useExisting: GLOBAL_ENHANCERS.filter',
    ]);
  });
});

describe('plain routes in the OpenAPI document', () => {
  const Line = z
    .strictObject({ sku: z.string().max(12).meta({ description: 'Stock keeping unit', example: 'AB-12' }) })
    .meta({ id: 'PlainRouteSpecLine' });
  const Order = z
    .strictObject({
      lines: z.array(Line).min(1).meta({ description: 'What is ordered' }),
      note: z.string().nullish(),
    })
    .meta({ id: 'PlainRouteSpecOrder' });

  class OrderResponseDto {
    @ApiProperty({ example: 3 }) lines: number;
  }

  @ApiExtraModels(OrderResponseDto)
  @Controller()
  class OrdersController {
    @PlainRoute({
      method: 'POST',
      path: '/v1/orders',
      body: Order,
      openApi: { tags: ['orders'], security: 'api-key', response: OrderResponseDto },
    })
    placeOrder(order: z.infer<typeof Order>) {
      return { lines: order.lines.length };
    }
  }

  @Module({ controllers: [OrdersController] })
  class OrdersModule {}

  it('lists the operation with its body schema, named schemas as components', async () => {
    const app = await NestFactory.create<NestFastifyApplication>(OrdersModule, new FastifyAdapter(), {
      preview: true,
      logger: false,
    });
    try {
      const document = buildOpenApiDocument(app, { title: 'orders' });
      expect(document.paths['/v1/orders']).toEqual({
        post: {
          operationId: 'OrdersController_placeOrder',
          parameters: [],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/PlainRouteSpecOrder' } } },
          },
          responses: {
            201: {
              description: '',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderResponseDto' } } },
            },
          },
          security: [{ 'api-key': [] }],
          tags: ['orders'],
        },
      });
      const schemas = document.components?.schemas ?? {};
      expect(schemas.PlainRouteSpecOrder).toEqual({
        type: 'object',
        properties: {
          lines: {
            type: 'array',
            minItems: 1,
            items: { $ref: '#/components/schemas/PlainRouteSpecLine' },
            description: 'What is ordered',
          },
          note: { type: 'string', nullable: true },
        },
        required: ['lines'],
        additionalProperties: false,
      });
      expect(schemas.PlainRouteSpecLine).toMatchObject({
        properties: {
          sku: { type: 'string', maxLength: 12, description: 'Stock keeping unit', example: 'AB-12' },
        },
      });
      expect(schemas.OrderResponseDto).toBeDefined();
    } finally {
      await app.close();
    }
  });
});

describe('PlainRoutes', () => {
  const Ping = z.strictObject({ n: z.int() });
  class PongDto {}

  @Controller()
  class PingController {
    @PlainRoute({ method: 'POST', path: '/v1/ping', body: Ping, openApi: { response: PongDto } })
    ping(body: z.infer<typeof Ping>) {
      return body;
    }
  }

  // PlainRoutes alone, without the database (test/plain-route.e2e-spec.ts serves plain routes).
  @Module({
    imports: [DiscoveryModule],
    controllers: [PingController],
    providers: [PlainRoutes, { provide: VALIDATION_PIPE, useFactory: createValidationPipe }],
  })
  class PingModule {}

  it('registers nothing, and does not fail, in an application context (no HTTP: the retraining CLI)', async () => {
    const context = await NestFactory.createApplicationContext(PingModule, { logger: false });
    await expect(context.init()).resolves.toBe(context);
    await context.close();
  });
});
