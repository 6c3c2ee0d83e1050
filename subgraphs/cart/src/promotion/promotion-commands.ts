import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { CartErrors } from '../cart/cart-errors';
import { Promotion } from './promotion.entity';
import type { CreatePromotionInput, DeactivatePromotionInput, UpdatePromotionInput } from './promotion.inputs';
import { CreatePromotionPayload, DeactivatePromotionPayload, UpdatePromotionPayload } from './promotion.payloads';
import { plannedPromotion } from './promotion-rules';
import { PromotionErrors } from './promotion-errors';
import { unknownTargetRefusal } from './promotion-targets';

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown) =>
  (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION || (error as { code?: string }).code === UNIQUE_VIOLATION;

/** Creates a discount code or automatic promotion of the caller's store (its staff); a code taken in the store writes nothing. */
export async function createPromotion(context: SubgraphContext, input: CreatePromotionInput): Promise<CreatePromotionPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreatePromotionPayload.failed(CartErrors.storeRequired());
  const planned = plannedPromotion(null, input);
  if (planned instanceof UserError) return CreatePromotionPayload.failed(planned);
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const unknownTarget = await unknownTargetRefusal(tx.manager, storeId, planned);
      if (unknownTarget) return CreatePromotionPayload.failed(unknownTarget);
      const repository = tx.manager.getRepository(Promotion);
      const saved = await repository.save(repository.create({ ...planned, storeId, timesUsed: 0 }));
      return CreatePromotionPayload.ok(await repository.findOneByOrFail({ id: saved.id, storeId }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) return CreatePromotionPayload.failed(PromotionErrors.codeTaken(planned.code!));
    throw error;
  }
}

/** Changes a promotion of the caller's store: fields left out keep their values; the result must still hold together. */
export async function updatePromotion(context: SubgraphContext, input: UpdatePromotionInput): Promise<UpdatePromotionPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return UpdatePromotionPayload.failed(CartErrors.storeRequired());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const repository = tx.manager.getRepository(Promotion);
      const current = await repository.findOne({ where: { id: input.id, storeId }, lock: { mode: 'pessimistic_write' } });
      if (!current) return UpdatePromotionPayload.failed(PromotionErrors.notFound());
      const planned = plannedPromotion(current, input);
      if (planned instanceof UserError) return UpdatePromotionPayload.failed(planned);
      const unknownTarget = await unknownTargetRefusal(tx.manager, storeId, planned);
      if (unknownTarget) return UpdatePromotionPayload.failed(unknownTarget);
      await repository.update({ id: current.id, storeId }, { ...planned, updatedAt: new Date() });
      return UpdatePromotionPayload.ok(await repository.findOneByOrFail({ id: current.id, storeId }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdatePromotionPayload.failed(PromotionErrors.codeTaken(input.code!.toUpperCase()));
    throw error;
  }
}

/** Turns a promotion off: carts stop getting it at their next read; it stays listed (and a code stays taken). */
export async function deactivatePromotion(context: SubgraphContext, input: DeactivatePromotionInput): Promise<DeactivatePromotionPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return DeactivatePromotionPayload.failed(CartErrors.storeRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(Promotion);
    const { affected } = await repository.update({ id: input.id, storeId }, { active: false, updatedAt: new Date() });
    if (!affected) return DeactivatePromotionPayload.failed(PromotionErrors.notFound());
    return DeactivatePromotionPayload.ok(await repository.findOneByOrFail({ id: input.id, storeId }));
  });
}
