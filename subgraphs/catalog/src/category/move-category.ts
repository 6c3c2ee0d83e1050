import { traceOf, UserError, type SubgraphContext } from '@ultramarket/kit';
import { Category } from './category.entity';
import { emitProductCategoriesChanged, productsUnder } from './category.events';
import { lockCategoryTree, MAX_CATEGORY_DEPTH, placedAt, renumberSiblings, siblingIds, subtreeHeight } from './category-tree';
import { categoryNotFound, categoryTooDeep, emitCategoryUpdated, findOwnCategory } from './category-commands';
import { MoveCategoryPayload } from './category.payloads';
import type { MoveCategoryInput } from './category.inputs';
import { WriteErrors } from '../write-errors';

/**
 * Moves a category, with its whole subtree, under `parentId` (a root when null) at `position` among
 * its new siblings. Refused, changing nothing, when the new parent is the category itself or below it
 * (`CATEGORY_CYCLE`) or when the subtree would reach deeper than 10 levels (`CATEGORY_TOO_DEEP`).
 * The subtree's paths are rewritten in one statement; every product in it gets its
 * catalog.product-categories-changed (its ancestor-expanded ids changed).
 */
export async function moveCategory(context: SubgraphContext, input: MoveCategoryInput): Promise<MoveCategoryPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return MoveCategoryPayload.failed(WriteErrors.storeRequired('categories'));
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    await lockCategoryTree(tx.manager, storeId);
    const category = await findOwnCategory(context, tx, input.id, true);
    if (!category) return MoveCategoryPayload.failed(categoryNotFound());
    const parentId = input.parentId ?? null;
    const parent = parentId ? await findOwnCategory(context, tx, parentId) : null;
    if (parentId && !parent) return MoveCategoryPayload.failed(categoryNotFound(['input', 'parentId']));
    if (parent?.path.includes(category.id)) {
      return MoveCategoryPayload.failed(UserError.of('CATEGORY_CYCLE', 'A category cannot move under itself or one of its descendants', ['input', 'parentId']));
    }
    const newPath = [...(parent?.path ?? []), category.id];
    if (newPath.length - 1 + (await subtreeHeight(tx.manager, category.id, category.path.length)) > MAX_CATEGORY_DEPTH) {
      return MoveCategoryPayload.failed(categoryTooDeep(['input', 'parentId']));
    }

    const oldParentId = category.parentId;
    if (oldParentId !== parentId) {
      // every row of the subtree: the new prefix, then what followed the category in its old path
      await tx.manager.query(`UPDATE category SET path = $1::uuid[] || path[$2 + 1:], updated_at = now() WHERE path @> ARRAY[$3::uuid]`, [
        newPath,
        category.path.length,
        category.id,
      ]);
      await tx.manager.query(`UPDATE category SET parent_id = $1 WHERE id = $2`, [parentId, category.id]);
      await renumberSiblings(tx.manager, await siblingIds(tx.manager, storeId, oldParentId));
    }
    await renumberSiblings(tx.manager, placedAt(await siblingIds(tx.manager, storeId, parentId), category.id, input.position));
    // a move is a change of the category: its version rises for the event and the answer
    await tx.manager.query(`UPDATE category SET version = version + 1, updated_at = now() WHERE id = $1`, [category.id]);
    const saved = await tx.manager.getRepository(Category).findOneByOrFail({ id: category.id });
    if (oldParentId !== parentId) await emitProductCategoriesChanged(tx, storeId, await productsUnder(tx.manager, category.id));
    await emitCategoryUpdated(tx, saved);
    return MoveCategoryPayload.ok(saved);
  });
}
