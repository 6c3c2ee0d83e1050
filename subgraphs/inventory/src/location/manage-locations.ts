import { badUserInput, traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { staffStore } from '../stock/staff-store';
import { Location } from './location.entity';
import { defaultLocationOf } from './default-location';
import { announceLocationStatus, lockItemsAt } from './location-status-stock';
import type { CreateLocationInput, UpdateLocationInput } from './location.inputs';

const ADDRESS_FIELDS = ['addressLine1', 'addressLine2', 'city', 'province', 'postalCode', 'countryCode'] as const;

/** A new location of the caller's store (its default location is made first, so "Default" always exists); its code is unique in the store (CODE_TAKEN). */
export async function createLocation(context: SubgraphContext, input: CreateLocationInput): Promise<Location | UserError> {
  const store = await staffStore(context, 'locations');
  if ('error' in store) return store.error;
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    await defaultLocationOf(tx.manager, store.storeId);
    const address = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, input[field] ?? null]));
    const [created]: { id: string }[] = await tx.manager.query(
      `INSERT INTO location (store_id, name, code, priority, address_line1, address_line2, city, province, postal_code, country_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (store_id, code) DO NOTHING RETURNING id`,
      [store.storeId, input.name, input.code, input.priority ?? 10, ...ADDRESS_FIELDS.map((field) => address[field])],
    );
    if (!created) return UserError.of('CODE_TAKEN', `Another location of this store has the code ${input.code}`, ['input', 'code']);
    return tx.manager.getRepository(Location).findOneByOrFail({ id: created.id, storeId: store.storeId });
  });
}

/**
 * Renames, re-prioritises, re-addresses, deactivates or reactivates a location of the caller's
 * store. Deactivating one where units are reserved is refused (LOCATION_IN_USE): its items are locked
 * first, so a reservation in flight either commits before the check sees it or waits for the change.
 * A change of `active` publishes inventory.stock-changed for every item kept there, in the same
 * transaction: their variants' units across active locations change with it (location-status-stock.ts).
 */
export async function updateLocation(context: SubgraphContext, input: UpdateLocationInput): Promise<Location | UserError> {
  const store = await staffStore(context, 'locations');
  if ('error' in store) return store.error;
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== null) changes.name = input.name;
  if (input.priority !== undefined && input.priority !== null) changes.priority = input.priority;
  if (input.active !== undefined && input.active !== null) changes.active = input.active;
  for (const field of ADDRESS_FIELDS) if (input[field] !== undefined) changes[field] = input[field];
  if (Object.keys(changes).length === 0) throw badUserInput('Nothing to change', [{ field: ['input'], message: 'give at least one field to change' }]);

  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const locations = tx.manager.getRepository(Location);
    const [found]: { id: string; active: boolean }[] = await tx.manager.query(`SELECT id, active FROM location WHERE id = $1 AND store_id = $2 FOR UPDATE`, [
      input.id,
      store.storeId,
    ]);
    if (!found) return UserError.of('NOT_FOUND', 'No such location in your store', ['input', 'id']);
    const statusChanges = changes.active !== undefined && changes.active !== found.active;
    const items = statusChanges ? await lockItemsAt(tx.manager, store.storeId, input.id) : [];
    if (changes.active === false) {
      const reserved = items.reduce((sum, item) => sum + item.reserved, 0);
      if (reserved > 0)
        return UserError.of('LOCATION_IN_USE', `${reserved} units here are reserved for orders: fill or release them first`, ['input', 'active']);
    }
    await locations.update({ id: input.id, storeId: store.storeId }, changes);
    if (statusChanges) await announceLocationStatus(tx, items, changes.active === true);
    return locations.findOneByOrFail({ id: input.id, storeId: store.storeId });
  });
}
