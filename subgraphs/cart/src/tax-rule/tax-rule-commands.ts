import { isUuid, keysetPage, pageSize, storeRequired, traceOf, UserError, type Connection, type SubgraphContext } from '@ultramarket/kit';
import { CartErrors } from '../cart/cart-errors';
import { TaxRule } from './tax-rule.entity';
import type { CreateTaxRuleInput, DeleteTaxRuleInput, TaxRulesArgs, UpdateTaxRuleInput } from './tax-rule.inputs';
import { CreateTaxRulePayload, DeleteTaxRulePayload, UpdateTaxRulePayload } from './tax-rule.payloads';

const taxRuleNotFound = () => UserError.of('TAX_RULE_NOT_FOUND', 'No such tax rule in this store', ['input', 'id']);

const fieldsOf = (input: CreateTaxRuleInput) => ({
  title: input.title.trim(),
  countryCode: input.countryCode,
  provinceCode: input.provinceCode || null,
  postalCodePrefix: input.postalCodePrefix?.trim() || null,
  taxClass: input.taxClass || null,
  rateBasisPoints: input.rateBasisPoints,
});

/** Creates a tax rule of the caller's store (its staff). */
export async function createTaxRule(context: SubgraphContext, input: CreateTaxRuleInput): Promise<CreateTaxRulePayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return CreateTaxRulePayload.failed(CartErrors.storeRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(TaxRule);
    const saved = await repository.save(repository.create({ ...fieldsOf(input), storeId }));
    return CreateTaxRulePayload.ok(await repository.findOneByOrFail({ id: saved.id, storeId }));
  });
}

/** Replaces a tax rule's fields; carts use it at their next read. */
export async function updateTaxRule(context: SubgraphContext, input: UpdateTaxRuleInput): Promise<UpdateTaxRulePayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return UpdateTaxRulePayload.failed(CartErrors.storeRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const repository = tx.manager.getRepository(TaxRule);
    const { affected } = await repository.update({ id: input.id, storeId }, { ...fieldsOf(input), updatedAt: new Date() });
    if (!affected) return UpdateTaxRulePayload.failed(taxRuleNotFound());
    return UpdateTaxRulePayload.ok(await repository.findOneByOrFail({ id: input.id, storeId }));
  });
}

/** Deletes a tax rule of the caller's store. */
export async function deleteTaxRule(context: SubgraphContext, input: DeleteTaxRuleInput): Promise<DeleteTaxRulePayload> {
  const storeId = context.caller.storeId;
  if (!storeId) return DeleteTaxRulePayload.failed(CartErrors.storeRequired());
  return context.unitOfWork.run(traceOf(context), async (tx) => {
    const { affected } = await tx.manager.getRepository(TaxRule).delete({ id: input.id, storeId });
    if (!affected) return DeleteTaxRulePayload.failed(taxRuleNotFound());
    return Object.assign(DeleteTaxRulePayload.ok(null), { deletedId: input.id });
  });
}

export async function findTaxRule(context: SubgraphContext, id: string): Promise<TaxRule | null> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  if (!isUuid(id)) return null;
  return context.storeDb.read((manager) => manager.getRepository(TaxRule).findOneBy({ id, storeId }));
}

/** The store's tax rules, newest first, keyset-paginated. */
export async function listTaxRules(context: SubgraphContext, args: TaxRulesArgs, countTotal: boolean): Promise<Connection<TaxRule>> {
  const storeId = context.caller.storeId;
  if (!storeId) throw storeRequired();
  const limit = pageSize(args.first);
  return context.storeDb.read((manager) => {
    const query = manager.getRepository(TaxRule).createQueryBuilder('t').where('t.store_id = :storeId', { storeId });
    if (args.countryCode) query.andWhere('t.country_code = :country', { country: args.countryCode });
    return keysetPage(query, {
      sort: { column: 't.created_at', type: 'timestamptz', valueOf: (row) => row.createdAt.toISOString() },
      descending: true,
      limit,
      after: args.after,
      countTotal,
    });
  });
}
