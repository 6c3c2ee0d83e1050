import { isUuid, PermanentEventError, type EventEnvelope, type EventHandler } from '@ultramarket/kit';

/** What cart reads of customers.created / -updated / -deleted (schema/events.md); a type, so it fits the kit's `EventHandler` list. */
type CustomerEventData = {
  customerId: string;
  userId: string | null;
  taxExempt?: boolean;
};

function checked(event: EventEnvelope<CustomerEventData>): { storeId: string; userId: string | null; taxExempt: boolean } {
  if (!isUuid(event.storeId)) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
  const { customerId, userId, taxExempt } = event.data ?? ({} as CustomerEventData);
  if (customerId !== event.aggregateId || !isUuid(customerId)) throw new PermanentEventError(`${event.type} ${event.id} is not about its own customer`);
  if (userId !== null && userId !== undefined && !isUuid(userId)) throw new PermanentEventError(`${event.type} ${event.id} carries a malformed userId`);
  // an event published before customers carried taxExempt speaks of a customer who pays tax
  return { storeId: event.storeId, userId: userId ?? null, taxExempt: taxExempt === true };
}

/**
 * Keeps `customer_tax_status` from customers.created and customers.updated: the customer's linked user and
 * whether they pay tax. The customer's aggregate version orders them (an older event never undoes a newer one),
 * and a deleted customer's row is left deleted.
 */
function follow(name: string, eventType: string): EventHandler<CustomerEventData> {
  return {
    name,
    eventType,
    async handle(event, tx) {
      const { storeId, userId, taxExempt } = checked(event);
      await tx.manager.query(
        `INSERT INTO customer_tax_status (customer_id, store_id, user_id, tax_exempt, version, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (customer_id) DO UPDATE SET user_id = EXCLUDED.user_id, tax_exempt = EXCLUDED.tax_exempt, version = EXCLUDED.version, updated_at = now()
         WHERE customer_tax_status.version < EXCLUDED.version AND NOT customer_tax_status.deleted`,
        [event.aggregateId, storeId, userId, taxExempt, event.aggregateVersion],
      );
    },
  };
}

/** customers.deleted: the customer exempts nobody any more, whatever arrives after (its id is never reused). */
const customerDeleted: EventHandler<CustomerEventData> = {
  name: 'cart-customer-deleted',
  eventType: 'customers.deleted',
  async handle(event, tx) {
    const { storeId } = checked(event);
    await tx.manager.query(
      `INSERT INTO customer_tax_status (customer_id, store_id, user_id, tax_exempt, deleted, version, updated_at) VALUES ($1, $2, NULL, false, true, $3, now())
       ON CONFLICT (customer_id) DO UPDATE SET user_id = NULL, tax_exempt = false, deleted = true,
         version = GREATEST(customer_tax_status.version, EXCLUDED.version), updated_at = now()`,
      [event.aggregateId, storeId, event.aggregateVersion],
    );
  },
};

export const customerTaxStatusHandlers: EventHandler[] = [
  follow('cart-customer-created', 'customers.created'),
  follow('cart-customer-updated', 'customers.updated'),
  customerDeleted,
];
