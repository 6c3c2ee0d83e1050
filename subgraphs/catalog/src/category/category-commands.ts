import { randomUUID } from 'node:crypto';
import { managesStore, returnedRows, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { Category } from './category.entity';
import { CategoryEvents, emitProductCategoriesChanged, type CategoryUpdatedData } from './category.events';
import { lockCategoryTree, MAX_CATEGORY_DEPTH, placedAt, renumberSiblings, siblingIds } from './category-tree';
import { CreateCategoryPayload, DeleteCategoryPayload, UpdateCategoryPayload } from './category.payloads';
import type { CreateCategoryInput, DeleteCategoryInput, UpdateCategoryInput } from './category.inputs';
import { slugify } from '../product/product-handle';
import { availableHandleIn } from '../handles';
import { isUniqueViolation, WriteErrors } from '../write-errors';

const STORE_REQUIRED = () => WriteErrors.storeRequired('categories');
const HANDLE_TAKEN = (handle: string) => WriteErrors.handleTaken('category', handle, ['input', 'handle']);
export const categoryNotFound = (field: string[] = ['input', 'id']) => WriteErrors.notFound('category', field);
export const categoryTooDeep = (field: string[]) => UserError.of('CATEGORY_TOO_DEEP', `Categories nest at most ${MAX_CATEGORY_DEPTH} levels deep`, field);

/** Creates a category under `parentId` (a root when none) at `position` among its siblings (last by default). */
export async function createCategory(context: SubgraphContext, input: CreateCategoryInput): Promise<CreateCategoryPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateCategoryPayload.failed(STORE_REQUIRED());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      await lockCategoryTree(tx.manager, storeId);
      const parent = input.parentId ? await findOwnCategory(context, tx, input.parentId) : null;
      if (input.parentId && !parent) return CreateCategoryPayload.failed(categoryNotFound(['input', 'parentId']));
      if (parent && parent.path.length >= MAX_CATEGORY_DEPTH) return CreateCategoryPayload.failed(categoryTooDeep(['input', 'parentId']));
      const repository = tx.manager.getRepository(Category);
      const handle = input.handle ?? (await availableHandleIn(tx.manager, 'category', storeId, slugify(input.name)));
      const siblings = await siblingIds(tx.manager, storeId, parent?.id ?? null);
      const category = repository.create({
        storeId,
        parentId: parent?.id ?? null,
        name: input.name,
        handle,
        description: input.description ?? '',
        position: siblings.length,
        // the path needs the id: generate it here rather than save twice
        id: randomUUID(),
      });
      category.path = [...(parent?.path ?? []), category.id];
      await repository.insert(category);
      await renumberSiblings(tx.manager, placedAt(siblings, category.id, input.position));
      const saved = await repository.findOneByOrFail({ id: category.id });
      await emitCategoryUpdated(tx, saved);
      return CreateCategoryPayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return CreateCategoryPayload.failed(HANDLE_TAKEN(input.handle ?? slugify(input.name)));
    throw error;
  }
}

/** Renames, re-handles or re-describes a category; its place in the tree stays (moveCategory moves it). */
export async function updateCategory(context: SubgraphContext, input: UpdateCategoryInput): Promise<UpdateCategoryPayload> {
  if (!context.caller.storeId) return UpdateCategoryPayload.failed(STORE_REQUIRED());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const category = await findOwnCategory(context, tx, input.id, true);
      if (!category) return UpdateCategoryPayload.failed(categoryNotFound());
      if (input.name !== undefined && input.name !== null) category.name = input.name;
      if (input.handle !== undefined && input.handle !== null) category.handle = input.handle;
      if (input.description !== undefined && input.description !== null) category.description = input.description;
      const saved = await tx.manager.getRepository(Category).save(category);
      await emitCategoryUpdated(tx, saved);
      return UpdateCategoryPayload.ok(saved);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateCategoryPayload.failed(HANDLE_TAKEN(input.handle ?? ''));
    throw error;
  }
}

/**
 * Deletes a leaf category. A category with child categories is refused (`CATEGORY_NOT_EMPTY`): deleting
 * it would either take a whole subtree with it or silently re-parent it, and neither should happen by
 * accident; the merchant moves or deletes the children first. Products assigned to it are taken out
 * of it (they stay in their other categories) and each gets its catalog.product-categories-changed.
 */
export async function deleteCategory(context: SubgraphContext, input: DeleteCategoryInput): Promise<DeleteCategoryPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return DeleteCategoryPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    await lockCategoryTree(tx.manager, storeId);
    const category = await findOwnCategory(context, tx, input.id, true);
    if (!category) return DeleteCategoryPayload.failed(categoryNotFound());
    const [children]: { n: number }[] = await tx.manager.query(`SELECT count(*)::int AS n FROM category WHERE parent_id = $1`, [category.id]);
    if (children.n > 0) {
      return DeleteCategoryPayload.failed(UserError.of('CATEGORY_NOT_EMPTY', 'This category has child categories: move or delete them first', ['input', 'id']));
    }
    const assigned = await returnedRows<{ product_id: string }>(tx.manager, `DELETE FROM product_category WHERE category_id = $1 RETURNING product_id`, [
      category.id,
    ]);
    await tx.manager.query(`DELETE FROM category WHERE id = $1`, [category.id]);
    await renumberSiblings(tx.manager, await siblingIds(tx.manager, category.storeId, category.parentId));
    await emitProductCategoriesChanged(
      tx,
      category.storeId,
      assigned.map((row) => row.product_id),
    );
    await tx.emit({
      type: CategoryEvents.categoryDeleted,
      storeId: category.storeId,
      aggregateId: category.id,
      aggregateVersion: category.version + 1,
      data: { categoryId: category.id },
    });
    return DeleteCategoryPayload.ok(category.id);
  });
}

/**
 * A category of the caller's store (row-level security and the store condition both say so), optionally
 * locked for this transaction; null for another store's or a missing one.
 */
export async function findOwnCategory(context: SubgraphContext, tx: Tx, id: string, lock = false): Promise<Category | null> {
  const storeId = context.caller.storeId;
  const category = await tx.manager
    .getRepository(Category)
    .findOne({ where: storeId ? { id, storeId } : { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  return category && managesStore(context.caller, category.storeId) ? category : null;
}

export async function emitCategoryUpdated(tx: Tx, category: Category): Promise<void> {
  const data: CategoryUpdatedData = { categoryId: category.id, parentId: category.parentId, handle: category.handle, name: category.name };
  await tx.emit({ type: CategoryEvents.categoryUpdated, storeId: category.storeId, aggregateId: category.id, aggregateVersion: category.version, data });
}
