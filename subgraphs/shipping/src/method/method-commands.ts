import { isUuid, traceOf, type SubgraphContext, type Tx, UserError } from '@ultramarket/kit';
import { ShippingErrors } from '../shipping-errors';
import { isUniqueViolation, storeOfCaller } from '../shipping-store';
import { lockOwnZone } from '../zone/zone-commands';
import type { ShippingZone } from '../zone/shipping-zone.entity';
import { ShippingMethod } from './shipping-method.entity';
import { emitMethodDeleted, emitMethodUpdated } from './method.events';
import { carrierOf, rateRuleOf } from './method-rate';
import type { CreateShippingMethodInput, DeleteShippingMethodInput, UpdateShippingMethodInput } from './method.inputs';
import { CreateShippingMethodPayload, DeleteShippingMethodPayload, UpdateShippingMethodPayload } from './method.payloads';

/** Every method of a store is priced for every cart that asks for rates: keep them a sensible number. */
export const MAX_METHODS_PER_STORE = 200;

async function lockOwnMethod(tx: Tx, storeId: string, id: string): Promise<ShippingMethod | null> {
  return tx.manager.getRepository(ShippingMethod).findOne({ where: { id, storeId }, lock: { mode: 'pessimistic_write' } });
}

export async function createShippingMethod(context: SubgraphContext, input: CreateShippingMethodInput): Promise<CreateShippingMethodPayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return CreateShippingMethodPayload.failed(ShippingErrors.storeRequired());
  const name = input.name.trim();
  const rule = rateRuleOf(input.rate);
  const carrier = carrierOf(input.carrier, name);
  const errors = [rule, carrier].filter((checked): checked is UserError => checked instanceof UserError);
  if (errors.length > 0) return CreateShippingMethodPayload.failed(...errors);
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      // the zone is locked so that a concurrent zone change republishes this method too, and the store's creators queue for the limit
      const zone = await lockOwnZone(tx, storeId, input.zoneId);
      if (!zone) return CreateShippingMethodPayload.failed(ShippingErrors.zoneNotFound(['input', 'zoneId']));
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('shipping_method:' || $1))`, [storeId]);
      const repository = tx.manager.getRepository(ShippingMethod);
      if ((await repository.countBy({ storeId })) >= MAX_METHODS_PER_STORE)
        return CreateShippingMethodPayload.failed(ShippingErrors.methodLimit(MAX_METHODS_PER_STORE));
      const settings = carrier as Exclude<typeof carrier, UserError>;
      const method = await repository.save(
        repository.create({
          storeId,
          zoneId: zone.id,
          name,
          currencyCode: input.currencyCode,
          rateRule: rule as Exclude<typeof rule, UserError>,
          freeOverSubtotalAmount: input.freeOverSubtotal ?? null,
          taxClass: input.taxClass?.trim() || null,
          carrierCode: settings.code,
          carrierName: settings.name,
          trackingUrlTemplate: settings.trackingUrlTemplate,
        }),
      );
      await emitMethodUpdated(tx, method, zone);
      return CreateShippingMethodPayload.ok(method);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return CreateShippingMethodPayload.failed(ShippingErrors.methodNameTaken(name));
    throw error;
  }
}

export async function updateShippingMethod(context: SubgraphContext, input: UpdateShippingMethodInput): Promise<UpdateShippingMethodPayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return UpdateShippingMethodPayload.failed(ShippingErrors.storeRequired());
  const name = input.name?.trim();
  const rule = input.rate ? rateRuleOf(input.rate) : null;
  const carrier = input.carrier ? carrierOf(input.carrier, name ?? '') : null;
  const errors = [rule, carrier].filter((checked): checked is UserError => checked instanceof UserError);
  if (errors.length > 0) return UpdateShippingMethodPayload.failed(...errors);
  if (!isUuid(input.id)) return UpdateShippingMethodPayload.failed(ShippingErrors.methodNotFound());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      // zones before methods, as updateShippingZone locks them, so that the two never wait on each other
      const current = await tx.manager.getRepository(ShippingMethod).findOneBy({ id: input.id, storeId });
      if (!current) return UpdateShippingMethodPayload.failed(ShippingErrors.methodNotFound());
      const targetZoneId = input.zoneId ?? current.zoneId;
      const locked = new Map<string, ShippingZone | null>();
      for (const zoneId of [...new Set([targetZoneId, current.zoneId])].sort()) locked.set(zoneId, await lockOwnZone(tx, storeId, zoneId));
      const zone = locked.get(targetZoneId);
      if (!zone) return UpdateShippingMethodPayload.failed(ShippingErrors.zoneNotFound(['input', 'zoneId']));
      const method = await lockOwnMethod(tx, storeId, input.id);
      if (!method) return UpdateShippingMethodPayload.failed(ShippingErrors.methodNotFound());
      method.zoneId = zone.id;
      if (name) method.name = name;
      if (rule) method.rateRule = rule as Exclude<typeof rule, UserError>;
      if (input.freeOverSubtotal !== undefined) method.freeOverSubtotalAmount = input.freeOverSubtotal;
      if (input.taxClass !== undefined) method.taxClass = input.taxClass?.trim() || null;
      if (carrier) {
        const settings = carrier as Exclude<typeof carrier, UserError>;
        Object.assign(method, { carrierCode: settings.code, carrierName: settings.name, trackingUrlTemplate: settings.trackingUrlTemplate });
      }
      method.updatedAt = new Date();
      const saved = await tx.manager.getRepository(ShippingMethod).save(method);
      await emitMethodUpdated(tx, saved, zone);
      return UpdateShippingMethodPayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateShippingMethodPayload.failed(ShippingErrors.methodNameTaken(name ?? ''));
    throw error;
  }
}

export async function deleteShippingMethod(context: SubgraphContext, input: DeleteShippingMethodInput): Promise<DeleteShippingMethodPayload> {
  const storeId = storeOfCaller(context);
  if (!storeId) return DeleteShippingMethodPayload.failed(ShippingErrors.storeRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const method = await lockOwnMethod(tx, storeId, input.id);
    if (!method) return DeleteShippingMethodPayload.failed(ShippingErrors.methodNotFound());
    await tx.manager.query(`DELETE FROM shipping_method WHERE id = $1 AND store_id = $2`, [method.id, storeId]);
    await emitMethodDeleted(tx, method);
    return DeleteShippingMethodPayload.ok(method.id);
  });
}
