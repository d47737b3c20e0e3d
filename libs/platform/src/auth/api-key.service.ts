// API keys: shown once at creation, stored only as SHA-256 hashes, each bound to one service and a
// set of scopes. Lookups are cached for a few seconds so the hot path does not hit PostgreSQL on every
// request; revocation therefore takes effect within API_KEY_CACHE_MS.
import { hash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, SERVICE_NAME } from '../config/config.tokens.js';
import type { AppConfig } from '../config/env.schema.js';
import type { Principal } from './auth.decorators.js';

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

  async createKey(input: { name: string; service: string; scopes: string[] }): Promise<{
    key: string;
    record: ApiKeyRecord;
  }> {
    const key = `sk_${input.service}_${randomBytes(24).toString('base64url')}`;
    const rows = (await this.dataSource.query(
      `INSERT INTO platform.api_keys (name, service, scopes, key_hash, key_prefix)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [input.name, input.service, input.scopes, hashApiKey(key), key.slice(0, 12)],
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
  async revokeKey(id: string, service?: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE platform.api_keys SET revoked_at = now()
       WHERE id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR service = $2) RETURNING id`,
      [id, service ?? null],
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

  constructor(
    dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SERVICE_NAME) readonly service: string,
  ) {
    this.store = new ApiKeyStore(dataSource);
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

  createKey(input: { name: string; scopes: string[] }) {
    return this.store.createKey({ ...input, service: this.service });
  }

  listKeys() {
    return this.store.listKeys(this.service);
  }

  async revokeKey(id: string): Promise<boolean> {
    const revoked = await this.store.revokeKey(id, this.service);
    this.cache.clear();
    return revoked;
  }
}
