import type { DataSource, EntityManager } from 'typeorm';
import { eventContract } from './event-contract';
import { envelopeFor, type EventEnvelope, type NewEvent, type Trace } from './event-envelope';
import type { EventNames } from './event-names';
import { inScope, type StoreScope } from '../tenancy/store-scope';

/** A database transaction that can also record events; they are published only if it commits. */
export interface Tx {
  manager: EntityManager;
  emit<TData extends object>(event: NewEvent<TData>): Promise<EventEnvelope<TData>>;
  /**
   * Runs `work` inside a SAVEPOINT of this transaction. Should it throw, the transaction is rolled back
   * to the savepoint (its rows and outbox rows gone, the transaction usable again), the events it
   * emitted are forgotten (never published) and the error is rethrown; otherwise the savepoint is released.
   */
  savepoint<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** An event written to the outbox: what the relay publishes once the transaction has committed. */
export interface OutboxEntry {
  /** The event id, sent as Nats-Msg-Id. */
  id: string;
  subject: string;
  envelope: EventEnvelope<unknown>;
}

/** Writes an event into the outbox inside the caller's transaction, once its data is checked against its published contract. */
export async function writeToOutbox<TData>(manager: EntityManager, names: EventNames, envelope: EventEnvelope<TData>): Promise<OutboxEntry> {
  eventContract().check(envelope.type, envelope.data);
  const entry: OutboxEntry = { id: envelope.id, subject: names.subject(envelope.type), envelope };
  await manager.query(`INSERT INTO outbox_event (id, subject, envelope) VALUES ($1, $2, $3)`, [entry.id, entry.subject, JSON.stringify(envelope)]);
  return entry;
}

/**
 * Transactions that may also record events. Each runs in a store scope (`app.store_id`): the
 * request's unit of work is bound to its caller's store (`forScope`); the process-wide one has no
 * scope, so background work names the store it works in (or PLATFORM_SCOPE) before touching
 * tenant-owned tables.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: EventNames,
    /** Called after a commit with the events the transaction wrote, in order (the relay publishes them at once). */
    private readonly afterCommitWithEvents: (events: OutboxEntry[]) => void,
    /** The store this unit of work's transactions see; null sees no tenant-owned row. */
    readonly scope: StoreScope | null = null,
  ) {}

  /** The same unit of work, its transactions scoped to `scope`. */
  forScope(scope: StoreScope | null): UnitOfWork {
    return scope === this.scope ? this : new UnitOfWork(this.dataSource, this.names, this.afterCommitWithEvents, scope);
  }

  /** Runs `work` in one transaction; events it emits are written to the outbox in that transaction. */
  async run<T>(trace: Trace, work: (tx: Tx) => Promise<T>): Promise<T> {
    const emitted: OutboxEntry[] = [];
    const result = await inScope(this.dataSource, this.scope, (manager) => this.runIn(manager, trace, work, (entry) => emitted.push(entry)));
    if (emitted.length > 0) this.afterCommitWithEvents(emitted);
    return result;
  }

  /** The same inside a transaction someone else opened (the consumer runner's). */
  runIn<T>(manager: EntityManager, trace: Trace, work: (tx: Tx) => Promise<T>, onEmit: (entry: OutboxEntry) => void = () => undefined): Promise<T> {
    return work(this.txOf(manager, trace, onEmit, 0));
  }

  /** A Tx whose events go to `onEmit`; `depth` numbers nested savepoints, so each has its own name. */
  private txOf(manager: EntityManager, trace: Trace, onEmit: (entry: OutboxEntry) => void, depth: number): Tx {
    return {
      manager,
      emit: async (event) => {
        const envelope = envelopeFor(event, trace);
        onEmit(await writeToOutbox(manager, this.names, envelope));
        return envelope;
      },
      savepoint: async (work) => {
        const name = `unit_of_work_${depth}`;
        // events emitted inside reach `onEmit` only once the savepoint is released
        const inside: OutboxEntry[] = [];
        await manager.query(`SAVEPOINT ${name}`);
        let result;
        try {
          result = await work(this.txOf(manager, trace, (entry) => inside.push(entry), depth + 1));
        } catch (error) {
          await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
          throw error;
        }
        await manager.query(`RELEASE SAVEPOINT ${name}`);
        inside.forEach(onEmit);
        return result;
      },
    };
  }
}
