import type { EntityManager } from 'typeorm';
import { isUuid, storefrontVisible, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { Customer } from '../customer/customer.entity';
import { canSeeCustomer } from '../customer/customer-access';
import { lockCustomer } from '../customer/customer-queries';
import { CUSTOMER_NOT_FOUND } from '../customer/customer-commands';
import { refreshCustomerSegments } from '../segment/segment-membership';
import { CustomerAddress } from './customer-address.entity';
import type {
  CreateCustomerAddressInput,
  CustomerAddressInput,
  DeleteCustomerAddressInput,
  SetDefaultCustomerAddressInput,
  UpdateCustomerAddressInput,
} from './address.inputs';
import { CreateCustomerAddressPayload, DeleteCustomerAddressPayload, SetDefaultCustomerAddressPayload, UpdateCustomerAddressPayload } from './address.payloads';

const ADDRESS_NOT_FOUND = () => UserError.of('NOT_FOUND', 'No such address', ['input', 'id']);

function fieldsOf(input: CustomerAddressInput) {
  return {
    name: input.name.trim(),
    company: input.company ?? null,
    line1: input.line1.trim(),
    line2: input.line2 ?? null,
    city: input.city.trim(),
    province: input.province ?? null,
    postalCode: input.postalCode.trim(),
    countryCode: input.countryCode,
    phone: input.phone ?? null,
  };
}

/**
 * The customer, locked, if the caller may change their addresses: the store's staff, or the
 * shopper whose profile it is (while the storefront is open). Locking the customer serialises
 * every change to their addresses, which is what keeps exactly one default.
 */
async function lockCustomerFor(context: SubgraphContext, tx: Tx, customerId: string): Promise<Customer | UserError> {
  const customer = await lockCustomer(tx.manager, context.caller.storeId, customerId);
  if (!customer || !canSeeCustomer(context.caller, customer)) return CUSTOMER_NOT_FOUND(['input', 'customerId']);
  if (customer.userId === context.caller.userId && !storefrontVisible(await context.storeStatuses.of(customer.storeId))) {
    return UserError.of('STORE_UNAVAILABLE', 'This store is not open: its customer accounts cannot be changed now');
  }
  return customer;
}

/** The address and its customer, both locked (customer first), if the caller may change it. */
async function lockAddress(context: SubgraphContext, tx: Tx, id: string): Promise<{ address: CustomerAddress; customer: Customer } | UserError> {
  if (!isUuid(id)) return ADDRESS_NOT_FOUND();
  const storeId = context.caller.storeId;
  const repository = tx.manager.getRepository(CustomerAddress);
  const found = await repository.findOneBy(storeId ? { id, storeId } : { id });
  if (!found) return ADDRESS_NOT_FOUND();
  const customer = await lockCustomerFor(context, tx, found.customerId);
  if (customer instanceof UserError) return customer.code === 'NOT_FOUND' ? ADDRESS_NOT_FOUND() : customer;
  const address = await repository.findOne({ where: { id, customerId: customer.id, storeId: customer.storeId }, lock: { mode: 'pessimistic_write' } });
  return address ? { address, customer } : ADDRESS_NOT_FOUND();
}

async function clearDefault(manager: EntityManager, customer: Customer): Promise<void> {
  await manager.query(`UPDATE customer_address SET is_default = false, updated_at = now() WHERE customer_id = $1 AND store_id = $2 AND is_default`, [
    customer.id,
    customer.storeId,
  ]);
}

export async function createCustomerAddress(context: SubgraphContext, input: CreateCustomerAddressInput): Promise<CreateCustomerAddressPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const customer = await lockCustomerFor(context, tx, input.customerId);
    if (customer instanceof UserError) return CreateCustomerAddressPayload.failed(customer);
    const repository = tx.manager.getRepository(CustomerAddress);
    const isFirst = (await repository.countBy({ customerId: customer.id, storeId: customer.storeId })) === 0;
    const isDefault = isFirst || input.setAsDefault === true;
    if (isDefault) await clearDefault(tx.manager, customer);
    const address = await repository.save(repository.create({ ...fieldsOf(input.address), storeId: customer.storeId, customerId: customer.id, isDefault }));
    await refreshCustomerSegments(tx, customer.storeId, customer.id);
    return CreateCustomerAddressPayload.ok(address, customer);
  });
}

export async function updateCustomerAddress(context: SubgraphContext, input: UpdateCustomerAddressInput): Promise<UpdateCustomerAddressPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const found = await lockAddress(context, tx, input.id);
    if (found instanceof UserError) return UpdateCustomerAddressPayload.failed(found);
    const saved = await tx.manager.getRepository(CustomerAddress).save(Object.assign(found.address, fieldsOf(input.address)));
    await refreshCustomerSegments(tx, found.customer.storeId, found.customer.id);
    return UpdateCustomerAddressPayload.ok(saved, found.customer);
  });
}

export async function setDefaultCustomerAddress(context: SubgraphContext, input: SetDefaultCustomerAddressInput): Promise<SetDefaultCustomerAddressPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const found = await lockAddress(context, tx, input.id);
    if (found instanceof UserError) return SetDefaultCustomerAddressPayload.failed(found);
    const { address, customer } = found;
    if (!address.isDefault) {
      await clearDefault(tx.manager, customer);
      address.isDefault = true;
      await tx.manager.getRepository(CustomerAddress).save(address);
      await refreshCustomerSegments(tx, customer.storeId, customer.id);
    }
    return SetDefaultCustomerAddressPayload.ok(address, customer);
  });
}

export async function deleteCustomerAddress(context: SubgraphContext, input: DeleteCustomerAddressInput): Promise<DeleteCustomerAddressPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const found = await lockAddress(context, tx, input.id);
    if (found instanceof UserError) return DeleteCustomerAddressPayload.failed(found);
    const { address, customer } = found;
    await tx.manager.query(`DELETE FROM customer_address WHERE id = $1 AND store_id = $2`, [address.id, customer.storeId]);
    if (address.isDefault) {
      // the most recently added of the others becomes the default
      await tx.manager.query(
        `UPDATE customer_address SET is_default = true, updated_at = now()
         WHERE id = (SELECT id FROM customer_address WHERE customer_id = $1 AND store_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1)`,
        [customer.id, customer.storeId],
      );
    }
    await refreshCustomerSegments(tx, customer.storeId, customer.id);
    return DeleteCustomerAddressPayload.ok(address.id, customer);
  });
}
