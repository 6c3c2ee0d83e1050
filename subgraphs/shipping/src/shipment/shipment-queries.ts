import { In } from 'typeorm';
import { byKeys, isUuid, type SubgraphContext } from '@ultramarket/kit';
import { Shipment, ShipmentLine, ShipmentTrackingEvent } from './shipment.entity';

/** Shipments by id in the caller's store, batched per request. */
export function loadShipment(context: SubgraphContext, id: string): Promise<Shipment | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return context.loaders
    .get<string, Shipment | null>('shipmentById', (ids) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager.getRepository(Shipment).findBy({ id: In([...ids]), ...context.storeDb.whereStore() });
        return byKeys(ids, rows, (row) => row.id);
      }),
    )
    .load(id);
}

/** Each order's shipments in the caller's store, oldest first, one statement per request; none without a store. */
export function loadOrderShipments(context: SubgraphContext, orderId: string): Promise<Shipment[]> {
  if (context.storeDb.scope === null || !isUuid(orderId)) return Promise.resolve([]);
  return context.loaders
    .get<string, Shipment[]>('shipmentsByOrder', (orderIds) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager
          .getRepository(Shipment)
          .find({ where: { orderId: In([...orderIds]), ...context.storeDb.whereStore() }, order: { createdAt: 'ASC', id: 'ASC' } });
        return orderIds.map((id) => rows.filter((row) => row.orderId === id));
      }),
    )
    .load(orderId);
}

/** Each shipment's lines, one statement per request. */
export function loadShipmentLines(context: SubgraphContext, shipmentId: string): Promise<ShipmentLine[]> {
  return context.loaders
    .get<string, ShipmentLine[]>('shipmentLines', (ids) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager.getRepository(ShipmentLine).find({ where: { shipmentId: In([...ids]) }, order: { variantId: 'ASC' } });
        return ids.map((id) => rows.filter((row) => row.shipmentId === id));
      }),
    )
    .load(shipmentId);
}

/** Each shipment's tracking history, oldest first, one statement per request. */
export function loadTrackingEvents(context: SubgraphContext, shipmentId: string): Promise<ShipmentTrackingEvent[]> {
  return context.loaders
    .get<string, ShipmentTrackingEvent[]>('shipmentTrackingEvents', (ids) =>
      context.storeDb.read(async (manager) => {
        const rows = await manager.getRepository(ShipmentTrackingEvent).find({ where: { shipmentId: In([...ids]) }, order: { id: 'ASC' } });
        return ids.map((id) => rows.filter((row) => row.shipmentId === id));
      }),
    )
    .load(shipmentId);
}
