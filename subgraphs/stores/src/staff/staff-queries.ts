import { forbidden, inScope, type SubgraphContext } from '@ultramarket/kit';
import { worksIn } from './store-membership';
import { StoreStaffMember } from './store-staff.entity';

/** A store's staff, for its own staff and platform admins; read in the store's scope. */
export async function listStoreStaff(context: SubgraphContext, storeId: string): Promise<StoreStaffMember[]> {
  if (!(await worksIn(context, storeId))) throw forbidden("Only the store's staff and platform admins may see who works there");
  return inScope(context.db, storeId, (manager) =>
    manager.getRepository(StoreStaffMember).find({ where: { storeId }, order: { addedAt: 'ASC', userId: 'ASC' } }),
  );
}
