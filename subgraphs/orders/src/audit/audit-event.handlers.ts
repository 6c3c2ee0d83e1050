import { isUuid, PermanentEventError, type EventHandler } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { AUDITED_EVENTS, type AuditedEvent, type AuditedEventData } from './audit-event-registry';
import { OrderAuditActorKind } from './order-audit-action';
import { recordOrderAudit } from './record-order-audit';

/** `data.actor` as the contract has it: `{ userId }` of the person who acted, or null. */
function actorOf(data: AuditedEventData): { kind: OrderAuditActorKind; userId: string | null } {
  const userId = data.actor ? data.actor.userId : null;
  if (userId !== null && !isUuid(userId)) throw new PermanentEventError(`actor.userId ${String(userId)} is not a user id`);
  return userId ? { kind: OrderAuditActorKind.STAFF, userId } : { kind: OrderAuditActorKind.SYSTEM, userId: null };
}

/**
 * Records an event of another subgraph as an entry of its order's trail, once: the entry keeps the event id, so a
 * redelivery (or a second copy) writes nothing. An order of another store is as absent as one that never was.
 */
function auditHandler(subject: string, audited: AuditedEvent): EventHandler<AuditedEventData> {
  return {
    name: `orders-audit-${subject.replace(/\./g, '-')}`,
    eventType: subject,
    async handle(event, tx) {
      if (!event.storeId) throw new PermanentEventError(`${event.type} ${event.id} names no store`);
      if (!isUuid(event.data.orderId)) throw new PermanentEventError(`${event.type} ${event.id} names no order`);
      const order = await tx.manager.getRepository(Order).findOneBy({ id: event.data.orderId, storeId: event.storeId });
      if (!order) throw new PermanentEventError(`order ${event.data.orderId} does not exist in store ${event.storeId}`);
      await recordOrderAudit(tx, {
        orderId: order.id,
        storeId: order.storeId,
        actor: actorOf(event.data),
        action: audited.action,
        summary: audited.summary(event.data),
        details: audited.details?.(event.data) ?? {},
        occurredAt: new Date(event.occurredAt),
        eventId: event.id,
      });
    },
  };
}

/** One durable consumer per audited subject (a JetStream consumer reads one stream), all the same handler. */
export const auditEventHandlers = Object.entries(AUDITED_EVENTS).map(([subject, audited]) => auditHandler(subject, audited));
