import { isUuid, PermanentEventError, type EventEnvelope, type SelectedOptionValue } from '@ultramarket/kit';

/** A discount the engine applied (to the order or to a line), as cart's snapshot carries it. */
export interface CheckoutDiscount {
  promotionId: string | null;
  code: string | null;
  title: string;
  amount: number;
}

/** One line of the checkout, priced by cart's engine. */
export interface CheckoutLine {
  productId: string;
  variantId: string;
  title: string;
  variantTitle: string;
  sku: string | null;
  selectedOptions: SelectedOptionValue[];
  quantity: number;
  unitPrice: number;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  discounts: CheckoutDiscount[];
}

export interface CheckoutShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  province: string | null;
  postalCode: string | null;
  countryCode: string;
  phone: string | null;
}

export interface CheckoutBillingAddress extends CheckoutShippingAddress {
  company: string | null;
}

export interface CheckoutTaxLine {
  title: string;
  rateBasisPoints: number;
  amount: number;
}

export interface CheckoutShippingLine {
  rateId: string | null;
  title: string;
  amount: number;
}

/** `cart.checkout-completed` data: the order to record, priced by cart (schema/events.md). Amounts are minor units. */
export interface CheckoutCompleted {
  orderId: string;
  cartId: string;
  idempotencyKey: string;
  customerId: string | null;
  clientAddress: string | null;
  staffPlaced: boolean;
  email: string;
  note: string | null;
  shippingAddress: CheckoutShippingAddress | null;
  billingAddress: CheckoutBillingAddress | null;
  currencyCode: string;
  pricesIncludeTax: boolean;
  lines: CheckoutLine[];
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  taxTotal: number;
  total: number;
  taxLines: CheckoutTaxLine[];
  shippingLine: CheckoutShippingLine | null;
  discounts: CheckoutDiscount[];
}

const isAmount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const isOptionalText = (value: unknown, max: number) => value === null || value === undefined || (typeof value === 'string' && value.length <= max);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Cart's address: a name (first and last, which cart may leave blank), street and city; the postal code may be absent (not every country has one). */
function addressProblems(value: unknown, what: string): string[] {
  if (value === null || value === undefined) return [];
  if (!isRecord(value)) return [`${what} is not an address`];
  const required = ['line1', 'city'].filter((key) => !isText(value[key], 200));
  if (typeof value.name !== 'string' || value.name.length > 201) required.push('name');
  if (!/^[A-Z]{2}$/.test(String(value.countryCode))) required.push('countryCode');
  const optional = ['line2', 'province', 'postalCode', 'phone', 'company'].filter((key) => !isOptionalText(value[key], 200));
  return [...required, ...optional].map((key) => `${what}.${key}`);
}

const discountProblems = (value: unknown, what: string): string[] =>
  Array.isArray(value) && value.every((discount) => isRecord(discount) && isText(discount.title, 1000) && isAmount(discount.amount)) ? [] : [what];

/**
 * The snapshot of a `cart.checkout-completed` event, checked field by field. Cart is the only
 * producer, so a snapshot that fails is a bug there, not a shopper's mistake: it is parked on the
 * dead-letter subject (PermanentEventError) naming every bad field, and nothing is written.
 */
export function checkoutOf(event: EventEnvelope): CheckoutCompleted {
  const data = event.data as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['orderId', 'cartId']) if (!isUuid(data[key])) problems.push(key);
  if (data.customerId !== null && !isUuid(data.customerId)) problems.push('customerId');
  if (!isText(data.idempotencyKey, 100)) problems.push('idempotencyKey');
  if (!isText(data.email, 320)) problems.push('email');
  if (!isOptionalText(data.note, 5000)) problems.push('note');
  if (!isOptionalText(data.clientAddress, 64)) problems.push('clientAddress');
  if (typeof data.staffPlaced !== 'boolean') problems.push('staffPlaced');
  if (typeof data.pricesIncludeTax !== 'boolean') problems.push('pricesIncludeTax');
  if (!/^[A-Z]{3}$/.test(String(data.currencyCode))) problems.push('currencyCode');
  for (const key of ['subtotal', 'discountTotal', 'shippingTotal', 'taxTotal', 'total']) if (!isAmount(data[key])) problems.push(key);
  problems.push(...addressProblems(data.shippingAddress, 'shippingAddress'), ...addressProblems(data.billingAddress, 'billingAddress'));
  problems.push(...discountProblems(data.discounts, 'discounts'));
  if (
    !Array.isArray(data.taxLines) ||
    !data.taxLines.every((line) => isRecord(line) && isText(line.title, 1000) && isAmount(line.rateBasisPoints) && isAmount(line.amount))
  )
    problems.push('taxLines');
  if (data.shippingLine !== null && !(isRecord(data.shippingLine) && isText(data.shippingLine.title, 1000) && isAmount(data.shippingLine.amount)))
    problems.push('shippingLine');
  if (!Array.isArray(data.lines) || data.lines.length === 0 || data.lines.length > 250) problems.push('lines');
  else
    data.lines.forEach((line: unknown, index) => {
      const what = `lines.${index}`;
      if (!isRecord(line)) return problems.push(what);
      for (const key of ['productId', 'variantId']) if (!isUuid(line[key])) problems.push(`${what}.${key}`);
      for (const key of ['title', 'variantTitle']) if (!isText(line[key], 255)) problems.push(`${what}.${key}`);
      if (!isOptionalText(line.sku, 255)) problems.push(`${what}.sku`);
      if (!Array.isArray(line.selectedOptions)) problems.push(`${what}.selectedOptions`);
      if (!Number.isSafeInteger(line.quantity) || (line.quantity as number) < 1) problems.push(`${what}.quantity`);
      for (const key of ['unitPrice', 'subtotal', 'discountTotal', 'taxTotal', 'total']) if (!isAmount(line[key])) problems.push(`${what}.${key}`);
      problems.push(...discountProblems(line.discounts, `${what}.discounts`));
    });
  if (problems.length > 0) throw new PermanentEventError(`${event.type} ${event.id} is not a valid checkout: ${problems.join(', ')}`);
  return {
    ...(data as unknown as CheckoutCompleted),
    email: (data.email as string).toLowerCase(),
    note: (data.note as string | null | undefined) ?? null,
    clientAddress: (data.clientAddress as string | null | undefined) ?? null,
    shippingAddress: (data.shippingAddress as CheckoutShippingAddress | null | undefined) ?? null,
    billingAddress: (data.billingAddress as CheckoutBillingAddress | null | undefined) ?? null,
  };
}
