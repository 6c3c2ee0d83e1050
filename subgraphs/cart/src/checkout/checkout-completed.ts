import { managesStore, type SelectedOptionValue, type SubgraphContext } from '@ultramarket/kit';
import type { CartAddress } from '../cart-address/cart-address.type';
import type { PricedCart } from '../cart/priced-cart';
import type { CheckoutFacts } from './checkout-facts';
import { contactPhone } from './checkout-checks';

/** What cart publishes about checkout (schema/events.md). */
export const CheckoutEvents = {
  completed: 'cart.checkout-completed',
} as const;

/** What orders consumes about its replies to a checkout (schema/events.md). */
export const OrderReplyEvents = {
  created: 'orders.created',
  refused: 'orders.checkout-refused',
  cancelled: 'orders.cancelled',
} as const;

interface DiscountData {
  promotionId: string;
  code: string | null;
  title: string;
  amount: number;
}

/**
 * `cart.checkout-completed` data: the order to record, exactly as the engine priced it (integers, minor units of
 * `currencyCode`), the shopper and their addresses in orders' ShippingAddress shape. The contract is in
 * docs/cart.md ("Checkout") and schema/events.md.
 */
export function checkoutCompletedData(
  context: SubgraphContext,
  facts: CheckoutFacts & { priced: PricedCart },
  request: { orderId: string; idempotencyKey: string },
) {
  const { cart, priced } = facts;
  const { engine } = priced;
  const customerId = context.caller.userId;
  const titles = new Map(engine.appliedPromotions.map((promotion) => [promotion.promotionId, promotion.title]));
  const factsById = new Map(facts.lines.map((line) => [line.id, line]));
  const discountOf = (allocation: { promotionId: string; code: string | null; amount: number }): DiscountData => ({
    promotionId: allocation.promotionId,
    code: allocation.code,
    title: titles.get(allocation.promotionId) ?? '',
    amount: allocation.amount,
  });
  return {
    orderId: request.orderId,
    cartId: cart.id,
    idempotencyKey: request.idempotencyKey,
    customerId,
    // guests' open orders are counted per client address
    clientAddress: customerId === null ? context.origin.ipAddress : null,
    staffPlaced: managesStore(context.caller, cart.storeId),
    email: (cart.email ?? '').toLowerCase(),
    note: cart.note,
    shippingAddress: cart.shippingAddress && { ...orderAddressOf(cart.shippingAddress), phone: contactPhone(cart) },
    billingAddress: cart.billingAddress && { ...orderAddressOf(cart.billingAddress), company: cart.billingAddress.company },
    currencyCode: priced.currencyCode,
    pricesIncludeTax: priced.pricesIncludeTax,
    lines: engine.lines.map((line) => {
      const fact = factsById.get(line.lineId)!;
      return {
        productId: fact.productId!,
        variantId: fact.variantId,
        title: fact.productTitle ?? '',
        variantTitle: fact.variantTitle ?? '',
        sku: fact.sku,
        selectedOptions: fact.selectedOptions as SelectedOptionValue[],
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        subtotal: line.subtotal,
        discountTotal: line.discountTotal,
        taxTotal: line.taxTotal,
        total: line.total,
        discounts: line.discounts.map(discountOf),
      };
    }),
    subtotal: engine.subtotal,
    discountTotal: engine.discountTotal,
    shippingTotal: engine.shippingTotal,
    taxTotal: engine.taxTotal,
    total: engine.total,
    taxLines: engine.taxLines.map((line) => ({ title: line.title, rateBasisPoints: line.rateBasisPoints, amount: line.amount })),
    // the rate's price before shipping promotions (shippingTotal is after them)
    shippingLine: priced.selectedShippingRate && {
      rateId: priced.selectedShippingRate.rateId,
      title: priced.selectedShippingRate.title,
      amount: priced.selectedShippingRate.amount.amount,
    },
    discounts: engine.appliedPromotions.map((applied) => ({
      promotionId: applied.promotionId,
      code: applied.code,
      title: applied.title,
      amount: applied.amount,
    })),
  };
}

export type CheckoutCompletedData = ReturnType<typeof checkoutCompletedData>;

/** A cart address in orders' ShippingAddress shape: one name, the province code as `province`. */
function orderAddressOf(address: CartAddress) {
  return {
    name: [address.firstName, address.lastName].filter(Boolean).join(' '),
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    province: address.provinceCode,
    postalCode: address.postalCode,
    countryCode: address.countryCode,
    phone: address.phone,
  };
}
