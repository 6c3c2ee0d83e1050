import { isUuid, PermanentEventError, type EventEnvelope } from '@ultramarket/kit';

/** One line of an order as analytics books it. */
export interface LineFigures {
  productId: string;
  variantId: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** unit price × quantity, before discounts, in minor units. */
  gross: number;
  /** unit price × quantity − the line's discounts, in minor units. */
  revenue: number;
}

/** What an order adds to the sales rollups once it is paid (docs/analytics.md "Sales"). */
export interface OrderFigures {
  currencyCode: string;
  /** Who bought: the order's email in lower case, else the shopper's user id, else the order itself. */
  customerKey: string;
  /** Σ unit price × quantity over the lines, before any discount. */
  gross: number;
  discounts: number;
  shipping: number;
  taxes: number;
  total: number;
  units: number;
  lines: LineFigures[];
}

const amountOf = (value: unknown): number => {
  const amount = (value as { amount?: unknown } | null | undefined)?.amount;
  return typeof amount === 'number' && Number.isSafeInteger(amount) ? amount : 0;
};

/** The figures of an `orders.created` event (schema/events.md); an event that carries no currency or lines is refused. */
export function orderFiguresOf(event: EventEnvelope): OrderFigures {
  const data = event.data as Record<string, unknown>;
  const currencyCode = data.currencyCode;
  if (typeof currencyCode !== 'string' || !/^[A-Z]{3}$/.test(currencyCode)) throw new PermanentEventError(`${event.type} ${event.id} has no currency`);
  if (!Array.isArray(data.lines)) throw new PermanentEventError(`${event.type} ${event.id} has no lines`);
  const lines: LineFigures[] = (data.lines as Record<string, unknown>[]).map((line) => {
    const quantity = typeof line.quantity === 'number' && Number.isSafeInteger(line.quantity) ? line.quantity : 0;
    const productId = isUuid(line.productId) ? line.productId : null;
    if (!productId) throw new PermanentEventError(`${event.type} ${event.id} has a line without a product`);
    return {
      productId,
      // a line of an order placed before variants is its product's default variant (variant id = product id)
      variantId: isUuid(line.variantId) ? line.variantId : productId,
      title: typeof line.title === 'string' ? line.title.slice(0, 500) : '',
      variantTitle: typeof line.variantTitle === 'string' ? line.variantTitle.slice(0, 500) : null,
      sku: typeof line.sku === 'string' ? line.sku.slice(0, 255) : null,
      quantity,
      gross: amountOf(line.unitPrice) * quantity,
      revenue: amountOf(line.unitPrice) * quantity - amountOf(line.discountTotal),
    };
  });
  const email = typeof data.email === 'string' && data.email.trim() !== '' ? data.email.trim().toLowerCase() : null;
  return {
    currencyCode,
    customerKey: (email ?? (isUuid(data.customerId) ? `user:${data.customerId}` : `order:${event.aggregateId}`)).slice(0, 320),
    gross: lines.reduce((sum, line) => sum + line.gross, 0),
    discounts: amountOf(data.discountTotal),
    shipping: amountOf(data.shippingTotal),
    taxes: amountOf(data.taxTotal),
    total: amountOf(data.total),
    units: lines.reduce((sum, line) => sum + line.quantity, 0),
    lines,
  };
}

/** The customer key of a payment event's email, as `orderFiguresOf` makes it. */
export function customerKeyOfEmail(email: unknown): string | null {
  return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase().slice(0, 320) : null;
}
