import type { EventEnvelope } from '@ultramarket/kit';
import { EventDataReader, type MoneyData } from './event-data';

/** The order statuses orders publishes (orders owns the enum; see /tmp/saga-contract.md). */
export enum OrderStatus {
  CREATED = 'CREATED',
  PAYMENT_PENDING = 'PAYMENT_PENDING',
  PAYMENT_SUCCESS = 'PAYMENT_SUCCESS',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  CONFIRMED = 'CONFIRMED',
  DISPATCHED = 'DISPATCHED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
}

/** What every order and payment event says about whom to tell. */
export interface Recipient {
  storeId: string;
  /** The shopper's user id; null for guests, who get email only. */
  customerId: string | null;
  email: string | null;
}

export interface OrderStatusChanged extends Recipient {
  orderId: string;
  orderNumber: string;
  to: string;
  /** Free text (a shopper's or staff member's note, or the platform's words): never put into an email or notification. */
  reason: string | null;
  /** Why a cancelled order was cancelled, as orders' code (CUSTOMER_CHANGED_MIND, OUT_OF_STOCK, …): what the customer is told. */
  reasonCode: string | null;
  total: MoneyData;
}

export interface OrderDispatched extends Recipient {
  orderId: string;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  /** The parcel's tracking page; null when the carrier has none (and for dispatches before shipments existed). */
  trackingUrl: string | null;
}

/** `shipping.tracking-updated`: where a parcel of an order now is. */
export interface ShipmentTracking extends Recipient {
  shipmentId: string;
  orderId: string;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  status: string;
  /** The staff's or carrier's words: shown in the app to the order's customer, never emailed (a guest order's address is anybody's). */
  message: string | null;
}

export interface PaymentEvent extends Recipient {
  orderId: string;
  amount: MoneyData;
}

export interface PaymentFailed extends PaymentEvent {
  errorCode: string | null;
  message: string | null;
}

/** `payments.initiated`: `method` is CARD or a manual method, whose `instructions` (the store's words) the shopper must follow. */
export interface PaymentInitiated extends PaymentEvent {
  method: string;
  instructions: string | null;
  holdReservationUntil: Date | null;
}

export interface PaymentRefunded extends PaymentEvent {
  reason: string | null;
}

/** `payments.refund-failed`: a refund of the order failed at the provider after every attempt. */
export interface RefundFailed {
  storeId: string;
  orderId: string;
  refundId: string;
  amount: MoneyData;
  message: string | null;
  attempts: number;
}

/** `orders.return-updated`: a return of the order was asked for (`previousStatus` null) or took a step. */
export interface ReturnUpdated extends Recipient {
  returnId: string;
  orderId: string;
  orderNumber: string;
  status: string;
  previousStatus: string | null;
  /** The staff's words when REJECTED: shown in the app to the order's customer, never emailed. */
  rejectReason: string | null;
}

export interface LowStock {
  storeId: string;
  productId: string;
  available: number;
  lowStockThreshold: number;
}

/** `stores.staff-invited`: an invitation by email (`email`) or to a user (`userId`); it carries no secret. */
export interface StaffInvited {
  storeId: string;
  storeName: string;
  invitationId: string;
  email: string | null;
  userId: string | null;
  role: string;
  expiresAt: Date;
}

/** `cart.abandoned`: one cart's lines and its recovery link (a live single-use token, see cart's README). */
export interface CartAbandoned {
  storeId: string;
  cartId: string;
  email: string | null;
  customerId: string | null;
  itemCount: number;
  subtotal: MoneyData;
  lines: { title: string; variantTitle: string; quantity: number }[];
  recoveryUrl: string;
  recoveryExpiresAt: Date;
}

function recipient(read: EventDataReader): Recipient {
  return { storeId: read.storeId(), customerId: read.optionalUuid('customerId'), email: read.optionalEmail('email') };
}

export function readOrderStatusChanged(event: EventEnvelope): OrderStatusChanged {
  const read = new EventDataReader(event);
  return {
    ...recipient(read),
    orderId: read.uuid('orderId'),
    orderNumber: read.string('orderNumber'),
    to: read.string('to'),
    reason: read.optionalString('reason'),
    reasonCode: read.optionalString('reasonCode'),
    total: read.money('total'),
  };
}

