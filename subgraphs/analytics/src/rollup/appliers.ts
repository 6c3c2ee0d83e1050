import { cartAppliers } from '../carts/cart-events';
import { salesAppliers } from '../sales/sales-events';
import { stockAppliers } from '../stock/stock-events';
import { storeAppliers } from '../store/store-profile';
import { consumerOf, type Applier } from './applier';

/** Every event type analytics reads, stores' first (a rebuild replays in this order: the time zone before the sales). */
export const APPLIERS: readonly Applier[] = [...storeAppliers, ...stockAppliers, ...cartAppliers, ...salesAppliers];

/** The durable consumers: one per event type. */
export const analyticsConsumers = APPLIERS.map(consumerOf);

/** The domains (streams) the appliers read, in replay order. */
export const REPLAYED_DOMAINS: readonly string[] = [...new Set(APPLIERS.map((applier) => applier.eventType.split('.')[0]))];
