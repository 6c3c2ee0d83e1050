import { UserError, type EventActor, type Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { OrderLineItem } from '../order/order-line-item.entity';
import { OrderChangeRefused } from '../order/order-commands';
import { recordOrderAudit, type OrderAuditInput } from '../audit/record-order-audit';
import { OrderAuditAction } from '../audit/order-audit-action';
import { Return } from './return.entity';
import { ReturnLine } from './return-line.entity';
import { canMoveReturn, ReturnStatus } from './return-status';
import { ReturnEvents, returnUpdatedData } from './return.events';

/** Who takes a step: as the event names them, and as the order's audit trail does. */
export interface ReturnActor {
  actor: EventActor;
  audit: OrderAuditInput['actor'];
}

/** The audit action of each status a return enters. */
const AUDIT_ACTION: Record<ReturnStatus, OrderAuditAction> = {
  [ReturnStatus.REQUESTED]: OrderAuditAction.RETURN_REQUESTED,
  [ReturnStatus.APPROVED]: OrderAuditAction.RETURN_APPROVED,
  [ReturnStatus.REJECTED]: OrderAuditAction.RETURN_REJECTED,
  [ReturnStatus.RECEIVED]: OrderAuditAction.RETURN_RECEIVED,
  [ReturnStatus.REFUNDED]: OrderAuditAction.RETURN_REFUNDED,
  [ReturnStatus.CLOSED]: OrderAuditAction.RETURN_CLOSED,
};

/** Where each step writes its time and its person. */
const STEP_COLUMNS: Partial<Record<ReturnStatus, { at: 'approvedAt' | 'rejectedAt' | 'receivedAt' | 'refundedAt' | 'closedAt'; by: keyof Return | null }>> = {
  [ReturnStatus.APPROVED]: { at: 'approvedAt', by: 'approvedBy' },
  [ReturnStatus.REJECTED]: { at: 'rejectedAt', by: 'rejectedBy' },
  [ReturnStatus.RECEIVED]: { at: 'receivedAt', by: 'receivedBy' },
  [ReturnStatus.REFUNDED]: { at: 'refundedAt', by: null },
  [ReturnStatus.CLOSED]: { at: 'closedAt', by: 'closedBy' },
};

export const returnNotFound = () => UserError.of('NOT_FOUND', 'No such return', ['input', 'returnId']);

/** A step the return's state machine does not allow from where it is. */
export const invalidReturnStep = (from: ReturnStatus, to: ReturnStatus) =>
  UserError.of('INVALID_TRANSITION', `A return that is ${from} cannot become ${to}`, ['input', 'returnId']);

/**
 * Publishes where a return now stands (orders.return-updated) and records the step in its order's audit trail, in
 * the caller's transaction: the step, its event and its trail entry commit together or not at all.
 */
export async function announceReturn(tx: Tx, order: Order, found: Return, previous: ReturnStatus | null, who: ReturnActor, summary: string): Promise<void> {
  const lines = await tx.manager.getRepository(ReturnLine).find({ where: { returnId: found.id, storeId: order.storeId }, order: { id: 'ASC' } });
  const orderLines = await tx.manager.getRepository(OrderLineItem).findBy({ orderId: order.id, storeId: order.storeId });
  await tx.emit({
    type: ReturnEvents.updated,
    storeId: order.storeId,
    aggregateId: found.id,
    aggregateVersion: found.version,
    data: returnUpdatedData(order, found, lines, orderLines, previous, who.actor),
  });
  await recordOrderAudit(tx, {
    orderId: order.id,
    storeId: order.storeId,
    actor: who.audit,
    action: previous === null || previous !== found.status ? AUDIT_ACTION[found.status] : OrderAuditAction.RETURN_REFUND_REQUESTED,
    summary,
    details: { returnId: found.id, status: found.status, refundId: found.refundId, reason: found.rejectReason },
  });
}

/**
 * Moves a return of a locked order to `to` (with whatever else the caller changed on it): the time and the person
 * of the step, a new version, orders.return-updated and the audit entry. A step the table forbids throws
 * OrderChangeRefused(INVALID_TRANSITION) before anything is written.
 */
export async function moveReturn(tx: Tx, order: Order, found: Return, to: ReturnStatus, who: ReturnActor, summary: string): Promise<Return> {
  if (!canMoveReturn(found.status, to)) throw new OrderChangeRefused(invalidReturnStep(found.status, to));
  const previous = found.status;
  const columns = STEP_COLUMNS[to]!;
  found.status = to;
  found[columns.at] = new Date();
  if (columns.by) Object.assign(found, { [columns.by]: who.actor?.userId ?? null });
  found.version += 1;
  const saved = await tx.manager.getRepository(Return).save(found);
  await announceReturn(tx, order, saved, previous, who, summary);
  return saved;
}
