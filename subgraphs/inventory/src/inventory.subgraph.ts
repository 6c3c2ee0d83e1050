import { AppScope, buildFederatedSchema, isUuid, type SubgraphDefinition } from '@ultramarket/kit';
import { InventoryItem } from './stock/inventory-item.entity';
import { StockAdjustment } from './stock/stock-adjustment.entity';
import { Location } from './location/location.entity';
import { ProductStock } from './stock/product-stock.type';
import { VariantStock } from './stock/variant-stock.type';
import { ProductStockResolver } from './stock/product-stock.resolver';
import { VariantStockResolver, InventoryLevelResolver } from './stock/variant-stock.resolver';
import { StockMutationsResolver } from './stock/stock-mutations.resolver';
import { InventoryItemResolver } from './stock/inventory-item.resolver';
import { LocationResolver } from './location/location.resolver';
import { defaultLowStockThreshold } from './stock/stock-config';
import { syncVariantsOn } from './catalog/sync-variants.handler';
import { importStockOnCatalogImport } from './catalog/import-stock.handler';
import { loadReservationConfig } from './reservation/reservation-config';
import { reserveStockOnOrderCreated } from './reservation/reserve-stock.handler';
import { commitReservationOnAuthorization, commitReservationOnPayment } from './reservation/commit-reservation.handler';
import { restockCancelledRemainder } from './reservation/restock-cancelled-remainder.handler';
import { releaseReservationOnCancel } from './reservation/release-on-cancel.handler';
import { extendReservationForManualPayment } from './reservation/extend-for-manual-payment.handler';
import { reservationExpiryJob } from './reservation/reservation-expiry.job';
import { CreateInventory1763769600200 } from './migrations/1763769600200-create-inventory';
import { CreateReservations1763769600400 } from './migrations/1763769600400-create-reservations';
import { IsolateByStore1763769605020 } from './migrations/1763769605020-isolate-by-store';
import { StockPerVariantAndLocation1763769621000 } from './migrations/1763769621000-stock-per-variant-and-location';
import { RefundRestocks1763769640300 } from './migrations/1763769640300-refund-restocks';
import { restockOnRefund } from './restock/restock-on-refund.handler';

const reservations = loadReservationConfig();
// read once at start, as before: it only seeds new items now
const lowStockThreshold = defaultLowStockThreshold();

/** Inventory owns stock: per variant and location, on hand, reserved for orders, available, incoming, and the alerts when it runs low. */
export const inventorySubgraph: SubgraphDefinition = {
  name: 'inventory',
  defaultPort: 4004,
  entities: [InventoryItem, StockAdjustment, Location],
  migrations: [
    CreateInventory1763769600200,
    CreateReservations1763769600400,
    IsolateByStore1763769605020,
    StockPerVariantAndLocation1763769621000,
    RefundRestocks1763769640300,
  ],
  publishes: ['inventory'],
  // the staff of a SUSPENDED or CLOSED store may read its stock but not change it
  followsStoreStatus: true,
  consumers: [
    syncVariantsOn('catalog.product-created', () => lowStockThreshold),
    syncVariantsOn('catalog.product-updated', () => lowStockThreshold),
    importStockOnCatalogImport,
    reserveStockOnOrderCreated(reservations),
    commitReservationOnPayment,
    commitReservationOnAuthorization,
    releaseReservationOnCancel,
    restockCancelledRemainder,
    extendReservationForManualPayment,
    restockOnRefund(() => lowStockThreshold),
  ],
  jobs: [reservationExpiryJob(reservations)],
  // what an app's API key may use here (docs/apps-and-api-keys.md)
  appAccess: { read: AppScope.read_inventory, write: AppScope.write_inventory },
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductStockResolver, VariantStockResolver, InventoryLevelResolver, StockMutationsResolver, InventoryItemResolver, LocationResolver],
      referenceResolvers: {
        // every product and variant has stock fields; they read the caller's store's stock only, so another store's
        // (like one whose catalog event is still on its way) shows 0 and no details: nothing of that store's
        Product: {
          __resolveReference: (reference: { id: string }) => (isUuid(reference.id) ? ProductStock.of(reference.id) : null),
        },
        ProductVariant: {
          __resolveReference: (reference: { id: string }) => (isUuid(reference.id) ? VariantStock.of(reference.id) : null),
        },
      },
    }),
};
