import type { DataSource, EntityManager } from 'typeorm';
import { envelopeFor, type EventEnvelope, type NewEvent, type Trace } from './event-envelope';
import type { EventNames } from './event-names';
import { inScope, type StoreScope } from '../tenancy/store-scope';

/** A database transaction that can also record events; they are published only if it commits. */
export interface Tx {
  manager: EntityManager;
  emit<TData extends object>(event: NewEvent<TData>): Promise<EventEnvelope<TData>>;
}

/** Writes an event into the outbox inside the caller's transaction. */
export async function writeToOutbox<TData>(manager: EntityManager, names: EventNames, envelope: EventEnvelope<TData>): Promise<void> {
  await manager.query(`INSERT INTO outbox_event (id, subject, envelope) VALUES ($1, $2, $3)`, [
    envelope.id,
    names.subject(envelope.type),
    JSON.stringify(envelope),
  ]);
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
    private readonly afterCommitWithEvents: () => void,
    /** The store this unit of work's transactions see; null sees no tenant-owned row. */
    readonly scope: StoreScope | null = null,
  ) {}

  /** The same unit of work, its transactions scoped to `scope`. */
  forScope(scope: StoreScope | null): UnitOfWork {
    return scope === this.scope ? this : new UnitOfWork(this.dataSource, this.names, this.afterCommitWithEvents, scope);
  }

  /** Runs `work` in one transaction; events it emits are written to the outbox in that transaction. */
  async run<T>(trace: Trace, work: (tx: Tx) => Promise<T>): Promise<T> {
    let emitted = 0;
    const result = await inScope(this.dataSource, this.scope, (manager) => this.runIn(manager, trace, work, () => (emitted += 1)));
    if (emitted > 0) this.afterCommitWithEvents();
    return result;
  }

  /** The same inside a transaction someone else opened (the consumer runner's). */
  runIn<T>(manager: EntityManager, trace: Trace, work: (tx: Tx) => Promise<T>, onEmit: () => void = () => undefined): Promise<T> {
    const tx: Tx = {
      manager,
      emit: async (event) => {
        const envelope = envelopeFor(event, trace);
        await writeToOutbox(manager, this.names, envelope);
        onEmit();
        return envelope;
      },
    };
    return work(tx);
  }
}
