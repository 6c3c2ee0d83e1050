import type { Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { OrderAuditActorKind } from '../audit/order-audit-action';
import { moveReturn } from './move-return';
import { Return } from './return.entity';
import { ReturnStatus } from './return-status';

/**
 * payments.refunded for a refund a return asked for (in recordRefundSucceeded's transaction, the order locked): the
 * return becomes REFUNDED, once. A refund no return asked for changes no return.
 */
export async function returnRefundSucceeded(tx: Tx, order: Order, refundId: string): Promise<void> {
  const found = await tx.manager.getRepository(Return).findOneBy({ refundId, storeId: order.storeId, orderId: order.id });
  if (!found || found.status !== ReturnStatus.RECEIVED) return;
  await moveReturn(tx, order, found, ReturnStatus.REFUNDED, { actor: null, audit: { kind: OrderAuditActorKind.SYSTEM, userId: null } }, 'Return refunded');
}
