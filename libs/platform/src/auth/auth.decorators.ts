import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'platform:isPublic';
export const REQUIRED_SCOPES = 'platform:requiredScopes';

/** Opens a route to callers without an API key. Everything else is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The scopes a caller's key must hold (all of them). Every non-public route declares its scopes. */
export const RequireScopes = (...scopes: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);

export interface Principal {
  keyId: string;
  name: string;
  service: string;
  scopes: string[];
}

export interface AuthenticatedRequest {
  principal?: Principal;
  id: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The authenticated caller of this request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
