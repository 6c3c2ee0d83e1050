import { UserError } from '@ultramarket/kit';
import { lineShare } from '../order/line-share';
import type { Order } from '../order/order.entity';
import type { OrderLineItem } from '../order/order-line-item.entity';

/** One line of a refund as asked for (`index` is its place in the input, for error paths). */
export interface RefundLineRequest {
  lineItemId: string;
  quantity: number;
  restock: boolean;
  locationId: string | null;
}

/** What a refund asks for: lines, shipping (all that is left, or an amount) and/or an explicit amount. */
export interface RefundRequest {
  lines: RefundLineRequest[];
  shipping: { full: boolean; amount: number | null } | null;
  /** Replaces the computed amount (a goodwill refund, or less than the lines' share). */
  amount: number | null;
}

/** What is already given back (or on its way) on the order: units per line, shipping, money. */
export interface RefundedSoFar {
  quantityByLine: Map<string, number>;
  shippingAmount: number;
  amount: number;
}

export interface ComputedRefundLine extends RefundLineRequest {
  amount: number;
}

export interface ComputedRefund {
  lines: ComputedRefundLine[];
  shippingAmount: number;
  amount: number;
}

/**
 * Money taken for the order (`captured_amount`): its total once paid by a sale or marked paid, else what the captures
 * of its authorization took so far (nothing while only AUTHORIZED). Refunds are bounded by it.
 */
export function capturedAmount(order: Order): number {
  return order.capturedAmount;
}

/**
 * The refund a request comes to, or the userErrors that refuse it (nothing is written then): lines must be
 * the order's and not refunded beyond what was bought, shipping not beyond what was charged, the amount
 * positive and within `refundable` (captured − refunded − pending, read under the order lock).
 */
export function computeRefund(
  order: Order,
  orderLines: OrderLineItem[],
  request: RefundRequest,
  soFar: RefundedSoFar,
  refundable: number,
): ComputedRefund | UserError[] {
  const errors: UserError[] = [];
  const byId = new Map(orderLines.map((line) => [line.id, line]));
  const asked = new Map<string, number>();
  const lines: ComputedRefundLine[] = [];
  request.lines.forEach((requested, index) => {
    const line = byId.get(requested.lineItemId);
    const field = ['input', 'lines', String(index)];
    if (!line) {
      errors.push(UserError.of('LINE_NOT_IN_ORDER', 'The order has no such line', [...field, 'lineItemId']));
      return;
    }
    const before = (soFar.quantityByLine.get(line.id) ?? 0) + (asked.get(line.id) ?? 0);
    const left = line.quantity - before;
    if (requested.quantity > left) {
      errors.push(UserError.of('REFUND_QUANTITY_EXCEEDED', `Only ${left} of ${line.quantity} units of this line are left to refund`, [...field, 'quantity']));
      return;
    }
    asked.set(line.id, (asked.get(line.id) ?? 0) + requested.quantity);
    lines.push({ ...requested, amount: Number(lineShare(order, line, before, requested.quantity)) });
  });
  const shippingLeft = order.shippingAmount - soFar.shippingAmount;
  let shippingAmount = 0;
  if (request.shipping?.full) shippingAmount = shippingLeft;
  else if (request.shipping?.amount != null) {
    shippingAmount = request.shipping.amount;
    if (shippingAmount > shippingLeft) {
      errors.push(UserError.of('REFUND_EXCEEDS_REFUNDABLE', `Only ${shippingLeft} of the shipping is left to refund`, ['input', 'shipping', 'amount']));
    }
  }
  if (errors.length > 0) return errors;
  const amount = request.amount ?? lines.reduce((sum, line) => sum + line.amount, shippingAmount);
  if (amount <= 0) return [UserError.of('NOTHING_TO_REFUND', 'The refund comes to nothing: name lines, shipping or an amount', ['input'])];
  if (amount > refundable) {
    return [
      UserError.of('REFUND_EXCEEDS_REFUNDABLE', `At most ${refundable} is left to refund on this order`, [
        'input',
        request.amount === null ? 'lines' : 'amount',
      ]),
    ];
  }
  return { lines, shippingAmount, amount };
}
