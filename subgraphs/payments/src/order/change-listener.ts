import { Client, type Notification } from 'pg';
import type { Tx, KitConfig, Logger } from '@ultramarket/kit';

/** The channel payments' database announces changes on; the payload is the key of what changed (`orderChangeKey`, `paymentChangeKey`). */
export const CHANGES_CHANNEL = 'payments_changes';

/** What an order's key starts with (statements that write read-model rows announce `ORDER_KEY_PREFIX || order_id`). */
export const ORDER_KEY_PREFIX = 'order:';

/** An order's read-model row changed: it may have become payable, or never will be. */
export const orderChangeKey = (orderId: string) => `${ORDER_KEY_PREFIX}${orderId}`;

/** A payment changed: a PENDING one may have settled. */
export const paymentChangeKey = (paymentId: string) => `payment:${paymentId}`;

/**
 * Announces a change to every payments process, when (and only if) the transaction commits:
 * PostgreSQL holds a NOTIFY back until then. Statements that already write the row announce it
 * themselves (`SELECT pg_notify(…) FROM` their RETURNING), at no extra round trip.
 */
export async function announceChange(tx: Pick<Tx, 'manager'>, key: string): Promise<void> {
  await tx.manager.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, key]);
}

/** A wait for changes of one key, from when it was opened. */
export interface ChangeWatch {
  /** Resolves true once a change was announced since the last call (at once if one was already), false after `timeoutMs` without one. */
  next(timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** How long a lost LISTEN connection waits before trying again: doubling from the first, up to the last. */
const RECONNECT_MS = { first: 100, last: 5000 };

class Waiter implements ChangeWatch {
  private announced = false;
  private wake: ((changed: boolean) => void) | null = null;

  constructor(private readonly onClose: (waiter: Waiter) => void) {}

  notify(): void {
    if (this.wake) this.wake(true);
    else this.announced = true;
  }

  next(timeoutMs: number): Promise<boolean> {
    if (this.announced) {
      this.announced = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), Math.max(0, timeoutMs));
      const done = (changed: boolean) => {
        clearTimeout(timer);
        this.wake = null;
        resolve(changed);
      };
      this.wake = done;
    });
  }

  close(): void {
    this.wake?.(false);
    this.onClose(this);
  }
}

/**
 * Changes pushed, not polled: processPayment waits for an order to become payable, and a repeated
 * request for its payment to settle, on PostgreSQL notifications. The process holds one dedicated
 * LISTEN connection (not one of the pool's) and wakes the waiters of the key a notification names.
 * A waiter opens its watch before it reads the row, so a change committed between its read and its
 * wait still wakes it; every wait is bounded by the caller. Notifications sent while the connection is
 * down are lost: it is reopened with backoff and, once it listens again, every waiter is woken to read
 * its row afresh.
 */
export class ChangeListener {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectMs = RECONNECT_MS.first;
  private stopped = true;
  private database: KitConfig['database'] | null = null;
  private logger: Logger | null = null;

  /** Opens the LISTEN connection (as the application role). Resolves once it listens, or once a failure has been logged and a retry scheduled. */
  async start(database: KitConfig['database'], logger: Logger): Promise<void> {
    this.database = database;
    this.logger = logger;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  watch(key: string): ChangeWatch {
    const waiter = new Waiter((closed) => {
      const same = this.waiters.get(key);
      same?.delete(closed);
      if (same?.size === 0) this.waiters.delete(key);
    });
    const same = this.waiters.get(key) ?? new Set<Waiter>();
    same.add(waiter);
    this.waiters.set(key, same);
    return waiter;
  }

  private async connect(): Promise<void> {
    if (this.stopped || !this.database) return;
    const { host, port, name, appUser, appPassword } = this.database;
    const client = new Client({ host, port, database: name, user: appUser, password: appPassword, application_name: 'ultramarket-payments-changes' });
    client.on('notification', (message: Notification) => this.announced(message));
    client.on('error', (error: Error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectMs = RECONNECT_MS.first;
    // whatever changed while nobody listened went unannounced: every waiter reads its row again
    for (const same of this.waiters.values()) for (const waiter of same) waiter.notify();
  }

  private announced(message: Notification): void {
    if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
    for (const waiter of this.waiters.get(message.payload) ?? []) waiter.notify();
  }

  /** The connection failed or ended: unless stopping, open another after a backoff. */
  private lost(client: Client, error: Error | null): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners('notification');
    client.removeAllListeners('end');
    // an 'error' after this one must not be unhandled
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    this.logger?.warn(
      { err: error ?? undefined, retryInMs: this.reconnectMs },
      'payments lost its LISTEN connection; waiters fall back to their bounded waits until it is back',
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, this.reconnectMs);
    this.reconnectMs = Math.min(this.reconnectMs * 2, RECONNECT_MS.last);
  }
}