export function readOrderDispatched(event: EventEnvelope): OrderDispatched {
  const read = new EventDataReader(event);
  return {
    ...recipient(read),
    orderId: read.uuid('orderId'),
    orderNumber: read.string('orderNumber'),
    carrier: read.string('carrier'),
    trackingNumber: read.string('trackingNumber'),
    trackingUrl: read.optionalString('trackingUrl'),
  };
}

export function readShipmentTracking(event: EventEnvelope): ShipmentTracking {
  const read = new EventDataReader(event);
  return {
    ...recipient(read),
    shipmentId: read.uuid('shipmentId'),
    orderId: read.uuid('orderId'),
    orderNumber: read.string('orderNumber'),
    carrier: read.string('carrier'),
    trackingNumber: read.string('trackingNumber'),
    trackingUrl: read.optionalString('trackingUrl'),
    status: read.string('status'),
    message: read.optionalString('message'),
  };
}

function payment(read: EventDataReader): PaymentEvent {
  return { ...recipient(read), orderId: read.uuid('orderId'), amount: read.money('amount') };
}

export function readPaymentSucceeded(event: EventEnvelope): PaymentEvent {
  return payment(new EventDataReader(event));
}

export function readPaymentFailed(event: EventEnvelope): PaymentFailed {
  const read = new EventDataReader(event);
  return { ...payment(read), errorCode: read.optionalString('errorCode'), message: read.optionalString('message') };
}

export function readPaymentInitiated(event: EventEnvelope): PaymentInitiated {
  const read = new EventDataReader(event);
  const holdUntil = read.optionalString('holdReservationUntil');
  return {
    ...payment(read),
    // events from before manual methods carry no method: a card
    method: read.optionalString('method') ?? 'CARD',
    instructions: read.optionalString('instructions'),
    holdReservationUntil: holdUntil === null ? null : read.instant('holdReservationUntil'),
  };
}

export function readPaymentRefunded(event: EventEnvelope): PaymentRefunded {
  const read = new EventDataReader(event);
  return { ...payment(read), reason: read.optionalString('reason') };
}

export function readRefundFailed(event: EventEnvelope): RefundFailed {
  const read = new EventDataReader(event);
  return {
    storeId: read.storeId(),
    orderId: read.uuid('orderId'),
    refundId: read.uuid('refundId'),
    amount: read.money('amount'),
    message: read.optionalString('message'),
    attempts: read.int('attempts'),
  };
}

export function readReturnUpdated(event: EventEnvelope): ReturnUpdated {
  const read = new EventDataReader(event);
  return {
    ...recipient(read),
    returnId: read.uuid('returnId'),
    orderId: read.uuid('orderId'),
    orderNumber: read.string('orderNumber'),
    status: read.string('status'),
    previousStatus: read.optionalString('previousStatus'),
    rejectReason: read.optionalString('rejectReason'),
  };
}

export function readLowStock(event: EventEnvelope): LowStock {
  const read = new EventDataReader(event);
  return { storeId: read.storeId(), productId: read.uuid('productId'), available: read.int('available'), lowStockThreshold: read.int('lowStockThreshold') };
}

export function readStaffInvited(event: EventEnvelope): StaffInvited {
  const read = new EventDataReader(event);
  return {
    storeId: read.storeId(),
    storeName: read.string('storeName'),
    invitationId: read.uuid('invitationId'),
    email: read.optionalEmail('email'),
    userId: read.optionalUuid('userId'),
    role: read.string('role'),
    expiresAt: read.instant('expiresAt'),
  };
}

export function readCartAbandoned(event: EventEnvelope): CartAbandoned {
  const read = new EventDataReader(event);
  return {
    storeId: read.storeId(),
    cartId: read.uuid('cartId'),
    email: read.optionalEmail('email'),
    customerId: read.optionalUuid('customerId'),
    itemCount: read.int('itemCount'),
    subtotal: read.money('subtotal'),
    lines: read.lines('lines'),
    recoveryUrl: read.url('recoveryUrl'),
    recoveryExpiresAt: read.instant('recoveryExpiresAt'),
  };
}
