import { managesStore, traceOf, UserError, type SubgraphContext, type Tx } from '@ultramarket/kit';
import { Collection, CollectionKind, CollectionSortOrder } from './collection.entity';
import { CollectionRuleMatch, normalisedRules, type CollectionRule } from './collection-rule';
import { emitCollectionDeleted, emitCollectionUpdated } from './collection.events';
import { recomputeCollection, type MembershipChange } from './collection-membership';
import { CreateCollectionPayload, DeleteCollectionPayload, UpdateCollectionPayload } from './collection.payloads';
import type { CreateCollectionInput, DeleteCollectionInput, UpdateCollectionInput } from './collection.inputs';
import { slugify } from '../product/product-handle';
import { availableHandleIn } from '../handles';
import { isUniqueViolation, WriteErrors } from '../write-errors';

const STORE_REQUIRED = () => WriteErrors.storeRequired('collections');
const HANDLE_TAKEN = (handle: string) => WriteErrors.handleTaken('collection', handle, ['input', 'handle']);
export const collectionNotFound = (field: string[] = ['input', 'id']) => WriteErrors.notFound('collection', field);
const invalidRule = (message: string, field: string[]) => UserError.of('INVALID_COLLECTION_RULE', message, field);
const manualSortOnAutomated = () =>
  UserError.of('INVALID_SORT_ORDER', 'An automated collection has no merchant order: choose CREATED_DESC, TITLE_ASC, PRICE_ASC or PRICE_DESC', [
    'input',
    'sortOrder',
  ]);

/**
 * Creates a collection. An automated one needs at least one valid rule and gets its members at once
 * (every product of the store meeting the rules, in one statement); a manual one has no rules and
 * starts empty. Publishes catalog.collection-updated (with the first members, in chunks of ≤ 500).
 */
export async function createCollection(context: SubgraphContext, input: CreateCollectionInput): Promise<CreateCollectionPayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateCollectionPayload.failed(STORE_REQUIRED());
  const automated = input.kind === CollectionKind.AUTOMATED;
  let rules: CollectionRule[] = [];
  if (automated) {
    if (!input.rules || input.rules.length === 0)
      return CreateCollectionPayload.failed(invalidRule('An automated collection needs at least one rule', ['input', 'rules']));
    const normalised = normalisedRules(input.rules, ['input', 'rules']);
    if (normalised instanceof UserError) return CreateCollectionPayload.failed(normalised);
    rules = normalised;
    if (input.sortOrder === CollectionSortOrder.MANUAL) return CreateCollectionPayload.failed(manualSortOnAutomated());
  } else if ((input.rules && input.rules.length > 0) || input.match) {
    return CreateCollectionPayload.failed(invalidRule('A manual collection has no rules: create an AUTOMATED one for rules', ['input', 'rules']));
  }
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const repository = tx.manager.getRepository(Collection);
      const collection = await repository.save(
        repository.create({
          storeId,
          title: input.title,
          handle: input.handle ?? (await availableHandleIn(tx.manager, 'collection', storeId, slugify(input.title))),
          description: input.description ?? '',
          kind: input.kind,
          rules,
          match: input.match ?? CollectionRuleMatch.ALL,
          sortOrder: input.sortOrder ?? (automated ? CollectionSortOrder.CREATED_DESC : CollectionSortOrder.MANUAL),
          published: input.published ?? false,
        }),
      );
      const change: MembershipChange = automated ? await recomputeCollection(tx, collection) : { added: [], removed: [] };
      await emitCollectionUpdated(tx, collection, change.added, change.removed);
      return CreateCollectionPayload.ok(await repository.findOneByOrFail({ id: collection.id }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) return CreateCollectionPayload.failed(HANDLE_TAKEN(input.handle ?? slugify(input.title)));
    throw error;
  }
}

/**
 * Changes a collection. New rules or a new match on an automated collection are validated, then its
 * members are recomputed in the same transaction; rules on a manual one are refused. Publishes
 * catalog.collection-updated with whoever joined or left.
 */
export async function updateCollection(context: SubgraphContext, input: UpdateCollectionInput): Promise<UpdateCollectionPayload> {
  if (!context.caller.storeId) return UpdateCollectionPayload.failed(STORE_REQUIRED());
  try {
    return await context.unitOfWork.run(traceOf(context), async (tx) => {
      const collection = await findOwnCollection(context, tx, input.id);
      if (!collection) return UpdateCollectionPayload.failed(collectionNotFound());
      const automated = collection.kind === CollectionKind.AUTOMATED;
      let rulesChanged = false;
      if (input.rules !== undefined && input.rules !== null) {
        if (!automated) return UpdateCollectionPayload.failed(invalidRule('A manual collection has no rules', ['input', 'rules']));
        if (input.rules.length === 0) return UpdateCollectionPayload.failed(invalidRule('An automated collection needs at least one rule', ['input', 'rules']));
        const normalised = normalisedRules(input.rules, ['input', 'rules']);
        if (normalised instanceof UserError) return UpdateCollectionPayload.failed(normalised);
        collection.rules = normalised;
        rulesChanged = true;
      }
      if (input.match) {
        if (!automated) return UpdateCollectionPayload.failed(invalidRule('A manual collection has no rules to match', ['input', 'match']));
        rulesChanged ||= collection.match !== input.match;
        collection.match = input.match;
      }
      if (input.sortOrder) {
        if (automated && input.sortOrder === CollectionSortOrder.MANUAL) return UpdateCollectionPayload.failed(manualSortOnAutomated());
        collection.sortOrder = input.sortOrder;
      }
      if (input.title !== undefined && input.title !== null) collection.title = input.title;
      if (input.handle !== undefined && input.handle !== null) collection.handle = input.handle;
      if (input.description !== undefined && input.description !== null) collection.description = input.description;
      if (input.published !== undefined && input.published !== null) collection.published = input.published;
      const repository = tx.manager.getRepository(Collection);
      const saved = await repository.save(collection);
      const change: MembershipChange = rulesChanged ? await recomputeCollection(tx, saved) : { added: [], removed: [] };
      await emitCollectionUpdated(tx, saved, change.added, change.removed);
      return UpdateCollectionPayload.ok(await repository.findOneByOrFail({ id: saved.id }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) return UpdateCollectionPayload.failed(HANDLE_TAKEN(input.handle ?? ''));
    throw error;
  }
}

/** Deletes a collection (its member list goes with it; the products stay); publishes catalog.collection-deleted. */
export async function deleteCollection(context: SubgraphContext, input: DeleteCollectionInput): Promise<DeleteCollectionPayload> {
  if (!context.caller.storeId) return DeleteCollectionPayload.failed(STORE_REQUIRED());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const collection = await findOwnCollection(context, tx, input.id);
    if (!collection) return DeleteCollectionPayload.failed(collectionNotFound());
    await tx.manager.query(`DELETE FROM collection WHERE id = $1`, [collection.id]);
    await emitCollectionDeleted(tx, collection);
    return DeleteCollectionPayload.ok(collection.id);
  });
}

/**
 * A collection of the caller's store, locked for this transaction (membership changes of one
 * collection happen one at a time); null for another store's or a missing one.
 */
export async function findOwnCollection(context: SubgraphContext, tx: Tx, id: string): Promise<Collection | null> {
  const storeId = context.caller.storeId;
  const collection = await tx.manager.getRepository(Collection).findOne({ where: storeId ? { id, storeId } : { id }, lock: { mode: 'pessimistic_write' } });
  return collection && managesStore(context.caller, collection.storeId) ? collection : null;
}
