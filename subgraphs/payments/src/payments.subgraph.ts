import { AppScope, buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { loadPaymentsConfig, type PaymentsConfig } from './payments.config';
import { Payment } from './payment/payment.entity';
import { PaymentTransaction } from './payment/payment-transaction.entity';
import { PaymentResolver } from './payment/payment.resolver';
import { processPaymentResolver } from './payment/process-payment.resolver';
import { findVisiblePayment } from './payment/payment-queries';
import { refundOnCommitFailed } from './payment/refund-on-commit-failed.handler';
import { OrderReadModel } from './order/order-read-model.entity';
import { OrderReference } from './order/order-reference.type';
import { OrderPaymentsResolver } from './order/order-payments.resolver';
import { OrderFeed } from './order/order-feed';
import { ChangeListener } from './order/change-listener';
import { closeOnCancelled, closeOnReleased, recordOrderOnCreated, recordReservation, recordReservationExtension } from './order/order-read-model.handlers';
import { ManualPaymentMethod } from './manual-method/manual-payment-method.entity';
import { ManualPaymentMethodResolver } from './manual-method/manual-method.resolver';
import { MarkOrderAsPaidResolver } from './manual-payment/mark-order-as-paid.resolver';
import type { PaymentProvider } from './provider/payment-provider';
import { SimulatedProvider } from './provider/simulated-provider';
import { StripeProvider } from './provider/stripe-provider';
import { createStripeClient } from './provider/stripe-client';
import { stripeWebhookRoute } from './webhook/stripe-webhook.route';
import { PayPalProvider } from './provider/paypal-provider';
import { createPayPalClient } from './provider/paypal-client';
import { payPalWebhookRoute } from './webhook/paypal-webhook.route';
import { payPalWebhookVerifier } from './webhook/paypal-webhook-signature';
import { CreatePayments1763769600700 } from './migrations/1763769600700-create-payments';
import { IsolatePaymentsByStore1763769605070 } from './migrations/1763769605070-isolate-payments-by-store';
import { MoneyAsBigint1763769610700 } from './migrations/1763769610700-money-as-bigint';
import { ReconcilePendingPayments1763769632000 } from './migrations/1763769632000-reconcile-pending-payments';
import { ManualPaymentMethods1763769643000 } from './migrations/1763769643000-manual-payment-methods';
import { FindPayPalPayments1763769645000 } from './migrations/1763769645000-find-paypal-payments';
import { ReturnWindow1763769650200 } from './migrations/1763769650200-return-window';
import { reconcilePaymentsJob } from './reconciliation/reconcile-payments.job';
import { simulatedWebhookListener } from './webhook/simulated-webhook';
import { AuthorizeThenCapture1763769642000 } from './migrations/1763769642000-authorize-then-capture';
import { checkoutSettingsHandlers } from './store-view/checkout-settings';
import { capturePaymentResolver } from './capture/capture-payment.resolver';
import { captureOnFulfilment } from './capture/capture-on-fulfilment.handler';
import { settleOnRemainderCancelled } from './capture/settle-on-remainder-cancelled.handler';
import { voidOnCancelled } from './void/void-on-cancelled.handler';
import { expireAuthorizationsJob } from './void/expire-authorizations.job';
import { RefundRequests1763769640200 } from './migrations/1763769640200-refund-requests';
import { refundOnRequest } from './refund/refund-requested.handler';
import { retryRefundsJob } from './refund/retry-refunds.job';

/**
 * Payments owns payments and their provider transactions. The provider comes from configuration;
 * tests may pass one of their own (e.g. one that counts calls), an order feed they can hold behind, and
 * the change listener they watch.
 */
export function createPaymentsSubgraph(
  config: PaymentsConfig = loadPaymentsConfig(),
  providerOverride?: PaymentProvider,
  orderFeed: OrderFeed = new OrderFeed(),
  changes: ChangeListener = new ChangeListener(),
): SubgraphDefinition {
  const stripe = config.stripe ? createStripeClient(config.stripe) : null;
  const paypal = config.paypal ? createPayPalClient(config.paypal) : null;
  const provider =
    providerOverride ??
    (stripe
      ? new StripeProvider(stripe)
      : paypal
        ? new PayPalProvider(paypal)
        : new SimulatedProvider({ authorizationTtlMs: config.simulatedAuthorizationTtlSeconds * 1000 }));
  return {
    name: 'payments',
    defaultPort: 4007,
    entities: [Payment, PaymentTransaction, OrderReadModel, ManualPaymentMethod],
    migrations: [
      CreatePayments1763769600700,
      IsolatePaymentsByStore1763769605070,
      MoneyAsBigint1763769610700,
      ReconcilePendingPayments1763769632000,
      RefundRequests1763769640200,
      AuthorizeThenCapture1763769642000,
      ManualPaymentMethods1763769643000,
      FindPayPalPayments1763769645000,
      ReturnWindow1763769650200,
    ],
    publishes: ['payments'],
    // processPayment is refused unless the store is ACTIVE
    followsStoreStatus: true,
    consumers: [
      recordOrderOnCreated,
      recordReservation,
      recordReservationExtension,
      closeOnReleased,
      closeOnCancelled,
      refundOnCommitFailed(provider),
      ...checkoutSettingsHandlers,
      captureOnFulfilment(provider),
      settleOnRemainderCancelled(provider),
      voidOnCancelled(provider),
      refundOnRequest(provider, config.refunds),
    ],
    onStart: async (runtime) => {
      orderFeed.bind(runtime);
      // the simulated provider's delayed webhooks settle payments the way Stripe's do
      if (provider instanceof SimulatedProvider) provider.deliverWebhooksTo(simulatedWebhookListener(runtime));
      await changes.start(runtime.config.database, runtime.logger);
      return async () => {
        if (provider instanceof SimulatedProvider) {
          provider.deliverWebhooksTo(null);
          provider.stop();
        }
        await changes.stop();
      };
    },
    // PENDING payments whose outcome never arrived are asked of the provider until they settle
    // open authorizations past the provider's deadline are voided (payments.voided), and refunds the provider
    // refused are tried again until they succeed or fail for good
    jobs: [
      reconcilePaymentsJob(provider, config.reconcile),
      expireAuthorizationsJob(provider, config.authorizationExpiryIntervalSeconds),
      retryRefundsJob(provider, config.refunds),
    ],
    httpRoutes: {
      ...(stripe && config.stripe && { '/webhooks/stripe': stripeWebhookRoute(stripe, config.stripe.webhookSecret) }),
      ...(paypal && config.paypal && { '/webhooks/paypal': payPalWebhookRoute(payPalWebhookVerifier(paypal, config.paypal.webhookId)) }),
    },
    // what an app's API key may use here (docs/apps-and-api-keys.md)
    appAccess: { read: AppScope.read_payments },
    schema: () =>
      buildFederatedSchema({
        resolvers: [
          PaymentResolver,
          OrderPaymentsResolver,
          ManualPaymentMethodResolver,
          MarkOrderAsPaidResolver,
          processPaymentResolver({ provider, orderWaitMs: config.orderWaitMs, orderFeed, changes }),
          capturePaymentResolver(provider),
        ],
        referenceResolvers: {
          // in the caller's store only: another store's payment resolves to null
          Payment: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisiblePayment(context, reference.id) },
          // any order id can carry `payments`: an order we do not know simply has none
          Order: { __resolveReference: (reference: { id: string }) => OrderReference.of(reference.id) },
        },
      }),
  };
}

export const paymentsSubgraph = createPaymentsSubgraph();
