import { isUuid, managesStore, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { isUniqueViolation, STORE_REQUIRED } from '../customer/customer-commands';
import { CustomerSegment } from './customer-segment.entity';
import { checkRules, type Rules } from './segment-sql';
import { lockStoreSegments, refreshSegment } from './segment-membership';
import type { CreateCustomerSegmentInput, DeleteCustomerSegmentInput, UpdateCustomerSegmentInput } from './segment.inputs';
import { CreateCustomerSegmentPayload, DeleteCustomerSegmentPayload, UpdateCustomerSegmentPayload } from './segment.payloads';

/** One statement evaluates every segment for a changed customer: keep it a sensible size. */
export const MAX_SEGMENTS_PER_STORE = 100;

const NAME_TAKEN = (name: string) => UserError.of('NAME_TAKEN', `Another segment of this store is already called "${name}"`, ['input', 'name']);
const SEGMENT_NOT_FOUND = () => UserError.of('NOT_FOUND', 'No such segment in your store', ['input', 'id']);

/** The segment, locked after the store's exclusive segment lock, if the caller manages its store. */
async function lockOwnSegment(context: SubgraphContext, tx: Tx, id: string): Promise<CustomerSegment | null> {
  if (!isUuid(id)) return null;
  const storeId = context.caller.storeId;
  const repository = tx.manager.getRepository(CustomerSegment);
  const found = await repository.findOneBy(storeId ? { id, storeId } : { id });
  if (!found || !managesStore(context.caller, found.storeId)) return null;
  await lockStoreSegments(tx.manager, found.storeId, true);
  return repository.findOne({ where: { id, storeId: found.storeId }, lock: { mode: 'pessimistic_write' } });
}

export async function createCustomerSegment(context: SubgraphContext, input: CreateCustomerSegmentInput): Promise<CreateCustomerSegmentPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateCustomerSegmentPayload.failed(STORE_REQUIRED());
  const checked = checkRules(input.rules as Rules, ['input', 'rules']);
  if (checked.errors.length > 0) return CreateCustomerSegmentPayload.failed(...checked.errors);
  const name = input.name.trim();
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      await lockStoreSegments(tx.manager, storeId, true);
      const repository = tx.manager.getRepository(CustomerSegment);
      if ((await repository.countBy({ storeId })) >= MAX_SEGMENTS_PER_STORE) {
        return CreateCustomerSegmentPayload.failed(UserError.of('SEGMENT_LIMIT', `A store can have at most ${MAX_SEGMENTS_PER_STORE} segments`));
      }
      const segment = await repository.save(repository.create({ storeId, name, match: checked.rules.match, conditions: checked.rules.conditions }));
      await refreshSegment(tx, { id: segment.id, storeId, ...checked.rules });
      return CreateCustomerSegmentPayload.ok(segment);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return CreateCustomerSegmentPayload.failed(NAME_TAKEN(name));
    throw error;
  }
}

export async function updateCustomerSegment(context: SubgraphContext, input: UpdateCustomerSegmentInput): Promise<UpdateCustomerSegmentPayload> {
  const checked = input.rules ? checkRules(input.rules as Rules, ['input', 'rules']) : null;
  if (checked && checked.errors.length > 0) return UpdateCustomerSegmentPayload.failed(...checked.errors);
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const segment = await lockOwnSegment(context, tx, input.id);
      if (!segment) return UpdateCustomerSegmentPayload.failed(SEGMENT_NOT_FOUND());
      if (input.name !== undefined && input.name !== null) segment.name = input.name.trim();
      if (checked) {
        segment.match = checked.rules.match;
        segment.conditions = checked.rules.conditions;
      }
      const saved = await tx.manager.getRepository(CustomerSegment).save(segment);
      if (checked) await refreshSegment(tx, { id: saved.id, storeId: saved.storeId, ...checked.rules });
      return UpdateCustomerSegmentPayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateCustomerSegmentPayload.failed(NAME_TAKEN(input.name ?? ''));
    throw error;
  }
}

export async function deleteCustomerSegment(context: SubgraphContext, input: DeleteCustomerSegmentInput): Promise<DeleteCustomerSegmentPayload> {
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const segment = await lockOwnSegment(context, tx, input.id);
    if (!segment) return DeleteCustomerSegmentPayload.failed(SEGMENT_NOT_FOUND());
    // its memberships go with it (ON DELETE CASCADE)
    await tx.manager.query(`DELETE FROM customer_segment WHERE id = $1 AND store_id = $2`, [segment.id, segment.storeId]);
    return DeleteCustomerSegmentPayload.ok(segment.id);
  });
}
