import { randomUUID } from 'node:crypto';
import { envelopeFor, type EventEnvelope } from '@ultramarket/kit';
import type { TestSubgraph } from '../../../kit/test/support/subgraph-harness';

/** A line of an order as orders.created carries it (amounts in minor units of the order's currency). */
export interface TestLine {
  productId: string;
  variantId: string;
  title: string;
  quantity: number;
  unitPrice: number;
  discount?: number;
}

/**
 * The events analytics consumes, published straight to JetStream in the suite's namespace, each at a chosen instant
 * (`occurredAt`) so the store-local day it lands in is known.
 */
export function analyticsEvents(subgraph: () => TestSubgraph) {
  const publish = async (
    type: string,
    storeId: string,
    aggregateId: string,
    data: Record<string, unknown>,
    occurredAt = new Date().toISOString(),
    version = 1,
  ): Promise<EventEnvelope> => {
    const { js, names } = subgraph().runtime;
    const event = {
      ...envelopeFor({ type, storeId, aggregateId, aggregateVersion: version, data }, { correlationId: randomUUID(), causationId: null }),
      occurredAt,
    };
    await js.publish(names.subject(type), JSON.stringify(event), { msgID: event.id });
    return event;
  };
  /** Publishes an already published event again under a new message id (JetStream keeps both: a true redelivery). */
  const republish = async (event: EventEnvelope) => {
    const { js, names } = subgraph().runtime;
    await js.publish(names.subject(event.type), JSON.stringify(event), { msgID: randomUUID() });
  };
  const money = (amount: number, currencyCode: string) => ({ amount, currencyCode });

  return {
    publish,
    republish,
    storeCreated: (storeId: string, timezone: string, currency: string) =>
      publish('stores.created', storeId, storeId, { storeId, name: 'Shop', slug: 'shop', currency, locale: 'en', timezone, status: 'ACTIVE' }),
    orderCreated: (
      storeId: string,
      orderId: string,
      order: { email: string; currencyCode: string; lines: TestLine[]; shipping: number; tax: number; orderDiscount?: number },
      occurredAt: string,
    ) => {
      const { currencyCode } = order;
      const subtotal = order.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
      const lineDiscounts = order.lines.reduce((sum, line) => sum + (line.discount ?? 0), 0);
      const discountTotal = lineDiscounts + (order.orderDiscount ?? 0);
      return publish(
        'orders.created',
        storeId,
        orderId,
        {
          orderId,
          orderNumber: '#1001',
          customerId: null,
          email: order.email,
          currencyCode,
          subtotal: money(subtotal, currencyCode),
          discountTotal: money(discountTotal, currencyCode),
          shippingTotal: money(order.shipping, currencyCode),
          taxTotal: money(order.tax, currencyCode),
          total: money(subtotal - discountTotal + order.shipping + order.tax, currencyCode),
          lines: order.lines.map((line) => ({
            productId: line.productId,
            variantId: line.variantId,
            title: line.title,
            variantTitle: 'Default',
            sku: null,
            quantity: line.quantity,
            unitPrice: money(line.unitPrice, currencyCode),
            discountTotal: money(line.discount ?? 0, currencyCode),
            taxTotal: money(0, currencyCode),
            total: money(line.unitPrice * line.quantity - (line.discount ?? 0), currencyCode),
          })),
        },
        occurredAt,
      );
    },
    paid: (type: 'payments.succeeded' | 'payments.captured', storeId: string, orderId: string, amount: number, currencyCode: string, occurredAt: string) =>
      publish(type, storeId, orderId, { paymentId: randomUUID(), orderId, amount: money(amount, currencyCode), email: 'x@example.com' }, occurredAt),
    refunded: (storeId: string, orderId: string, email: string, amount: number, currencyCode: string, occurredAt: string) =>
      publish(
        'payments.refunded',
        storeId,
        orderId,
        { paymentId: randomUUID(), orderId, email, amount: money(amount, currencyCode), refundId: randomUUID() },
        occurredAt,
      ),
    cartCreated: (storeId: string, occurredAt: string) => {
      const cartId = randomUUID();
      return publish('cart.created', storeId, cartId, { cartId, customerId: null, currencyCode: null, buyNow: false }, occurredAt);
    },
    checkoutCompleted: (storeId: string, occurredAt: string) => {
      const cartId = randomUUID();
      return publish('cart.checkout-completed', storeId, cartId, { orderId: randomUUID(), cartId }, occurredAt);
    },
    productPrices: (storeId: string, productId: string, version: number, variants: { variantId: string; price: number; currencyCode: string }[]) =>
      publish(
        'catalog.product-updated',
        storeId,
        productId,
        {
          productId,
          title: 'Kettle',
          variants: variants.map((variant) => ({ variantId: variant.variantId, price: money(variant.price, variant.currencyCode) })),
        },
        new Date().toISOString(),
        version,
      ),
    stockChanged: (storeId: string, productId: string, variantId: string, onHand: number, version: number) =>
      publish(
        'inventory.stock-changed',
        storeId,
        productId,
        { productId, variantId, variant: { onHand, reserved: 0, available: onHand } },
        new Date().toISOString(),
        version,
      ),
  };
}
