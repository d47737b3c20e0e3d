// Effects that belong together share one transaction. The runner keeps the transaction's EntityManager
// in AsyncLocalStorage, so a handler wrapped by the idempotency interceptor writes its effect and the
// idempotency record in the same commit without threading a manager through every call.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

@Injectable()
export class TransactionRunner {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the DataSource's (autocommit) manager outside one. */
  manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs `work` in a transaction, joining the current one if there is one. */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.storage.run(manager, () => work(manager)));
  }
}
