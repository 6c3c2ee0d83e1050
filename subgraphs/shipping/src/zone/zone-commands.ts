import { traceOf, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { ShippingErrors } from '../shipping-errors';
import { isUniqueViolation, storeOfCaller } from '../shipping-store';
import { ShippingMethod } from '../method/shipping-method.entity';
import { emitMethodUpdated } from '../method/method.events';
import { ShippingZone } from './shipping-zone.entity';
import { checkRegions } from './zone-regions';
import type { CreateShippingZoneInput, DeleteShippingZoneInput, UpdateShippingZoneInput } from './zone.inputs';
import { CreateShippingZonePayload, DeleteShippingZonePayload, UpdateShippingZonePayload } from './zone.payloads';

/** A store's zones are listed in full for every cart that asks for rates: keep them a sensible number. */
export const MAX_ZONES_PER_STORE = 100;

/** The caller's store's zone by id, locked for this transaction; null when it is not in the store. */
export async function lockOwnZone(tx: Tx, storeId: string, id: string): Promise<ShippingZone | null> {
  return tx.manager.getRepository(ShippingZone).findOne({ where: { id, storeId }, lock: { mode: 'pessimistic_write' } });
}

export async function createShippingZone(context: SubgraphContext, input: CreateShippingZoneInput): Promise<CreateShippingZonePayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return CreateShippingZonePayload.failed(ShippingErrors.storeRequired());
  const checked = checkRegions(input.regions);
  if (checked.errors.length > 0) return CreateShippingZonePayload.failed(...checked.errors);
  const name = input.name.trim();
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      // one creator at a time per store, so the limit holds under concurrency
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('shipping_zone:' || $1))`, [storeId]);
      const repository = tx.manager.getRepository(ShippingZone);
      if ((await repository.countBy({ storeId })) >= MAX_ZONES_PER_STORE)
        return CreateShippingZonePayload.failed(ShippingErrors.zoneLimit(MAX_ZONES_PER_STORE));
      const zone = await repository.save(repository.create({ storeId, name, regions: checked.regions }));
      return CreateShippingZonePayload.ok(zone);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return CreateShippingZonePayload.failed(ShippingErrors.zoneNameTaken(name));
    throw error;
  }
}

/** Renames a zone or replaces its regions; each of its methods is republished (one version up) with the zone as it now is. */
export async function updateShippingZone(context: SubgraphContext, input: UpdateShippingZoneInput): Promise<UpdateShippingZonePayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return UpdateShippingZonePayload.failed(ShippingErrors.storeRequired());
  const checked = input.regions ? checkRegions(input.regions) : null;
  if (checked && checked.errors.length > 0) return UpdateShippingZonePayload.failed(...checked.errors);
  const name = input.name?.trim();
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const zone = await lockOwnZone(tx, storeId, input.id);
      if (!zone) return UpdateShippingZonePayload.failed(ShippingErrors.zoneNotFound());
      if (name) zone.name = name;
      if (checked) zone.regions = checked.regions;
      const saved = await tx.manager.getRepository(ShippingZone).save(zone);
      await tx.manager.query(`UPDATE shipping_method SET version = version + 1, updated_at = now() WHERE zone_id = $1 AND store_id = $2`, [zone.id, storeId]);
      const methods = await tx.manager.getRepository(ShippingMethod).find({ where: { zoneId: zone.id, storeId }, order: { createdAt: 'ASC', id: 'ASC' } });
      for (const method of methods) await emitMethodUpdated(tx, method, saved);
      return UpdateShippingZonePayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateShippingZonePayload.failed(ShippingErrors.zoneNameTaken(name ?? ''));
    throw error;
  }
}

/** Deletes a zone that has no methods left (cart's read model would otherwise hold methods of a zone that is gone). */
export async function deleteShippingZone(context: SubgraphContext, input: DeleteShippingZoneInput): Promise<DeleteShippingZonePayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return DeleteShippingZonePayload.failed(ShippingErrors.storeRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const zone = await lockOwnZone(tx, storeId, input.id);
    if (!zone) return DeleteShippingZonePayload.failed(ShippingErrors.zoneNotFound());
    const methods = await tx.manager.getRepository(ShippingMethod).countBy({ zoneId: zone.id, storeId });
    if (methods > 0) return DeleteShippingZonePayload.failed(ShippingErrors.zoneInUse(methods));
    await tx.manager.query(`DELETE FROM shipping_zone WHERE id = $1 AND store_id = $2`, [zone.id, storeId]);
    return DeleteShippingZonePayload.ok(zone.id);
  });
}
