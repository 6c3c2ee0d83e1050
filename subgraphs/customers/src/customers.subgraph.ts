import { AppScope, buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@ultramarket/kit';
import { Customer } from './customer/customer.entity';
import { CustomerResolver } from './customer/customer.resolver';
import { findVisibleCustomer } from './customer/customer-queries';
import { CustomerAddress } from './address/customer-address.entity';
import { CustomerAddressResolver } from './address/address.resolver';
import { CustomerOrder } from './order-history/customer-order.entity';
import { addPaymentOnCaptured, addPaymentOnSucceeded, countOrderOnCreated, subtractPaymentOnRefunded } from './order-history/order-metrics.handlers';
import { CustomerSegment } from './segment/customer-segment.entity';
import { CustomerSegmentResolver } from './segment/segment.resolver';
import { findVisibleSegment } from './segment/segment-queries';
import { CreateCustomers1763769600800 } from './migrations/1763769600800-create-customers';
import { RecordVerifiedEmails1763769609800 } from './migrations/1763769609800-record-verified-emails';
import { MoneyAsBigint1763769610800 } from './migrations/1763769610800-money-as-bigint';
import { CustomerTaxExemption1763769631800 } from './migrations/1763769631800-customer-tax-exemption';
import { linkOnEmailVerified } from './customer/account-link';

/** Customers owns a store's customers, their addresses and segments; order metrics come from order and payment events. */
export const customersSubgraph: SubgraphDefinition = {
  name: 'customers',
  defaultPort: 4008,
  entities: [Customer, CustomerAddress, CustomerOrder, CustomerSegment],
  migrations: [CreateCustomers1763769600800, RecordVerifiedEmails1763769609800, MoneyAsBigint1763769610800, CustomerTaxExemption1763769631800],
  publishes: ['customers'],
  consumers: [countOrderOnCreated, addPaymentOnSucceeded, addPaymentOnCaptured, subtractPaymentOnRefunded, linkOnEmailVerified],
  followsStoreStatus: true,
  // what an app's API key may use here (docs/apps-and-api-keys.md)
  appAccess: { read: AppScope.read_customers, write: AppScope.write_customers, fields: { 'Query.myCustomerProfile': null } },
  schema: () =>
    buildFederatedSchema({
      resolvers: [CustomerResolver, CustomerAddressResolver, CustomerSegmentResolver],
      referenceResolvers: {
        Customer: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleCustomer(context, reference.id) },
        CustomerSegment: { __resolveReference: (reference: { id: string }, context: SubgraphContext) => findVisibleSegment(context, reference.id) },
      },
    }),
};
