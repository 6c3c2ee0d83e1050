import type { SelectQueryBuilder } from 'typeorm';
import { badUserInput, keysetPage, pageWindow, Role, STORE_ROLES, type Connection, type KeysetSort, type SubgraphContext } from '@ultramarket/kit';
import { Order } from '../order/order.entity';
import { normaliseTag } from '../tags/tag-rules';
import { OrderSortDirection, OrderSortField, type OrderFilter, type OrderSort } from './order-search.inputs';

const SORT_COLUMNS: Record<OrderSortField, KeysetSort<Order>> = {
  [OrderSortField.CREATED_AT]: { column: 'o.created_at', type: 'timestamptz', valueOf: (o) => o.createdAt.toISOString() },
  [OrderSortField.NUMBER]: { column: 'o.number', type: 'integer', valueOf: (o) => o.number },
  [OrderSortField.TOTAL]: { column: 'o.total_amount', type: 'bigint', valueOf: (o) => o.totalAmount },
  [OrderSortField.UPDATED_AT]: { column: 'o.updated_at', type: 'timestamptz', valueOf: (o) => o.updatedAt.toISOString() },
};

const MAX_ORDER_NUMBER = 2_147_483_647;

export interface OrderListArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: OrderFilter | null;
  sort?: OrderSort | null;
}

/**
 * The numbers starting with `prefix`'s digits as ranges [from, to) — "10": [10, 11), [100, 110), [1000, 1100), … —
 * so the match is integer comparisons on (store_id, number), which an index scan under row-level security can use
 * (a LIKE on the number's text could not: it is not leakproof).
 */
export function numberPrefixRanges(prefix: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let scale = 1; prefix * scale <= MAX_ORDER_NUMBER; scale *= 10) ranges.push([prefix * scale, Math.min((prefix + 1) * scale, MAX_ORDER_NUMBER + 1)]);
  return ranges;
}

function tagsOf(tags: string[], field: string): string[] {
  const normalised = [...new Set(tags.map(normaliseTag))];
  if (normalised.some((tag) => tag.length === 0))
    throw badUserInput(`${field} holds an empty tag`, [{ field: ['filter', field], message: 'holds an empty tag' }]);
  return normalised;
}

/** Every condition of `filter` on `query` (alias `o`); a range whose end is not after its start is BAD_USER_INPUT. */
export function applyOrderFilter(query: SelectQueryBuilder<Order>, filter: OrderFilter): void {
  if (filter.dateFrom && filter.dateTo && filter.dateFrom >= filter.dateTo) {
    throw badUserInput('dateTo must be after dateFrom', [{ field: ['filter', 'dateTo'], message: 'must be after dateFrom' }]);
  }
  if (filter.totalMin != null && filter.totalMax != null && filter.totalMin > filter.totalMax) {
    throw badUserInput('totalMax must not be below totalMin', [{ field: ['filter', 'totalMax'], message: 'must not be below totalMin' }]);
  }
  if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
  if (filter.statuses?.length) query.andWhere('o.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.paymentStatuses?.length) query.andWhere('o.payment_status IN (:...paymentStatuses)', { paymentStatuses: filter.paymentStatuses });
  if (filter.fulfillmentStatuses?.length) {
    query.andWhere('o.fulfillment_status IN (:...fulfillmentStatuses)', { fulfillmentStatuses: filter.fulfillmentStatuses });
  }
  if (filter.dateFrom) query.andWhere('o.created_at >= :dateFrom', { dateFrom: filter.dateFrom });
  if (filter.dateTo) query.andWhere('o.created_at < :dateTo', { dateTo: filter.dateTo });
  if (filter.orderNumber) query.andWhere('o.number = :orderNumber', { orderNumber: Number(filter.orderNumber.replace('#', '')) });
  if (filter.orderNumberPrefix) {
    const ranges = numberPrefixRanges(Number(filter.orderNumberPrefix.replace('#', '')));
    const conditions = ranges.map((_, index) => `(o.number >= :prefixFrom${index} AND o.number < :prefixTo${index})`);
    const parameters = Object.fromEntries(
      ranges.flatMap(([from, to], index) => [
        [`prefixFrom${index}`, from],
        [`prefixTo${index}`, to],
      ]),
    );
    query.andWhere(`(${conditions.join(' OR ')})`, parameters);
  }
  if (filter.email) query.andWhere('o.email_lower = :email', { email: filter.email.trim().toLowerCase() });
  if (filter.customerId) query.andWhere('o.customer_id = :filterCustomerId', { filterCustomerId: filter.customerId });
  if (filter.tagsAny?.length) {
    query.andWhere('o.id IN (SELECT t.order_id FROM order_tag t WHERE t.store_id = o.store_id AND t.tag IN (:...tagsAny))', {
      tagsAny: tagsOf(filter.tagsAny, 'tagsAny'),
    });
  }
  if (filter.tagsAll?.length) {
    const tagsAll = tagsOf(filter.tagsAll, 'tagsAll');
    query.andWhere(
      'o.id IN (SELECT t.order_id FROM order_tag t WHERE t.store_id = o.store_id AND t.tag IN (:...tagsAll) GROUP BY t.order_id HAVING count(*) = :tagsAllCount)',
      { tagsAll, tagsAllCount: tagsAll.length },
    );
  }
  if (filter.totalMin != null) query.andWhere('o.total_amount >= :totalMin', { totalMin: filter.totalMin });
  if (filter.totalMax != null) query.andWhere('o.total_amount <= :totalMax', { totalMax: filter.totalMax });
  if (filter.search) {
    const number = /^#?(\d{1,9})$/.exec(filter.search.trim());
    if (number) query.andWhere('o.number = :searchNumber', { searchNumber: Number(number[1]) });
    else query.andWhere('o.email ILIKE :searchEmail', { searchEmail: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
  }
}

/**
 * Order search: a shopper lists their own orders in the store they shop in; staff search their store's;
 * platform admins all (or one store's). Filters, four sorts (ties broken by id) and Relay paging both ways.
 */
export async function listOrders(context: SubgraphContext, args: OrderListArgs, countTotal = true): Promise<Connection<Order>> {
  const window = pageWindow(args);
  const sort = SORT_COLUMNS[args.sort?.field ?? OrderSortField.CREATED_AT];
  const descending = (args.sort?.direction ?? OrderSortDirection.DESC) === OrderSortDirection.DESC;
  const { caller } = context;
  const store = context.storeDb.whereStore();
  return context.storeDb.read(async (manager) => {
    const query = manager.getRepository(Order).createQueryBuilder('o');
    if (store.storeId) query.andWhere('o.store_id = :storeId', { storeId: store.storeId });
    const isStaff = caller.roles.includes(Role.PLATFORM_ADMIN) || STORE_ROLES.some((role) => caller.roles.includes(role));
    if (!isStaff) query.andWhere('o.customer_id = :customerId', { customerId: caller.userId });
    applyOrderFilter(query, args.filter ?? {});
    return keysetPage(query, { sort, descending, countTotal, ...window });
  });
}
