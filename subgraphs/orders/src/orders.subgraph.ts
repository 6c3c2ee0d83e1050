import { AppScope, buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Order } from './order/order.entity';
import { OrderLineItem } from './order/order-line-item.entity';
import { OrderStatusChange } from './order/order-status-change.entity';
import { OrderResolver } from './order/order.resolver';
import { OrderAuditResolver } from './audit/order-audit.resolver';
import { OrderAuditEntry } from './audit/order-audit-entry.entity';
import { auditEventHandlers } from './audit/audit-event.handlers';
import { OrderTagsResolver } from './tags/order-tags.resolver';
import { OrderTag } from './tags/order-tag.entity';
import { findVisibleOrder } from './order/order-queries';
import { reservationHandlers } from './saga/reservation.handlers';
import { paymentHandlers } from './saga/payment.handlers';
import { shipmentCreated } from './fulfilment/record-shipment.handler';
import { shipmentDelivered } from './fulfilment/shipment-delivered.handler';
import { FulfilmentResolver } from './fulfilment/fulfilment.resolver';
import { CreateOrders1763769600300 } from './migrations/1763769600300-create-orders';
import { IsolateOrdersByStore1763769605060 } from './migrations/1763769605060-isolate-orders-by-store';
import { CheckoutLimits1763769605100 } from './migrations/1763769605100-checkout-limits';
import { MoneyAsBigint1763769610600 } from './migrations/1763769610600-money-as-bigint';
import { StatusChangePayment1763769611100 } from './migrations/1763769611100-status-change-payment';
import { OrderByVariant1763769622000 } from './migrations/1763769622000-order-by-variant';
import { OrderFromCheckout1763769631200 } from './migrations/1763769631200-order-from-checkout';
import { PaymentCaptureMode1763769642100 } from './migrations/1763769642100-payment-capture-mode';
import { PartialFulfilment1763769641000 } from './migrations/1763769641000-partial-fulfilment';
import { OrderSearchAndAudit1763769644000 } from './migrations/1763769644000-order-search-and-audit';
import { SearchByFulfilmentStatus1763769644100 } from './migrations/1763769644100-search-by-fulfilment-status';
import { OrderCapturedAmount1763769651000 } from './migrations/1763769651000-order-captured-amount';
import { DropCatalogReadModel1763769653000 } from './migrations/1763769653000-drop-catalog-read-model';
import { createOrderFromCheckout } from './checkout/record-checkout';
import { checkoutSettingsHandlers } from './store-view/checkout-settings';
import { OrderRefunds1763769640100 } from './migrations/1763769640100-order-refunds';
import { Refund } from './refund/refund.entity';
import { RefundLine } from './refund/refund-line.entity';
import { LineItemRefundsResolver, OrderRefundsResolver, RefundLinesResolver } from './refund/refund.resolver';
import { refundOutcomeHandlers } from './refund/refund-outcome.handlers';
import { OrderReturns1763769650000 } from './migrations/1763769650000-order-returns';
import { Return } from './return/return.entity';
import { ReturnLine } from './return/return-line.entity';
import { OrderReturnsResolver, ReturnResolver } from './return/return.resolver';

/** Orders owns orders: their lines, totals, numbers, status machine and history; it steers the saga's order side. */
export const ordersSubgraph: SubgraphDefinition = {
  name: 'orders',
  defaultPort: 4006,
  entities: [Order, OrderLineItem, OrderStatusChange, OrderTag, OrderAuditEntry, Refund, RefundLine, Return, ReturnLine],
  migrations: [
    CreateOrders1763769600300,
    IsolateOrdersByStore1763769605060,
    CheckoutLimits1763769605100,
    MoneyAsBigint1763769610600,
    StatusChangePayment1763769611100,
    OrderByVariant1763769622000,
    OrderFromCheckout1763769631200,
    OrderRefunds1763769640100,
    PartialFulfilment1763769641000,
    PaymentCaptureMode1763769642100,
    OrderSearchAndAudit1763769644000,
    SearchByFulfilmentStatus1763769644100,
    OrderReturns1763769650000,
    OrderCapturedAmount1763769651000,
    DropCatalogReadModel1763769653000,
  ],
  publishes: ['orders'],
  consumers: [
    createOrderFromCheckout,
    ...reservationHandlers,
    ...paymentHandlers,
    shipmentCreated,
    shipmentDelivered,
    ...checkoutSettingsHandlers,
    ...auditEventHandlers,
    ...refundOutcomeHandlers,
  ],
  // staff change nothing while the store is SUSPENDED or CLOSED (checkouts read store_status in the consumer that records them)
  followsStoreStatus: true,
  // what an app's API key may use here (docs/apps-and-api-keys.md)
  appAccess: { read: AppScope.read_orders, write: AppScope.write_orders, fields: { 'Query.orderAnalytics': AppScope.read_analytics } },
  schema: () =>
    buildFederatedSchema({
      resolvers: [
        OrderResolver,
        FulfilmentResolver,
        OrderTagsResolver,
        OrderAuditResolver,
        OrderRefundsResolver,
        RefundLinesResolver,
        LineItemRefundsResolver,
        ReturnResolver,
        OrderReturnsResolver,
      ],
      referenceResolvers: {
        // in the caller's store only: another store's order resolves to null
        Order: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleOrder(context, reference.id) },
      },
    }),
};
