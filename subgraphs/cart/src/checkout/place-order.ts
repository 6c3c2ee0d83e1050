import type { EntityManager } from 'typeorm';
import { badUserInput, managesStore, readCheckoutSettings, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { CartConfig } from '../cart-config';
import type { CartAddress } from '../cart-address/cart-address.type';
import { Cart } from '../cart/cart.entity';
import { CartStatus } from '../cart/cart-status';
import { hashCartToken, newCartToken } from '../cart/cart-token';
import { expiresAtOf, writeQuantities } from '../cart/cart-writes';
import { emitCartCreated } from '../cart/cart-created.events';
import { CheckoutErrors } from './checkout-errors';
import { readCheckoutFacts } from './checkout-facts';
import { CheckoutRefused, completeLockedCart } from './complete-cart';
import { OrderReference } from './order-reference.type';
import type { OrderItemInput, PlaceOrderInput, ShippingAddressInput } from './place-order.inputs';
import { PlaceOrderPayload } from './checkout.payloads';
import { runCheckout } from './run-checkout';

interface VariantRow {
  variant_id: string;
  product_id: string;
  currency_code: string;
  variant_title: string;
  listed: boolean;
  on_sale: boolean;
}

/** Every variant the items name, and every listed variant of the products they name, from cart's catalog view, in one read. */
const VARIANTS_OF_ITEMS = `
  SELECT variant.variant_id, variant.product_id, variant.currency_code, variant.title AS variant_title, variant.listed,
         product.status = 'ACTIVE' AND (product.published_at IS NULL OR product.published_at <= now()) AS on_sale
    FROM catalog_variant variant
    JOIN catalog_product product ON product.product_id = variant.product_id AND product.store_id = variant.store_id
   WHERE variant.store_id = $1 AND (variant.variant_id = ANY($2::uuid[]) OR (variant.product_id = ANY($3::uuid[]) AND variant.listed))`;

/** BAD_USER_INPUT unless every item names exactly one of `variantId` and `productId` (checked before anything is read). */
function checkItemTargets(items: OrderItemInput[]): void {
  const fields = items.flatMap((item, index) =>
    (item.variantId == null) === (item.productId == null)
      ? [{ field: ['input', 'items', String(index)], message: 'give exactly one of variantId and productId' }]
      : [],
  );
  if (fields.length > 0) throw badUserInput('Each item names a variant (variantId) or a product with one variant (productId), not both', fields);
}

/**
 * placeOrder's items as a buy-now cart's quantities: each item resolved to a variant on sale (a productId to its
 * product's only listed variant), lines of one variant added together. Refused as before the move:
 * PRODUCT_NOT_AVAILABLE, VARIANT_REQUIRED, CURRENCY_MISMATCH, QUANTITY_TOO_LARGE.
 */
async function itemQuantities(manager: EntityManager, config: CartConfig, storeId: string, items: OrderItemInput[]) {
  const variantIds = [...new Set(items.flatMap((item) => (item.variantId ? [item.variantId] : [])))];
  const productIds = [...new Set(items.flatMap((item) => (item.productId ? [item.productId] : [])))];
  const rows: VariantRow[] = await manager.query(VARIANTS_OF_ITEMS, [storeId, variantIds, productIds]);
  const byVariant = new Map(rows.map((row) => [row.variant_id, row]));
  const listedByProduct = new Map<string, VariantRow[]>();
  for (const row of rows.filter((candidate) => candidate.listed)) listedByProduct.set(row.product_id, [...(listedByProduct.get(row.product_id) ?? []), row]);

  const errors: UserError[] = [];
  const resolved = items.map((item, index): VariantRow | null => {
    const path = ['input', 'items', String(index)];
    if (item.variantId) {
      const row = byVariant.get(item.variantId);
      if (row?.listed && row.on_sale) return row;
      errors.push(UserError.of('PRODUCT_NOT_AVAILABLE', `Variant ${item.variantId} is not on sale here`, [...path, 'variantId']));
      return null;
    }
    const listed = listedByProduct.get(item.productId!) ?? [];
    if (listed.length === 0 || !listed[0].on_sale) {
      errors.push(UserError.of('PRODUCT_NOT_AVAILABLE', `Product ${item.productId} is not on sale here`, [...path, 'productId']));
      return null;
    }
    if (listed.length > 1) {
      errors.push(
        UserError.of('VARIANT_REQUIRED', `Product ${item.productId} has ${listed.length} variants: name the one to buy by variantId`, [...path, 'productId']),
      );
      return null;
    }
    return listed[0];
  });
  if (errors.length > 0) throw new CheckoutRefused(errors);
  const sellable = resolved as VariantRow[];
  if (new Set(sellable.map((row) => row.currency_code)).size > 1) {
    throw new CheckoutRefused([UserError.of('CURRENCY_MISMATCH', 'All products of an order must be priced in one currency', ['input', 'items'])]);
  }
  const quantities = new Map<string, number>();
  sellable.forEach((row, index) => quantities.set(row.variant_id, (quantities.get(row.variant_id) ?? 0) + items[index].quantity));
  for (const row of sellable) {
    if (quantities.get(row.variant_id)! > config.maxLineQuantity) {
      const what = row.variant_title === 'Default' ? `product ${row.product_id}` : `variant ${row.variant_id}`;
      throw new CheckoutRefused([UserError.of('QUANTITY_TOO_LARGE', `At most ${config.maxLineQuantity} units of ${what} per order`, ['input', 'items'])]);
    }
  }
  return { quantities, currencyCode: sellable[0].currency_code };
}

/** placeOrder's address as a cart address: the name whole as the first name; a province given as a code (CA, NY) is what tax rules match. */
function cartAddressOf(address: ShippingAddressInput): CartAddress {
  const province = address.province?.trim() || null;
  return {
    firstName: address.name.trim(),
    lastName: null,
    company: null,
    line1: address.line1.trim(),
    line2: address.line2?.trim() || null,
    city: address.city.trim(),
    provinceCode: province && /^[A-Za-z0-9]{1,3}$/.test(province) ? province.toUpperCase() : province,
    postalCode: address.postalCode.trim().toUpperCase(),
    countryCode: address.countryCode,
    phone: address.phone?.trim() || null,
  };
}

/** The fields placeOrder's refusals name, as they were before the move (its input's, not a cart's). */
function asPlaceOrderError(error: UserError): UserError {
  const field: Record<string, string[]> = {
    PHONE_REQUIRED: ['input', 'shippingAddress', 'phone'],
    ORDER_TOTAL_TOO_LARGE: ['input', 'items'],
    ADDRESS_INCOMPLETE: ['input', 'shippingAddress'],
  };
  return field[error.code] ? Object.assign(new UserError(), { ...error, field: field[error.code] }) : error;
}

/**
 * A "buy now": the items become a one-off cart (BUY_NOW: never anyone's cart to read or change), priced by the
 * same engine as every cart (the store's automatic promotions, tax for the shipping address, and the cheapest
 * rate the store offers for that address and those lines — none when it offers none) and completed through the
 * same path as completeCheckout, in one unit of work: a refusal writes nothing, not even the cart. The same key
 * replays the same order for the same shopper (any guest, as before: a guest order is read by its id).
 */
export async function placeOrder(context: SubgraphContext, config: CartConfig, input: PlaceOrderInput): Promise<PlaceOrderPayload> {
  checkItemTargets(input.items);
  const { caller } = context;
  const isSameCheckout = (earlier: Cart) =>
    earlier.status === CartStatus.BUY_NOW && (managesStore(caller, earlier.storeId) || earlier.checkedOutBy === caller.userId);
  const outcome = await runCheckout(context, config, input.idempotencyKey, isSameCheckout, (tx, orderId) => buyNow(context, tx, config, input, orderId));
  if (outcome.kind === 'REFUSED') return PlaceOrderPayload.of(null, ...outcome.userErrors.map(asPlaceOrderError));
  const { reply } = outcome;
  if (reply.kind === 'REFUSED') {
    // orders' own code (RATE_LIMITED, …), relayed as it is
    return PlaceOrderPayload.of(null, Object.assign(new UserError(), { code: reply.code, message: reply.message, field: reply.field ?? undefined }));
  }
  // created, replayed, or still on its way: the gateway resolves the order from orders (null until it exists)
  return PlaceOrderPayload.of(OrderReference.of(outcome.orderId));
}

async function buyNow(context: SubgraphContext, tx: Tx, config: CartConfig, input: PlaceOrderInput, orderId: string): Promise<Cart> {
  const storeId = context.caller.storeId!;
  const userId = context.caller.userId;
  // the store's settings first, as placeOrder always answered them: before any item is looked at
  const settings = await readCheckoutSettings(tx.manager, storeId);
  if (userId === null && !settings.guestCheckoutEnabled) throw new CheckoutRefused([CheckoutErrors.guestCheckoutDisabled()]);
  if (settings.requirePhoneAtCheckout && !input.shippingAddress.phone?.trim()) {
    throw new CheckoutRefused([CheckoutErrors.phoneRequired(['input', 'shippingAddress', 'phone'])]);
  }
  const { quantities, currencyCode } = await itemQuantities(tx.manager, config, storeId, input.items);
  const address = cartAddressOf(input.shippingAddress);
  // a guest's buy-now cart gets a token no one is given: the row holds a guest cart's shape, and nobody can reach it
  const [{ id }]: { id: string }[] = await tx.manager.query(
    `INSERT INTO cart (store_id, status, user_id, token_hash, currency_code, email, phone, shipping_address, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING id`,
    [
      storeId,
      CartStatus.BUY_NOW,
      userId,
      userId ? null : hashCartToken(newCartToken()),
      currencyCode,
      input.email.trim(),
      address.phone,
      JSON.stringify(address),
      expiresAtOf({ status: CartStatus.BUY_NOW, userId }, config),
    ],
  );
  const cart = (await tx.manager.getRepository(Cart).findOneBy({ id, storeId }))!;
  await writeQuantities(tx.manager, cart, new Map(), quantities);
  await emitCartCreated(tx, cart, true);
  const cheapest = (await readCheckoutFacts(tx.manager, cart, userId)).offeredRates.reduce<{ rateId: string; amount: number } | null>(
    (best, rate) => (best === null || rate.amount < best.amount ? rate : best),
    null,
  );
  if (cheapest) await tx.manager.query(`UPDATE cart SET shipping_rate_id = $3 WHERE id = $1 AND store_id = $2`, [id, storeId, cheapest.rateId]);
  const priced = { ...cart, shippingRateId: cheapest?.rateId ?? null };
  return completeLockedCart(context, tx, config, priced, { orderId, idempotencyKey: input.idempotencyKey }, CartStatus.BUY_NOW);
}
