import { returnedRows, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { Order } from '../order/order.entity';
import { changeOrder, OrderChangeRefused } from '../order/order-commands';
import { canFulfilOrder } from '../order/order-access';
import type { OrderPayload } from '../order/order.payloads';
import { auditActorOf, recordOrderAudit } from '../audit/record-order-audit';
import { OrderAuditAction } from '../audit/order-audit-action';
import { OrderTag } from './order-tag.entity';
import { MAX_TAGS_PER_ORDER, normaliseTags } from './tag-rules';
import type { OrderTagsInput } from './order-tags.inputs';

/** How a mutation turns the order's tags and the given ones into the new tags. */
export type TagChange = (current: readonly string[], given: readonly string[]) => string[];

export const replaceTags: TagChange = (_current, given) => [...given];
export const addTags: TagChange = (current, given) => [...new Set([...current, ...given])].sort();
export const removeTags: TagChange = (current, given) => current.filter((tag) => !given.includes(tag));

/** An order's tags, sorted, read in the transaction. */
export async function tagsOf(tx: Tx, order: Order): Promise<string[]> {
  const rows = await tx.manager.getRepository(OrderTag).find({ where: { orderId: order.id, storeId: order.storeId }, order: { tag: 'ASC' } });
  return rows.map((row) => row.tag);
}

/**
 * Sets, adds or removes an order's tags (its store's staff only): the given tags are normalised first, and an
 * invalid tag or more than MAX_TAGS_PER_ORDER in the end is a userError that writes nothing. A change that
 * changes something is recorded in the audit trail (TAGS_CHANGED, with what was added and removed).
 */
export async function changeOrderTags<T extends OrderPayload>(
  context: SubgraphContext,
  input: OrderTagsInput,
  payload: { ok(order: Order): T; failed(...errors: UserError[]): T },
  change: TagChange,
): Promise<T> {
  const given = normaliseTags(input.tags, ['input', 'tags']);
  if (given.some((tag) => tag instanceof UserError)) return payload.failed(...(given as UserError[]));
  return changeOrder(
    context,
    input.orderId,
    payload,
    (order) => canFulfilOrder(context.caller, order),
    async (tx, order) => {
      const current = await tagsOf(tx, order);
      const next = change(current, given as string[]);
      if (next.length > MAX_TAGS_PER_ORDER)
        throw new OrderChangeRefused(UserError.of('TOO_MANY_TAGS', `An order has at most ${MAX_TAGS_PER_ORDER} tags`, ['input', 'tags']));
      const added = next.filter((tag) => !current.includes(tag));
      const removed = current.filter((tag) => !next.includes(tag));
      if (added.length === 0 && removed.length === 0) return order;
      const repository = tx.manager.getRepository(OrderTag);
      if (removed.length > 0) await repository.delete(removed.map((tag) => ({ storeId: order.storeId, orderId: order.id, tag })));
      if (added.length > 0) await repository.insert(added.map((tag) => ({ storeId: order.storeId, orderId: order.id, tag })));
      const [row] = await returnedRows<{ updated_at: Date }>(
        tx.manager,
        `UPDATE customer_order SET updated_at = now() WHERE id = $1 AND store_id = $2 RETURNING updated_at`,
        [order.id, order.storeId],
      );
      order.updatedAt = new Date(row.updated_at);
      await recordOrderAudit(tx, {
        orderId: order.id,
        storeId: order.storeId,
        actor: auditActorOf(context.caller, order.storeId),
        action: OrderAuditAction.TAGS_CHANGED,
        summary: [added.length > 0 ? `Tagged ${added.join(', ')}` : null, removed.length > 0 ? `Untagged ${removed.join(', ')}` : null]
          .filter(Boolean)
          .join('; '),
        details: { added: added.join(', '), removed: removed.join(', ') },
      });
      return order;
    },
  );
}
