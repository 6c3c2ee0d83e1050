import { Client } from 'pg';
import { connect, type JetStreamManager } from 'nats';

/**
 * What a suite reads behind the gateway's back to check how orders settled: the services' own records
 * (as the machine's PostgreSQL owner, which row-level security does not bind) and the event
 * namespace's dead letters. Read-only.
 */

/** One message parked on the namespace's DEADLETTER stream, with why. */
export interface DeadLetter {
  subject: string;
  originalSubject: string | undefined;
  consumer: string | undefined;
  deliveries: string | undefined;
  error: string | undefined;
}

/** Every dead letter of `namespace` on the NATS server at `natsUrl` (none when the stream was never created). */
export async function deadLetters(natsUrl: string, namespace: string): Promise<DeadLetter[]> {
  const connection = await connect({ servers: natsUrl, name: 'ultramarket-test-dead-letters' });
  try {
    const jsm = await connection.jetstreamManager();
    const stream = `${namespace.toUpperCase()}_DEADLETTER`;
    const state = await streamState(jsm, stream);
    if (!state || state.messages === 0) return [];
    const letters: DeadLetter[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (!message) continue; // deleted
      const header = (name: string) => message.header?.get(name) || undefined;
      letters.push({
        subject: message.subject,
        originalSubject: header('Original-Subject'),
        consumer: header('Consumer'),
        deliveries: header('Deliveries'),
        error: header('Error'),
      });
    }
    return letters;
  } finally {
    await connection.close();
  }
}

async function streamState(jsm: JetStreamManager, stream: string) {
  try {
    return (await jsm.streams.info(stream)).state;
  } catch (error) {
    if (String((error as Error).message).includes('stream not found')) return null;
    throw error;
  }
}

/** What payments recorded for one order: its payments' statuses and its successful charges and refunds. */
export interface OrderPayments {
  orderId: string;
  paymentStatuses: string[];
  /** Successful SALE or CAPTURE transactions: money taken. */
  charges: number;
  /** Successful REFUND transactions: money given back. */
  refunds: number;
}

async function query<Row>(database: string, sql: string, parameters: unknown[]): Promise<Row[]> {
  const client = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USER ?? 'postgres',
    password: process.env.DATABASE_PASSWORD,
    database,
  });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Payments' records of every order of `storeId`, from the payments database. */
export async function paymentsByOrder(paymentsDatabase: string, storeId: string): Promise<Map<string, OrderPayments>> {
  const rows = await query<{ order_id: string; statuses: string[]; charges: number; refunds: number }>(
    paymentsDatabase,
    `SELECT p.order_id,
            array_agg(DISTINCT p.status) AS statuses,
            count(t.id) FILTER (WHERE t.type IN ('SALE', 'CAPTURE') AND t.status = 'SUCCEEDED')::int AS charges,
            count(t.id) FILTER (WHERE t.type = 'REFUND' AND t.status = 'SUCCEEDED')::int AS refunds
       FROM payment p LEFT JOIN payment_transaction t ON t.payment_id = p.id
      WHERE p.store_id = $1
      GROUP BY p.order_id`,
    [storeId],
  );
  return new Map(
    rows.map((row) => [row.order_id, { orderId: row.order_id, paymentStatuses: row.statuses.sort(), charges: row.charges, refunds: row.refunds }]),
  );
}

/** The ids of every order orders holds for `storeId`. */
export async function orderIdsOfStore(ordersDatabase: string, storeId: string): Promise<string[]> {
  const rows = await query<{ id: string }>(ordersDatabase, `SELECT id FROM customer_order WHERE store_id = $1 ORDER BY id`, [storeId]);
  return rows.map((row) => row.id);
}
