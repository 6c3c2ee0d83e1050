import { buildFederatedSchema, envReader, type SubgraphDefinition } from '@ultramarket/kit';
import { InventoryItem } from './stock/inventory-item.entity';
import { StockAdjustment } from './stock/stock-adjustment.entity';
import { ProductStock } from './stock/product-stock.type';
import { ProductStockResolver } from './stock/product-stock.resolver';
import { createInventoryItemOnProductCreated } from './stock/create-inventory-item.handler';
import { CreateInventory1763769600200 } from './migrations/1763769600200-create-inventory';

const lowStockThreshold = envReader().int('INVENTORY_LOW_STOCK_THRESHOLD', 5, { min: 0 });

/** Inventory owns stock: on hand, reserved, available, and the alerts when it runs low. */
export const inventorySubgraph: SubgraphDefinition = {
  name: 'inventory',
  defaultPort: 4004,
  entities: [InventoryItem, StockAdjustment],
  migrations: [CreateInventory1763769600200],
  publishes: ['inventory'],
  consumers: [createInventoryItemOnProductCreated(lowStockThreshold)],
  schema: () =>
    buildFederatedSchema({
      resolvers: [ProductStockResolver],
      referenceResolvers: {
        // any product id can carry stock fields: a product without an item simply has none
        Product: { __resolveReference: (reference: { id: string }) => ProductStock.of(reference.id) },
      },
    }),
};
