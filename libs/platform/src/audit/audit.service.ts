// Append-only audit trail: who did what to which resource, and how it ended. Never payload values.
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_NAME } from '../config/config.tokens.js';
import { TransactionRunner } from '../database/transaction-runner.js';

export interface AuditEntry {
  actor: string;
  action: string;
  resourceType: string;
  resourceId?: string;
  outcome: 'success' | 'denied' | 'failed' | 'refused';
  correlationId?: string;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** Records an entry; inside a transaction it commits (or rolls back) with the audited effect. */
  async record(entry: AuditEntry): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO platform.audit_log (service, actor, action, resource_type, resource_id, outcome, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        this.service,
        entry.actor,
        entry.action,
        entry.resourceType,
        entry.resourceId ?? null,
        entry.outcome,
        entry.correlationId ?? null,
      ],
    );
  }
}
