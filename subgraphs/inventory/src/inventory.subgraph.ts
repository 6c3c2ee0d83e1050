import { buildFederatedSchema, envReader, isUuid, type SubgraphDefinition } from '@ultramarket/kit';
import { InventoryItem } from './stock/inventory-item.entity';
import { StockAdjustment } from './stock/stock-adjustment.entity';
import { ProductStock } from './stock/product-stock.type';
import { ProductStockResolver } from './stock/product-stock.resolver';
import { InventoryItemResolver } from './stock/inventory-item.resolver';
import { createInventoryItemOnProductCreated } from './stock/create-inventory-item.handler';
import { loadReservationConfig } from './reservation/reservation-config';
import { reserveStockOnOrderCreated } from './reservation/reserve-stock.handler';
import { commitReservationOnPayment } from './reservation/commit-reservation.handler';
import { releaseReservationOnCancel } from './reservation/release-on-cancel.handler';
import { reservationExpiryJob } from './reservation/reservation-expiry.job';
import { CreateInventory1763769600200 } from './migrations/1763769600200-create-inventory';
import { CreateReservations1763769600400 } from './migrations/1763769600400-create-reservations';
import { IsolateByStore1763769605020 } from './migrations/1763769605020-isolate-by-store';

const lowStockThreshold = envReader().int('INVENTORY_LOW_STOCK_THRESHOLD', 5, { min: 0 });
const reservations = loadReservationConfig();

/** Inventory owns stock: on hand, reserved for orders, available, and the alerts when it runs low. */
export const inventorySubgraph: SubgraphDefinition = {
  name: 'inventory',
  defaultPort: 4004,
  entities: [InventoryItem, StockAdjustment],
  migrations: [CreateInventory1763769600200, CreateReservations1763769600400, IsolateByStore1763769605020],
  publishes: ['inventory'],
  // the staff of a SUSPENDED or CLOSED store may read its stock but not change it
  followsStoreStatus: true,
  consumers: [
    createInventoryItemOnProductCreated(lowStockThreshold),
    reserveStockOnOrderCreated(reservations),
    commitReservationOnPayment,
    releaseReservationOnCancel,
  ],
  jobs: [reservationExpiryJob(reservations)],
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductStockResolver, InventoryItemResolver],
      referenceResolvers: {
        // every product has stock fields; they read the caller's store's stock only, so another store's product (like
        // one whose catalog.product-created is still on its way) shows 0 and no details: nothing of that store's
        Product: {
          __resolveReference: (reference: { id: string }) => (isUuid(reference.id) ? ProductStock.of(reference.id) : null),
        },
      },
    }),
};
