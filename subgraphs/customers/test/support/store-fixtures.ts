import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';

/** A connection as the database owner (superuser in tests): sees every store's rows, for assertions only. */
export async function ownerConnection(subgraph: TestSubgraph): Promise<Client> {
  const { database } = subgraph.runtime.config;
  const client = new Client({ host: database.host, port: database.port, user: database.user, password: database.password, database: database.name });
  await client.connect();
  return client;
}

/**
 * Order and payment events as orders and payments publish them (schema/events.md), sent straight to
 * JetStream in the suite's namespace.
 */
export function commerceEvents(subgraph: () => TestSubgraph) {
  const send = async (event: EventEnvelope, msgID = event.id): Promise<EventEnvelope> => {
    const { js, names } = subgraph().runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID });
    return event;
  };
  const publish = (type: string, storeId: string, orderId: string, data: Record<string, unknown>) =>
    send(envelopeFor({ type, storeId, aggregateId: orderId, data }, { correlationId: randomUUID(), causationId: null }));
  const money = (amount: number) => ({ amount, currencyCode: 'USD' });
  /** One default-variant line (a product without options: the variant's id is the product's). */
  const defaultVariantLine = (productId: string, total: number) => ({
    productId,
    variantId: productId,
    title: 'Kettle',
    variantTitle: 'Default',
    sku: null,
    quantity: 1,
    unitPrice: money(total),
  });

  const orderCreated = (storeId: string, options: { email: string; total: number; orderId?: string; userId?: string | null; shippingName?: string }) => {
    const orderId = options.orderId ?? randomUUID();
    return publish('orders.created', storeId, orderId, {
      orderId,
      orderNumber: '#1001',
      customerId: options.userId ?? null,
      email: options.email,
      currencyCode: 'USD',
      subtotal: money(options.total),
      shippingTotal: money(0),
      taxTotal: money(0),
      discountTotal: money(0),
      total: money(options.total),
      // as orders publishes them since issue 13 (schema/events.md): customers reads none of it
      lines: [defaultVariantLine(randomUUID(), options.total)],
      ...(options.shippingName
        ? { shippingAddress: { name: options.shippingName, line1: '1 Main St', city: 'Springfield', postalCode: '12345', countryCode: 'US' } }
        : {}),
    });
  };
  const party = (orderId: string, amount: number, paymentId: string) => ({
    paymentId,
    orderId,
    amount: money(amount),
    customerId: null,
    email: 'shopper@example.com',
  });
  const paymentSucceeded = (storeId: string, orderId: string, amount: number, paymentId: string = randomUUID()) =>
    publish('payments.succeeded', storeId, orderId, { ...party(orderId, amount, paymentId), provider: 'simulated', providerReference: `sim_pi_${paymentId}` });
  const paymentRefunded = (storeId: string, orderId: string, amount: number, paymentId: string) =>
    publish('payments.refunded', storeId, orderId, { ...party(orderId, amount, paymentId), reason: 'reservation expired' });

  /** accounts.email-verified as accounts is to publish it (see customers' README): a user proved they own an email; no store. */
  const emailVerified = (userId: string, email: string) =>
    send(
      envelopeFor(
        { type: 'accounts.email-verified', storeId: null, aggregateId: userId, data: { userId, email } },
        { correlationId: randomUUID(), causationId: null },
      ),
    );

  /** The same envelope again under another Nats-Msg-Id: JetStream delivers it a second time, as a redelivery would. */
  const redeliver = (event: EventEnvelope) => send(event, randomUUID());

  /** True once the consumer has acknowledged every message it was given. */
  const drained = async (consumer: string, domain: string): Promise<boolean> => {
    const { jsm, names } = subgraph().runtime;
    const info = await jsm.consumers.info(names.stream(domain), names.durable(consumer));
    return info.num_pending === 0 && info.num_ack_pending === 0;
  };

  return { publish, orderCreated, paymentSucceeded, paymentRefunded, emailVerified, redeliver, drained };
}
