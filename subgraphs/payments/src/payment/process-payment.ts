import { In, type EntityManager } from 'typeorm';
import { acceptsCheckout, badUserInput, readCheckoutSettings, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { OrderReadModel, Payability, payabilityOf } from '../order/order-read-model.entity';
import type { OrderFeed } from '../order/order-feed';
import { awaitOrder } from '../order/await-order';
import { orderChangeKey, paymentChangeKey, type ChangeListener } from '../order/change-listener';
import type { ChargeOutcome, PaymentProvider } from '../provider/payment-provider';
import { paymentMethodSummary } from '../provider/card-number';
import { MANUAL_PROVIDER, PaymentMethodKind } from '../manual-method/manual-method-kind';
import { manualStartOf } from '../manual-payment/start-manual-payment';
import { Payment } from './payment.entity';
import { OPEN_AUTHORIZATION, PaymentStatus } from './payment-status';
import { initiatedData, PaymentEvents } from './payment.events';
import { mayPayOrder } from './payment-access';
import { PaymentUserErrors } from './payment-user-errors';
import { findSale, settlePayment } from './settle-payment';
import { PaymentTransactionStatus } from './payment-transaction-kind';
import { chargeKeyOf } from './provider-keys';
import { ProcessPaymentPayload } from './process-payment.payload';
import type { ProcessPaymentInput } from './process-payment.inputs';

/**
 * What processPayment needs besides the request: the provider, how long to wait for an order's events,
 * how far they were applied, and the database's change notifications that end those waits.
 */
export interface PaymentServices {
  provider: PaymentProvider;
  orderWaitMs: number;
  orderFeed: OrderFeed;
  changes: ChangeListener;
}

type Start =
  { kind: 'started'; payment: Payment } | { kind: 'retry'; payment: Payment } | { kind: 'replay'; payment: Payment } | { kind: 'refused'; error: UserError };

/**
 * Pays an order and answers with the outcome. Tx 1 locks the order's read-model row, refuses a
 * second payment while one is PENDING or SUCCEEDED, and records a PENDING payment
 * (payments.initiated); the provider is called outside any transaction; Tx 2 records its answer
 * (payments.succeeded / payments.failed). One order row lock serializes concurrent attempts, so
 * fifty simultaneous calls charge once.
 *
 * A payment whose provider call ended without an outcome (timeout, 429, connection lost: it stays PENDING
 * with a PENDING sale) is retried, not duplicated: calling again for that order with the same card or token,
 * under the same or a new client idempotency key, calls the provider again for THAT payment with its own
 * provider key (`chargeKeyOf`), so the provider answers the charge it already made (or makes it now, once),
 * and `settlePayment` settles the one payment.
 */
export async function processPayment(context: SubgraphContext, services: PaymentServices, input: ProcessPaymentInput): Promise<ProcessPaymentPayload> {
  // a manual method calls no provider: the store's configuration decides (Tx 1)
  const methodErrors = input.paymentMethod.manual ? [] : services.provider.checkMethod(input.paymentMethod);
  if (methodErrors.length > 0) throw badUserInput(`Invalid input: ${methodErrors.map((error) => error.message).join('; ')}`, methodErrors);
  const store = context.storeDb.whereStore();
  // a store that takes no orders takes no payments either; a platform admin's store is the order's (checked below)
  const closed = store.storeId ? await storeRefusal(context, store.storeId) : null;
  if (closed) return ProcessPaymentPayload.refused(closed);

  const found = await findOrder(context, services, store, input);
  if ('earlier' in found) return replay(context, services, found.earlier, input);
  const { order } = found;
  if (!order?.placedAt || !mayPayOrder(context.caller, order)) return ProcessPaymentPayload.refused(PaymentUserErrors.orderNotFound());
  const closedForAdmin = store.storeId ? null : await storeRefusal(context, order.storeId);
  if (closedForAdmin) return ProcessPaymentPayload.refused(closedForAdmin, order.orderId);

  const start = await context.unitOfWork.run(traceOf(context), (tx) => startPayment(tx, services.provider, order, input));
  if (start.kind === 'refused') return ProcessPaymentPayload.refused(start.error, order.orderId);
  if (start.kind === 'replay') return replay(context, services, start.payment, input);
  // a manual payment waits for the money (PENDING, no provider call) until staff mark it paid
  if (start.payment.provider === MANUAL_PROVIDER) return answer(context, start.payment);
  if (start.kind === 'retry')
    context.logger.info({ paymentId: start.payment.id }, 'retrying the provider call of a payment whose outcome is unknown, with its own key');

  const outcome = await charge(context, services.provider, start.payment, input);
  const settled = await context.unitOfWork.run(traceOf(context), (tx) => settlePayment(tx, start.payment.id, start.payment.storeId, outcome));
  return answer(context, settled ?? start.payment);
}

/**
 * An earlier attempt with the same key (to replay), else the order as the read model has it once it is
 * payable or never will be (`awaitOrder`). The watch on the order opens before the first read, which
 * looks up the key and the order together.
 */
async function findOrder(
  context: SubgraphContext,
  services: PaymentServices,
  store: { storeId?: string },
  input: ProcessPaymentInput,
): Promise<{ earlier: Payment } | { order: OrderReadModel | null }> {
  const watch = services.changes.watch(orderChangeKey(input.orderId));
  try {
    const first = await context.storeDb.read(async (manager) => {
      const earlier = await manager.getRepository(Payment).findOneBy({ orderId: input.orderId, idempotencyKey: input.idempotencyKey, ...store });
      return {
        earlier,
        retriable: earlier !== null && (await awaitsRetry(manager, earlier)),
        order: await manager.getRepository(OrderReadModel).findOneBy({ orderId: input.orderId, ...store }),
      };
    });
    // a repeated request is answered as it was, unless its provider call ended without an outcome: then it retries it (Tx 1)
    if (first.earlier && !first.retriable) return { earlier: first.earlier };
    return { order: await awaitOrder(context, store, input.orderId, services.orderWaitMs, services.orderFeed, watch, first.order) };
  } finally {
    watch.close();
  }
}

/** STORE_UNAVAILABLE unless the store takes orders (ACTIVE). */
async function storeRefusal(context: SubgraphContext, storeId: string): Promise<UserError | null> {
  const status = await context.storeStatuses.of(storeId);
  return acceptsCheckout(status) ? null : PaymentUserErrors.storeUnavailable(status);
}

/** Tx 1: under the order's row lock, either a new PENDING payment or the reason there is none. */
async function startPayment(tx: Tx, provider: PaymentProvider, found: OrderReadModel, input: ProcessPaymentInput): Promise<Start> {
  const { orderId, storeId } = found;
  const order = await tx.manager.getRepository(OrderReadModel).findOne({ where: { orderId, storeId }, lock: { mode: 'pessimistic_write' } });
  if (!order || order.totalAmount === null || order.currencyCode === null) return { kind: 'refused', error: PaymentUserErrors.orderNotFound() };

  const payments = tx.manager.getRepository(Payment);
  // in one read: a payment a concurrent request with the same key made (it got the lock first), and one PENDING or SUCCEEDED
  const earlier = await payments.find({
    where: [
      { orderId, storeId, idempotencyKey: input.idempotencyKey },
      { orderId, storeId, status: In(ACTIVE) },
    ],
  });
  const sameKey = earlier.find((payment) => payment.idempotencyKey === input.idempotencyKey);
  const active = earlier.find((payment) => ACTIVE.includes(payment.status));
  // the one payment a call may retry: PENDING, its provider call over without an outcome, and the same card or token
  const retriable =
    active !== undefined && active.paymentMethod === paymentMethodSummary(input.paymentMethod) && (await awaitsRetry(tx.manager, active)) ? active : null;
  if (sameKey && sameKey.id !== retriable?.id) return { kind: 'replay', payment: sameKey };
  if (active && !retriable) return { kind: 'refused', error: refusalWhileActive(active) };
  const payability = payabilityOf(order);
  if (payability !== Payability.PAYABLE) return { kind: 'refused', error: PaymentUserErrors.orderNotPayable(whyNotPayable(order, payability)) };
  if (retriable) return { kind: 'retry', payment: retriable };
  const manual = input.paymentMethod.manual ? await manualStartOf(tx, order.storeId, input.paymentMethod.manual) : null;
  if (manual instanceof UserError) return { kind: 'refused', error: manual };

  // a MANUAL-capture store authorizes a card now and captures as the order ships (the kit's replica of its settings);
  // money paid by a manual method arrives whole, so staff's mark as paid settles it as a sale in either mode
  const { paymentCaptureMode } = await readCheckoutSettings(tx.manager, order.storeId);
  const payment = await payments.save(
    payments.create({
      captureMode: manual ? 'AUTOMATIC' : paymentCaptureMode,
      storeId: order.storeId,
      orderId,
      customerId: order.customerId,
      email: order.email,
      amountMinorUnits: order.totalAmount,
      currencyCode: order.currencyCode,
      status: PaymentStatus.PENDING,
      provider: manual ? MANUAL_PROVIDER : provider.name,
      idempotencyKey: input.idempotencyKey,
      paymentMethod: paymentMethodSummary(input.paymentMethod),
      method: manual ? (manual.method.kind as string as PaymentMethodKind) : PaymentMethodKind.CARD,
      instructions: manual ? manual.method.instructions : null,
    }),
  );
  await tx.emit({
    type: PaymentEvents.initiated,
    storeId: payment.storeId,
    aggregateId: orderId,
    data: initiatedData(payment, manual?.holdReservationUntil ?? null),
  });
  return { kind: 'started', payment };
}

/** The statuses that leave no room for a new payment of the order (the partial unique index stands behind this). */
const ACTIVE = [PaymentStatus.PENDING, PaymentStatus.SUCCEEDED, PaymentStatus.NEEDS_REVIEW, ...OPEN_AUTHORIZATION];

function refusalWhileActive(active: Payment): UserError {
  if (active.status === PaymentStatus.SUCCEEDED || OPEN_AUTHORIZATION.includes(active.status)) return PaymentUserErrors.alreadyPaid();
  if (active.status === PaymentStatus.NEEDS_REVIEW) return PaymentUserErrors.underReview();
  return PaymentUserErrors.inProgress();
}

/**
 * Whether a payment's provider call is over without an outcome (a PENDING sale was recorded: timeout, 429,
 * lost connection), so calling the provider again with its key is the way to learn or make the one charge.
 * A PENDING payment without a sale is still in its first call.
 */
async function awaitsRetry(manager: EntityManager, payment: Payment): Promise<boolean> {
  if (payment.status !== PaymentStatus.PENDING) return false;
  const sale = await findSale({ manager }, payment.id, payment.storeId);
  return sale?.status === PaymentTransactionStatus.PENDING;
}

function whyNotPayable(order: OrderReadModel, payability: Payability): string {
  if (payability === Payability.CLOSED) return order.closedReason ?? 'it is closed';
  if (payability === Payability.EXPIRED) return 'its stock reservation expired';
  return 'its stock is not reserved';
}

/**
 * The provider call, outside any transaction: a sale, or an authorization for a payment of a MANUAL-capture
 * store. An unexpected failure leaves the outcome unknown, never "failed".
 */
async function charge(context: SubgraphContext, provider: PaymentProvider, payment: Payment, input: ProcessPaymentInput): Promise<ChargeOutcome> {
  const call = payment.captureMode === 'MANUAL' ? provider.authorize.bind(provider) : provider.charge.bind(provider);
  try {
    return await call({
      paymentId: payment.id,
      orderId: payment.orderId,
      amount: payment.amount,
      method: input.paymentMethod,
      // one key per payment: a retry of this call charges once, a new attempt (new payment) is a new charge
      idempotencyKey: chargeKeyOf(payment.id),
    });
  } catch (error) {
    context.logger.error({ err: error, paymentId: payment.id }, 'payment provider call failed; the payment stays PENDING until the provider reports');
    return { status: 'pending', providerReference: null, message: 'The payment provider did not answer; the outcome will follow' };
  }
}

/** A repeated request: the same payment, waiting (bounded, woken by its settlement's notification) for it to settle if it is still in flight. */
async function replay(context: SubgraphContext, services: PaymentServices, payment: Payment, input: ProcessPaymentInput): Promise<ProcessPaymentPayload> {
  if (!mayPayOrder(context.caller, payment)) return ProcessPaymentPayload.refused(PaymentUserErrors.orderNotFound());
  if (payment.paymentMethod !== paymentMethodSummary(input.paymentMethod)) return ProcessPaymentPayload.refused(PaymentUserErrors.keyReused(), payment.orderId);
  // a manual payment is settled by staff, not by a provider call in flight: nothing to wait for
  if (payment.status !== PaymentStatus.PENDING || payment.provider === MANUAL_PROVIDER) return answer(context, payment);
  const deadline = Date.now() + services.orderWaitMs;
  const read = async (last: Payment) =>
    (await context.storeDb.read((manager) => manager.getRepository(Payment).findOneBy({ id: payment.id, storeId: payment.storeId }))) ?? last;
  // watching before reading again: a settlement committed after this read is announced to the watch
  const watch = services.changes.watch(paymentChangeKey(payment.id));
  try {
    let current = await read(payment);
    while (current.status === PaymentStatus.PENDING && Date.now() < deadline) {
      await watch.next(deadline - Date.now());
      current = await read(current);
    }
    return answer(context, current);
  } finally {
    watch.close();
  }
}

async function answer(context: SubgraphContext, payment: Payment): Promise<ProcessPaymentPayload> {
  const done = [PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED, PaymentStatus.VOIDED, ...OPEN_AUTHORIZATION];
  if (done.includes(payment.status)) return ProcessPaymentPayload.of(payment);
  if (payment.provider === MANUAL_PROVIDER) {
    // PENDING is what a manual payment is until staff mark it paid: no error; FAILED: the order closed before the money came
    if (payment.status === PaymentStatus.PENDING) return ProcessPaymentPayload.of(payment);
    return ProcessPaymentPayload.of(payment, PaymentUserErrors.orderNotPayable('it was closed before the manual payment was received'));
  }
  const sale = await context.storeDb.read((manager) => findSale({ manager }, payment.id, payment.storeId));
  if (payment.status === PaymentStatus.NEEDS_REVIEW) return ProcessPaymentPayload.of(payment, PaymentUserErrors.underReview());
  if (payment.status === PaymentStatus.FAILED)
    return ProcessPaymentPayload.of(payment, PaymentUserErrors.declined(sale?.errorCode ?? null, sale?.errorMessage ?? null));
  return ProcessPaymentPayload.of(
    payment,
    PaymentUserErrors.pending(sale?.errorMessage ?? 'The payment provider has not confirmed the payment yet; its outcome will follow'),
  );
}
