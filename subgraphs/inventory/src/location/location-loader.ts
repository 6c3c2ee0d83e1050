import { In } from 'typeorm';
import { byKeys, type SubgraphContext } from '@ultramarket/kit';
import { Location } from './location.entity';

/** Locations by id, batched per request and read in the caller's store only. */
export function loadLocation(context: SubgraphContext, locationId: string): Promise<Location | null> {
  const storeId = context.caller.storeId;
  return context.loaders
    .get<string, Location | null>('locationById', async (ids) => {
      if (!storeId) return ids.map(() => null);
      const rows = await context.storeDb.read((manager) => manager.getRepository(Location).findBy({ id: In([...ids]), storeId }));
      return byKeys(ids, rows, (row) => row.id);
    })
    .load(locationId);
}
