// @DirectRoute(): a Nest route that Fastify runs without Nest's router. It is declared like any other
// route (path, scopes, @Idempotent, DTOs and OpenAPI all come from the same decorators) and runs the
// same enhancer instances the router would, in the router's order: the global guards, then the
// idempotency interceptor around the validation pipe and the handler, and the exception filter.
// The router wraps each of those in per-request promise and rxjs plumbing; on the risk score route
// that plumbing took about a third of the main thread's time per request (`npm run bench -- risk`),
// the largest cost between the API and a bare node:http server. Written here because Nest has no
// lighter route execution to opt into; test/direct-route.e2e-spec.ts holds it to the router's answers.
//
// Only what the runner implements may appear on a direct route (body, request and custom parameter
// decorators, @HttpCode): anything else, and any route-level guard, pipe, interceptor or filter, fails
// at startup instead of being silently skipped. The global enhancers the runner calls are checked
// against the ones Nest registered, so a new APP_GUARD cannot be bypassed either.
import {
  type CallHandler,
  type CanActivate,
  ForbiddenException,
  Inject,
  Injectable,
  type PipeTransform,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ApplicationConfig, ModuleRef } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, isObservable, lastValueFrom, type Observable } from 'rxjs';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { RateLimitGuard } from '../auth/rate-limit.guard.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

/** Token of the global validation pipe (APP_PIPE is an alias of it). */
export const VALIDATION_PIPE = Symbol('VALIDATION_PIPE');

const DIRECT_ROUTE = 'platform:directRoute';

interface DirectRouteTarget {
  controller: Type<unknown>;
  methodName: string;
}

type RouteHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Serve this route straight from Fastify with the same guards, pipe, interceptor and filter. */
export function DirectRoute(): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as object;
    const direct: DirectRouteTarget = {
      controller: target.constructor as Type<unknown>,
      methodName: String(key),
    };
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, [DIRECT_ROUTE]: direct }, handler);
  };
}

/** The route's direct target, when Nest registers a @DirectRoute with Fastify (onRoute hook). */
export function directRouteOf(config: unknown): DirectRouteTarget | undefined {
  return (config as Record<string, DirectRouteTarget> | undefined)?.[DIRECT_ROUTE];
}

@Injectable()
export class DirectRouteRunner {
  private readonly guards: CanActivate[];

  constructor(
    private readonly moduleRef: ModuleRef,
    rateLimit: RateLimitGuard,
    apiKey: ApiKeyGuard,
    @Inject(VALIDATION_PIPE) private readonly pipe: PipeTransform,
    private readonly interceptor: IdempotencyInterceptor,
    private readonly filter: AllExceptionsFilter,
  ) {
    this.guards = [rateLimit, apiKey];
  }

