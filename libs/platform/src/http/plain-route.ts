// @PlainRoute(): a hot-path route that Fastify serves directly, registered by PlainRoutes (a provider
// of PlatformModule) on the application's Fastify instance during module init, next to the routes
// Nest registers. Its handler calls the global enhancers itself, the same instances and in the order
// Nest's router does: the guards, then the idempotency interceptor around the body's validation (the
// global pipe, with the route's schema) and the controller method, and the exception filter on any
// error. Nest's router wraps each of those in per-request promise and rxjs plumbing; on the risk score
// route that plumbing took about a third of the main thread's time per request (`npm run bench --
// risk`), the largest cost between the API and a bare node:http server. test/plain-route.e2e-spec.ts
// holds a plain route to the answers of the same method routed by Nest.
//
// The method is declared on a @Controller like any other, with its policy decorators (@RequireScopes,
// @Public, @Idempotent, @SkipRateLimit), which the guards and interceptor read from the execution
// context as on a Nest route, and is called as `method(body, request)`: the validated body and the
// Fastify request (its `principal` set by the API-key guard). The OpenAPI document lists it like the
// Nest routes (addPlainRoutesToDocument), its request body from the same schema that validates it.
import {
  applyDecorators,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  ForbiddenException,
  HttpCode,
  Inject,
  Injectable,
  type NestInterceptor,
  type OnModuleInit,
  type PipeTransform,
  SetMetadata,
  type Type,
} from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants.js';
import { DiscoveryService, HttpAdapterHost, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { from, isObservable, lastValueFrom, type Observable } from 'rxjs';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { RateLimitGuard } from '../auth/rate-limit.guard.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import type { JsonSchemaSource } from './compiled-schema.js';

/** Token of the global validation pipe (APP_PIPE is an alias of it). */
export const VALIDATION_PIPE = Symbol('VALIDATION_PIPE');

/**
 * The global enhancers, in the order Nest runs them. PlatformModule registers exactly these as APP_GUARD,
 * APP_INTERCEPTOR and APP_FILTER (and VALIDATION_PIPE as APP_PIPE), and plain routes run the same
 * instances; plain-route.spec.ts fails if any other code registers a global enhancer.
 */
export const GLOBAL_ENHANCERS = {
  guards: [RateLimitGuard, ApiKeyGuard] as Type<CanActivate>[],
  interceptor: IdempotencyInterceptor as Type<NestInterceptor>,
  filter: AllExceptionsFilter as Type<ExceptionFilter>,
};

const PLAIN_ROUTE = 'platform:plainRoute';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

export interface PlainRouteOptions {
  method: 'POST' | 'PUT' | 'PATCH';
  /** The full path, e.g. `/v1/applications/score` (the controller's prefix is not applied). */
  path: string;
  /** The success status (default 201 for POST, 200 otherwise); also what idempotent replays answer. */
  status?: number;
  /** The body's schema: validated by the global pipe, shown in the OpenAPI document. */
  body: JsonSchemaSource;
  openApi: {
    tags?: string[];
    /** The name of the security scheme the route requires (`api-key`), absent for a public route. */
    security?: string;
    /** The Swagger-decorated class of the success body (list it in @ApiExtraModels on the controller). */
    response: Type<unknown>;
  };
}

/** A @PlainRoute method as found on a controller. */
export interface PlainRouteEntry {
  options: PlainRouteOptions & { status: number };
  controller: Type<unknown>;
  methodName: string;
  handler: (...args: unknown[]) => unknown;
}

/** Serve this controller method as a plain Fastify route: `method(validatedBody, request)`. */
export function PlainRoute(options: PlainRouteOptions): MethodDecorator {
  const status = options.status ?? (options.method === 'POST' ? 201 : 200);
  return applyDecorators(SetMetadata(PLAIN_ROUTE, { ...options, status }), HttpCode(status));
}

/** The plain routes of the application's controllers (also in preview mode: no instance is needed). */
export function plainRoutesOf(discovery: DiscoveryService, reflector: Reflector): PlainRouteEntry[] {
  const scanner = new MetadataScanner();
  const routes: PlainRouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type<unknown> | undefined;
    if (!controller?.prototype) continue;
    const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName];
      const options = reflector.get<PlainRouteEntry['options'] | undefined>(PLAIN_ROUTE, handler);
      if (options) routes.push({ options, controller, methodName, handler });
    }
  }
  return routes;
}

// The execution context Nest's router would build for an HTTP request: [request, reply, next].
class HttpRouteContext implements ExecutionContext {
  private readonly http: HttpArgumentsHost;
  private readonly args: [FastifyRequest, FastifyReply, undefined];

  constructor(
    req: FastifyRequest,
    reply: FastifyReply,
    private readonly controller: Type<unknown>,
    private readonly handler: (...args: unknown[]) => unknown,
  ) {
    this.args = [req, reply, undefined];
    this.http = {
      getRequest: <T>() => req as T,
      getResponse: <T>() => reply as T,
      getNext: <T>() => undefined as T,
    };
  }

