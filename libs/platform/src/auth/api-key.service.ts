// API keys: shown once at creation, stored only as SHA-256 hashes, each bound to one service and a
// set of scopes. Lookups are cached for a few seconds so the hot path does not hit PostgreSQL on every
// request; revocation therefore takes effect within API_KEY_CACHE_MS. Every change writes its audit
// row in the same statement, whoever makes it (the HTTP API or the CLI).
import { hash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, SERVICE_NAME } from '../config/config.tokens.js';
import type { AppConfig } from '../config/env.schema.js';
import { type Principal, REQUIRED_SCOPES } from './auth.decorators.js';

/** Grants every scope of the key's own service (development and operator keys). */
export const ALL_SCOPES = '*';

/** Who changed a key, for the audit row written with the change. */
export interface KeyChangeActor {
  actor: string;
  correlationId?: string;
}

const CLI_ACTOR: KeyChangeActor = { actor: 'cli' };

export interface ApiKeyRecord {
  id: string;
  name: string;
  service: string;
  scopes: string[];
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export function hashApiKey(plaintext: string): string {
  return hash('sha256', plaintext, 'hex');
}

interface KeyRow {
  id: string;
  name: string;
  service: string;
  scopes: string[];
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

function toRecord(r: KeyRow): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    service: r.service,
    scopes: r.scopes,
    keyPrefix: r.key_prefix,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  };
}

/** Data access for API keys; usable without Nest (the CLI uses it directly). */
export class ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async createKey(
    input: { name: string; service: string; scopes: string[] },
    by: KeyChangeActor = CLI_ACTOR,
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = `sk_${input.service}_${randomBytes(24).toString('base64url')}`;
    const rows = (await this.dataSource.query(
      `WITH created AS (
         INSERT INTO platform.api_keys (name, service, scopes, key_hash, key_prefix)
         VALUES ($1, $2, $3, $4, $5) RETURNING *
       ), audited AS (
         INSERT INTO platform.audit_log (service, actor, action, resource_type, resource_id, outcome, correlation_id)
         SELECT service, $6, 'api-key.create', 'api-key', id::text, 'success', $7 FROM created
       )
       SELECT * FROM created`,
      [
        input.name,
        input.service,
        input.scopes,
        hashApiKey(key),
        key.slice(0, 12),
        by.actor,
        by.correlationId ?? null,
      ],
    )) as KeyRow[];
    return { key, record: toRecord(rows[0]) };
  }

  async listKeys(service?: string): Promise<ApiKeyRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM platform.api_keys WHERE ($1::text IS NULL OR service = $1) ORDER BY created_at, id`,
      [service ?? null],
    )) as KeyRow[];
    return rows.map(toRecord);
  }

  /** Revokes a key; returns false when no active key has that id (within the service, if given). */
  async revokeKey(id: string, service?: string, by: KeyChangeActor = CLI_ACTOR): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `WITH revoked AS (
         UPDATE platform.api_keys SET revoked_at = now()
         WHERE id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR service = $2) RETURNING id, service
       ), audited AS (
         INSERT INTO platform.audit_log (service, actor, action, resource_type, resource_id, outcome, correlation_id)
         SELECT service, $3, 'api-key.revoke', 'api-key', id::text, 'success', $4 FROM revoked
       )
       SELECT id FROM revoked`,
      [id, service ?? null, by.actor, by.correlationId ?? null],
    )) as { id: string }[];
    return rows.length > 0;
  }

  async findActiveByHash(hash: string): Promise<Principal | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, service, scopes FROM platform.api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    )) as Pick<KeyRow, 'id' | 'name' | 'service' | 'scopes'>[];
    const r = rows[0];
    return r && { keyId: r.id, name: r.name, service: r.service, scopes: r.scopes };
  }
}

@Injectable()
export class ApiKeyService {
  private readonly store: ApiKeyStore;
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();

  private scopes: ReadonlySet<string> | undefined;

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SERVICE_NAME) readonly service: string,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.store = new ApiKeyStore(dataSource);
  }

  /** The scopes of this service: those its routes require (ALL_SCOPES is minted by the CLI only). */
  serviceScopes(): ReadonlySet<string> {
    if (!this.scopes) {
      const found = new Set<string>();
      for (const wrapper of this.discovery.getControllers()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || !wrapper.metatype) continue;
        const targets: object[] = [wrapper.metatype];
        const proto = Object.getPrototypeOf(instance) as Record<string, object>;
        for (const name of this.scanner.getAllMethodNames(proto)) targets.push(proto[name]);
        for (const target of targets) {
          const required = this.reflector.get<string[] | undefined>(REQUIRED_SCOPES, target as never);
          for (const scope of required ?? []) found.add(scope);
        }
      }
      this.scopes = found;
    }
    return this.scopes;
  }

  authenticate(plaintext: string): Promise<Principal | undefined> {
    return this.authenticateHash(hashApiKey(plaintext));
  }

  /** As authenticate(), for a key already hashed with hashApiKey(). */
  async authenticateHash(hash: string): Promise<Principal | undefined> {
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const principal = await this.store.findActiveByHash(hash);
    if (this.config.API_KEY_CACHE_MS > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { principal, until: now + this.config.API_KEY_CACHE_MS });
    }
    return principal;
  }

  createKey(input: { name: string; scopes: string[] }, by: KeyChangeActor) {
    return this.store.createKey({ ...input, service: this.service }, by);
  }

  listKeys() {
    return this.store.listKeys(this.service);
  }

  async revokeKey(id: string, by: KeyChangeActor): Promise<boolean> {
    const revoked = await this.store.revokeKey(id, this.service, by);
    this.cache.clear();
    return revoked;
  }
}
