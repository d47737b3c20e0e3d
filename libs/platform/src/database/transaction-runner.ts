// Effects that belong together share one transaction. The runner keeps the transaction's EntityManager
// in AsyncLocalStorage, so a handler wrapped by the idempotency interceptor writes its effect and the
// idempotency record in the same commit without threading a manager through every call.
//
// A request may also be a deferred unit of work (`unitOfWork`, used by `@Idempotent({ narrow: true })`):
// no transaction is open while the handler reads and computes (inference, outbound HTTP); its first
// `run()` opens the request's one transaction, which stays open, after `run()` returns, until the unit
// writes its own record (the stored response) and commits. So compute holds no pooled connection and no
// row lock, and the effect still commits together with the idempotency record.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/** A request whose transaction opens at its first write and commits when the request is done. */
interface DeferredUnit {
  runner?: QueryRunner;
}

interface Scope {
  /** The transaction this code runs in (set inside `run`). */
  manager?: EntityManager;
  unit?: DeferredUnit;
}

export interface UnitOfWorkOptions {
  /** Open the transaction before `body` (the whole handler in it) rather than at its first `run()`. */
  eager: boolean;
}

@Injectable()
export class TransactionRunner {
  private readonly storage = new AsyncLocalStorage<Scope>();

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the DataSource's (autocommit) manager outside one. */
  manager(): EntityManager {
    return this.current() ?? this.dataSource.manager;
  }

  /**
   * One statement whose result is not needed: in the current transaction if there is one, else on the
   * pool directly. TypeORM's query path (a QueryRunner per statement) cost the risk score hot path
   * a few percent of its throughput for nothing it used.
   */
  async execute(sql: string, parameters: unknown[]): Promise<void> {
    const current = this.current();
    if (current) await current.query(sql, parameters);
    else await (this.dataSource.driver as unknown as { master: Pool }).master.query(sql, parameters);
  }

  inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /**
   * Runs `work` in a transaction, joining the current one if there is one. In a deferred unit of work
   * the transaction it opens is the unit's: it stays open for the unit to commit (a failure of `work`
   * rolls it back, and a later `run` opens a fresh one).
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.current();
    if (current) return work(current);
    const unit = this.storage.getStore()?.unit;
    if (!unit) {
      return this.dataSource.transaction((manager) => this.storage.run({ manager }, () => work(manager)));
    }
    const runner = await this.begin();
    unit.runner = runner;
    try {
      return await this.storage.run({ manager: runner.manager, unit }, () => work(runner.manager));
    } catch (err) {
      unit.runner = undefined;
      await this.end(runner, 'rollback');
      throw err;
    }
  }

  /**
   * Runs `body` as one unit of work: its writes (in `run`, or all of it when `eager`) and then
   * `finish(manager, result)` commit in one transaction, or nothing does. Joins the current
   * transaction when called inside one.
   */
  async unitOfWork<T>(
    body: () => Promise<T>,
    finish: (manager: EntityManager, result: T) => Promise<void>,
    options: UnitOfWorkOptions,
  ): Promise<T> {
    const current = this.current();
    if (current) {
      const result = await body();
      await finish(current, result);
      return result;
    }
    const unit: DeferredUnit = {};
    return this.storage.run({ unit }, async () => {
      try {
        if (options.eager) unit.runner = await this.begin();
        const result = await body();
        unit.runner ??= await this.begin();
        const { manager } = unit.runner;
        await this.storage.run({ manager, unit }, () => finish(manager, result));
        const runner = unit.runner;
        unit.runner = undefined;
        await this.end(runner, 'commit');
        return result;
      } catch (err) {
        const runner = unit.runner;
        unit.runner = undefined;
        if (runner) await this.end(runner, 'rollback');
        throw err;
      }
    });
  }

  private current(): EntityManager | undefined {
    const scope = this.storage.getStore();
    return scope?.manager ?? scope?.unit?.runner?.manager;
  }

  private async begin(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      return runner;
    } catch (err) {
      await runner.release().catch(() => undefined);
      throw err;
    }
  }

  private async end(runner: QueryRunner, how: 'commit' | 'rollback'): Promise<void> {
    try {
      if (how === 'commit') await runner.commitTransaction();
      // A rollback on a connection that died is moot (the server aborted the transaction).
      else if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    } finally {
      await runner.release().catch(() => undefined);
    }
  }
}
