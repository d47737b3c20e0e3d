// Live updates for the widget. A turn announces its conversation with pg_notify inside its own
// transaction, so listeners hear of it only once it has committed, whichever instance wrote it; each
// instance keeps one LISTEN connection (opened on the first subscriber) and fans notifications out.
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TransactionRunner } from '@suite/platform';
import pg from 'pg';
import { concat, defer, filter, from, map, type Observable, of, Subject, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';

const CHANNEL = 'support_conversations';

@Injectable()
export class ConversationEvents implements OnApplicationShutdown {
  private readonly logger = new Logger(ConversationEvents.name);
  private readonly changes = new Subject<string>();
  private listening: Promise<pg.Client> | undefined;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** Call inside the transaction that changed the conversation. */
  async announceChange(conversationId: string): Promise<void> {
    await this.tx.manager().query(`SELECT pg_notify($1, $2)`, [CHANNEL, conversationId]);
  }

  /** Emits 'ready' once listening has started, then 'changed' on every committed change of it. */
  changesOf(conversationId: string): Observable<'ready' | 'changed'> {
    return defer(() => from(this.listen())).pipe(
      switchMap(() =>
        concat(
          of('ready' as const),
          this.changes.pipe(
            filter((id) => id === conversationId),
            map(() => 'changed' as const),
          ),
        ),
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = await this.listening?.catch(() => undefined);
    this.listening = undefined;
    await client?.end().catch(() => undefined);
    this.changes.complete();
  }

  private listen(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('shutting down'));
    this.listening ??= (async () => {
      const url = (this.dataSource.options as { url?: string }).url;
      const client = new pg.Client({ connectionString: url, application_name: 'suite-support-events' });
      client.on('notification', (n) => {
        if (n.channel === CHANNEL && n.payload) this.changes.next(n.payload);
      });
      client.on('error', (err) => {
        // The next subscriber reconnects; current streams keep their timer-driven refresh.
        this.logger.warn(`event connection lost (${err.name})`);
        this.listening = undefined;
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      return client;
    })().catch((err: unknown) => {
      this.listening = undefined;
      throw err;
    });
    return this.listening;
  }
}
