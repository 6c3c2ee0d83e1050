import { managesStore, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { Customer } from './customer.entity';
import { CustomerEvents, customerEventData } from './customer.events';
import { lockCustomer } from './customer-queries';
import { normalizeTags, type CreateCustomerInput, type UpdateCustomerInput, type DeleteCustomerInput } from './customer.inputs';
import { CreateCustomerPayload, DeleteCustomerPayload, UpdateCustomerPayload } from './customer.payloads';
import { lockStoreSegments, refreshCustomerSegments } from '../segment/segment-membership';

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { driverError?: { code?: string }; code?: string }).driverError?.code === UNIQUE_VIOLATION ||
    (error as { code?: string }).code === UNIQUE_VIOLATION
  );
}

const EMAIL_TAKEN = (email: string) => UserError.of('EMAIL_TAKEN', `Another customer of this store already uses ${email}`, ['input', 'email']);
export const STORE_REQUIRED = () => UserError.of('STORE_REQUIRED', 'Act for a store (a store token or X-Store-Id) to manage its customers');
export const CUSTOMER_NOT_FOUND = (field = ['input', 'id']) => UserError.of('NOT_FOUND', 'No such customer in your store', field);

export async function emitCustomerEvent(
  tx: Tx,
  type: typeof CustomerEvents.created | typeof CustomerEvents.updated | typeof CustomerEvents.deleted,
  customer: Customer,
): Promise<void> {
  await tx.emit({ type, storeId: customer.storeId, aggregateId: customer.id, aggregateVersion: customer.version, data: customerEventData(customer) });
}

/** The customer, locked for this transaction, if the caller manages its store; another store's customer is "not found". */
export async function lockOwnCustomer(context: SubgraphContext, tx: Tx, id: string): Promise<Customer | null> {
  const customer = await lockCustomer(tx.manager, context.caller.storeId, id);
  return customer && managesStore(context.caller, customer.storeId) ? customer : null;
}

export async function createCustomer(context: SubgraphContext, input: CreateCustomerInput): Promise<CreateCustomerPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateCustomerPayload.failed(STORE_REQUIRED());
  const email = input.email.trim();
  try {
    const customer = await context.unitOfWork.run(traceOf(context), async (tx) => {
      await lockStoreSegments(tx.manager, storeId, false);
      const repository = tx.manager.getRepository(Customer);
      const customer = await repository.save(
        repository.create({
          storeId,
          email,
          firstName: input.firstName?.trim() ?? '',
          lastName: input.lastName?.trim() ?? '',
          phone: input.phone ?? null,
          tags: normalizeTags(input.tags ?? []),
          note: input.note ?? '',
          acceptsMarketing: input.acceptsMarketing ?? false,
        }),
      );
      await refreshCustomerSegments(tx, storeId, customer.id);
      await emitCustomerEvent(tx, CustomerEvents.created, customer);
      return customer;
    });
    return CreateCustomerPayload.ok(customer);
  } catch (error) {
    if (isUniqueViolation(error)) return CreateCustomerPayload.failed(EMAIL_TAKEN(email));
    throw error;
  }
}

export async function updateCustomer(context: SubgraphContext, input: UpdateCustomerInput): Promise<UpdateCustomerPayload> {
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const customer = await lockOwnCustomer(context, tx, input.id);
      if (!customer) return UpdateCustomerPayload.failed(CUSTOMER_NOT_FOUND());
      if (input.email !== undefined && input.email !== null) customer.email = input.email.trim();
      if (input.firstName !== undefined && input.firstName !== null) customer.firstName = input.firstName.trim();
      if (input.lastName !== undefined && input.lastName !== null) customer.lastName = input.lastName.trim();
      if (input.phone !== undefined) customer.phone = input.phone ?? null;
      if (input.tags !== undefined && input.tags !== null) customer.tags = normalizeTags(input.tags);
      if (input.note !== undefined && input.note !== null) customer.note = input.note;
      if (input.acceptsMarketing !== undefined && input.acceptsMarketing !== null) customer.acceptsMarketing = input.acceptsMarketing;
      const saved = await tx.manager.getRepository(Customer).save(customer);
      await refreshCustomerSegments(tx, saved.storeId, saved.id);
      await emitCustomerEvent(tx, CustomerEvents.updated, saved);
      return UpdateCustomerPayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateCustomerPayload.failed(EMAIL_TAKEN(input.email ?? ''));
    throw error;
  }
}

export async function deleteCustomer(context: SubgraphContext, input: DeleteCustomerInput): Promise<DeleteCustomerPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const customer = await lockOwnCustomer(context, tx, input.id);
    if (!customer) return DeleteCustomerPayload.failed(CUSTOMER_NOT_FOUND());
    // addresses, order history and segment memberships go with it (ON DELETE CASCADE)
    await tx.manager.query(`DELETE FROM customer WHERE id = $1 AND store_id = $2`, [customer.id, customer.storeId]);
    await emitCustomerEvent(tx, CustomerEvents.deleted, customer);
    return DeleteCustomerPayload.ok(customer.id);
  });
}