  /** The Fastify handler for a @DirectRoute; throws when the route uses what the runner does not run. */
  compile({ controller, methodName }: DirectRouteTarget): RouteHandler {
    this.assertGlobalEnhancers();
    const instance = this.moduleRef.get(controller, { strict: false }) as Record<string, unknown>;
    const handler = instance[methodName] as (...args: unknown[]) => unknown;
    const where = `@DirectRoute ${controller.name}.${methodName}`;
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA]) {
      if (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller))
        throw new Error(`${where}: route-level ${key} are not supported`);
    }
    for (const key of [HEADERS_METADATA, REDIRECT_METADATA, RENDER_METADATA, SSE_METADATA]) {
      if (Reflect.getMetadata(key, handler)) throw new Error(`${where}: ${key} is not supported`);
    }
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (method === RequestMethod.POST ? 201 : 200);
    const resolvers = this.argumentResolvers(controller, methodName, where);
    const { guards, pipe, interceptor, filter } = this;

    return async (req, reply) => {
      const context = new ExecutionContextHost([req, reply, undefined], controller, handler);
      try {
        for (const guard of guards) {
          if (!(await settle(guard.canActivate(context)))) throw new ForbiddenException('Forbidden resource');
        }
        // As in Nest's router, the pipes and the handler run inside the interceptor (and so inside its
        // transaction), only when it calls handle().
        const invoke = async () => {
          const args: unknown[] = [];
          for (const resolve of resolvers) args.push(await resolve(req, context, pipe));
          return settle(handler.apply(instance, args));
        };
        const next: CallHandler = { handle: () => from(invoke()) };
        const result = await lastValueFrom(interceptor.intercept(context, next), { defaultValue: undefined });
        reply.status(status).send(result);
      } catch (error) {
        filter.catch(error, context);
      }
    };
  }

  private argumentResolvers(
    controller: Type<unknown>,
    methodName: string,
    where: string,
  ): ((req: FastifyRequest, context: ExecutionContextHost, pipe: PipeTransform) => unknown)[] {
    const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
      string,
      { index: number; data?: unknown; pipes?: unknown[]; factory?: (data: unknown, ctx: unknown) => unknown }
    >;
    const paramtypes = (Reflect.getMetadata(
      'design:paramtypes',
      controller.prototype as object,
      methodName,
    ) ?? []) as unknown[];
    const resolvers = Object.entries(metadata)
      .map(([key, arg]) => {
        if (arg.pipes?.length) throw new Error(`${where}: parameter pipes are not supported`);
        const type = key.split(':')[0];
        if (key.includes(CUSTOM_ROUTE_ARGS_METADATA)) {
          const factory = arg.factory!;
          return {
            index: arg.index,
            resolve: (_req: FastifyRequest, ctx: ExecutionContextHost) => factory(arg.data, ctx),
          };
        }
        switch (Number(type) as RouteParamtypes) {
          case RouteParamtypes.REQUEST:
            return { index: arg.index, resolve: (req: FastifyRequest) => req };
          case RouteParamtypes.BODY: {
            const field = arg.data as string | undefined;
            const meta = {
              type: 'body' as const,
              metatype: paramtypes[arg.index] as Type<unknown>,
              data: field,
            };
            return {
              index: arg.index,
              resolve: (req: FastifyRequest, _ctx: ExecutionContextHost, pipe: PipeTransform) =>
                pipe.transform(
                  field ? (req.body as Record<string, unknown> | undefined)?.[field] : req.body,
                  meta,
                ),
            };
          }
          default:
            throw new Error(`${where}: parameter type ${RouteParamtypes[Number(type)]} is not supported`);
        }
      })
      .sort((a, b) => a.index - b.index);
    if (resolvers.some((r, i) => r.index !== i))
      throw new Error(`${where}: every parameter needs a decorator`);
    return resolvers.map((r) => r.resolve);
  }

  // The runner calls these instances itself; they must be exactly the global ones Nest runs elsewhere.
  private assertGlobalEnhancers(): void {
    // Nest keeps the registry of global enhancers on its container, which it does not export as a provider.
    const config = (this.moduleRef as unknown as { container?: { applicationConfig?: ApplicationConfig } })
      .container?.applicationConfig;
    if (!config) throw new Error('@DirectRoute: cannot read the global enhancers from this Nest version');
    // Nest keeps static enhancers (APP_* aliases resolve to these) and request-scoped wrappers apart.
    const all = (statics: unknown[], wrappers: { instance: unknown }[]) => [
      ...statics,
      ...wrappers.map((w) => w.instance),
    ];
    const same = (actual: unknown[], expected: unknown[]) =>
      actual.length === expected.length && actual.every((x, i) => x === expected[i]);
    const ok =
      same(all(config.getGlobalGuards(), config.getGlobalRequestGuards()), this.guards) &&
      same(all(config.getGlobalPipes(), config.getGlobalRequestPipes()), [this.pipe]) &&
      same(all(config.getGlobalInterceptors(), config.getGlobalRequestInterceptors()), [this.interceptor]) &&
      same(all(config.getGlobalFilters(), config.getGlobalRequestFilters()), [this.filter]);
    if (!ok)
      throw new Error('@DirectRoute: the global enhancers differ from the ones DirectRouteRunner runs');
  }
}

function settle<T>(value: T | Promise<T> | Observable<T>): Promise<T> {
  return isObservable(value) ? lastValueFrom(value) : Promise.resolve(value);
}