  getClass<T>(): Type<T> {
    return this.controller as Type<T>;
  }
  getHandler(): (...args: unknown[]) => unknown {
    return this.handler;
  }
  getArgs<T extends unknown[]>(): T {
    return this.args as unknown as T;
  }
  getArgByIndex<T>(index: number): T {
    return this.args[index] as T;
  }
  getType<T extends string = 'http'>(): T {
    return 'http' as T;
  }
  switchToHttp(): HttpArgumentsHost {
    return this.http;
  }
  switchToRpc(): RpcArgumentsHost {
    throw new Error('a plain route is an HTTP route');
  }
  switchToWs(): WsArgumentsHost {
    throw new Error('a plain route is an HTTP route');
  }
}

type RouteHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

@Injectable()
export class PlainRoutes implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    @Inject(VALIDATION_PIPE) private readonly pipe: PipeTransform,
  ) {}

  // After Nest registered its own routes, before Fastify is ready.
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    // An application context (the retraining CLI) serves no HTTP.
    if (!adapter) return;
    const routes = plainRoutesOf(this.discovery, this.reflector);
    if (routes.length === 0) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    if (typeof fastify?.route !== 'function') throw new Error('@PlainRoute needs the Fastify adapter');
    for (const route of routes) {
      fastify.route({ method: route.options.method, url: route.options.path, handler: this.compile(route) });
    }
  }

  /** The Fastify handler of a plain route; throws on what it would not run (route-level enhancers). */
  compile({ options, controller, methodName, handler }: PlainRouteEntry): RouteHandler {
    const where = `@PlainRoute ${controller.name}.${methodName}`;
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA]) {
      if (this.reflector.getAllAndOverride<unknown>(key, [handler, controller]))
        throw new Error(`${where}: route-level ${key} are not supported`);
    }
    const instance = this.moduleRef.get(controller, { strict: false });
    const guards = GLOBAL_ENHANCERS.guards.map((g) => this.moduleRef.get(g, { strict: false }));
    const interceptor = this.moduleRef.get(GLOBAL_ENHANCERS.interceptor, { strict: false });
    const filter = this.moduleRef.get(GLOBAL_ENHANCERS.filter, { strict: false });
    const { pipe } = this;
    const body = { type: 'body' as const, metatype: Object, data: undefined, schema: options.body };
    const { status } = options;

    return async (req, reply) => {
      const context = new HttpRouteContext(req, reply, controller, handler);
      try {
        for (const guard of guards) {
          if (!(await settle(guard.canActivate(context)))) throw new ForbiddenException('Forbidden resource');
        }
        // As Nest's router: the status before the interceptor (which may set a replay's), the body's
        // validation and the method inside it (and so inside its transaction), when it calls handle().
        reply.status(status);
        const invoke = async () =>
          settle(handler.call(instance, await pipe.transform(req.body, body), req as AuthenticatedRequest));
        const intercepted = interceptor.intercept(context, { handle: () => from(invoke()) });
        const result = await lastValueFrom(isObservable(intercepted) ? intercepted : await intercepted, {
          defaultValue: undefined,
        });
        reply.send(result);
      } catch (error) {
        filter.catch(error, context);
      }
    };
  }
}

/**
 * Adds the plain routes to a document built by SwaggerModule: each operation as @nestjs/swagger writes
 * a Nest route's, the request body from the route's schema as OpenAPI 3.0 (named schemas, e.g. zod's
 * `.meta({ id })`, become components).
 */
export function addPlainRoutesToDocument(
  document: OpenAPIObject,
  discovery: DiscoveryService,
  reflector: Reflector,
): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  for (const { options, controller, methodName } of plainRoutesOf(discovery, reflector)) {
    const converted = options.body['~standard'].jsonSchema.input({ target: 'openapi-3.0' });
    const { definitions, $defs, $schema: _, ...root } = toComponentRefs(converted) as Record<string, unknown>;
    Object.assign(schemas, definitions, $defs);
    const operation = {
      operationId: `${controller.name}_${methodName}`,
      parameters: [],
      requestBody: { required: true, content: { 'application/json': { schema: root } } },
      responses: {
        [options.status]: {
          description: '',
          content: { 'application/json': { schema: { $ref: getSchemaPath(options.openApi.response) } } },
        },
      },
      ...(options.openApi.security && { security: [{ [options.openApi.security]: [] }] }),
      ...(options.openApi.tags && { tags: options.openApi.tags }),
    };
    const path = (document.paths[options.path] ??= {});
    (path as Record<string, unknown>)[options.method.toLowerCase()] = operation;
  }
  return document;
}

function toComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toComponentRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string'
        ? v.replace(/^#\/(?:definitions|\$defs)\//, '#/components/schemas/')
        : toComponentRefs(v),
    ]),
  );
}

function settle<T>(value: T | Promise<T> | Observable<T>): Promise<T> {
  return isObservable(value) ? lastValueFrom(value) : Promise.resolve(value);
}
