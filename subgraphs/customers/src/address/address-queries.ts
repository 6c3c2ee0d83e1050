import { In } from 'typeorm';
import type { SubgraphContext } from '@ultramarket/kit';
import { CustomerAddress } from './customer-address.entity';
import { storeOfCaller } from '../customer/customer-access';

/** Addresses of many customers in one statement per request: the default first, then newest first. */
export function loadAddresses(context: SubgraphContext, customerId: string): Promise<CustomerAddress[]> {
  return context.loaders
    .get<string, CustomerAddress[]>('addressesByCustomer', (customerIds) =>
      context.storeDb.read(async (manager) => {
        const storeId = storeOfCaller(context);
        const rows = await manager.getRepository(CustomerAddress).find({
          where: storeId ? { customerId: In([...customerIds]), storeId } : { customerId: In([...customerIds]) },
          order: { isDefault: 'DESC', createdAt: 'DESC', id: 'DESC' },
        });
        return customerIds.map((customerId) => rows.filter((row) => row.customerId === customerId));
      }),
    )
    .load(customerId);
}
