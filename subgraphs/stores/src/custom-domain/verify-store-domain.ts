import { UserError, traceOf, type SubgraphContext } from '@ultramarket/kit';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsUUID } from 'class-validator';
import type { StoresServices } from '../stores-services';
import { Store } from '../store/store.entity';
import { StoreEvents, type StoreDomainVerifiedData } from '../store/store.events';
import { StorePayload } from '../store/store.payloads';
import { StoreErrors, violatesUniqueIndex } from '../store/store-errors';
import { changeRefusal, lockStore, requireMerchant } from '../store/store-lock';
import { challengeRecordName, findChallenge } from './domain-challenge';

@InputType({ description: 'A store whose pending custom domain to verify.' })
export class VerifyStoreDomainInput {
  @IsUUID()
  @Field(() => ID, { description: 'The store.' })
  storeId: string;
}

@ObjectType({
  description:
    'Result of verifyStoreDomain: the store with its domain VERIFIED, or NOT_FOUND / STORE_CLOSED / STORE_UNAVAILABLE / NO_CUSTOM_DOMAIN / DOMAIN_NOT_VERIFIED / DOMAIN_TAKEN.',
})
export class VerifyStoreDomainPayload extends StorePayload {}

const DomainErrors = {
  noCustomDomain: () => UserError.of('NO_CUSTOM_DOMAIN', 'The store has no custom domain to verify: set one with updateStore first', ['input', 'storeId']),
  notVerified: (domain: string, token: string, lookupFailed: boolean) =>
    UserError.of(
      'DOMAIN_NOT_VERIFIED',
      `${lookupFailed ? 'DNS could not be read for' : 'No matching TXT record at'} ${challengeRecordName(domain)}: publish a TXT record there with the value "${token}" and try again (DNS changes can take a while to appear)`,
      ['input', 'storeId'],
    ),
};

/**
 * Proves the store's merchant controls its custom domain: the domain's challenge TXT record must hold
 * the store's token (looked up through the injected resolver, outside any transaction). Then, under
 * the store's lock and only if the domain and token are still the ones checked, the domain is
 * VERIFIED, starts serving the store (`storeByDomain`) and is the store's alone: the partial unique
 * index on verified domains refuses a second store (DOMAIN_TAKEN). Publishes stores.domain-verified.
 */
export async function verifyStoreDomain(context: SubgraphContext, services: StoresServices, input: VerifyStoreDomainInput): Promise<VerifyStoreDomainPayload> {
  const checked = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, input.storeId);
    if (!store) return { error: StoreErrors.notFound() };
    await requireMerchant(context, tx, store);
    const refusal = changeRefusal(context, store);
    if (refusal) return { error: refusal };
    if (!store.customDomain || !store.customDomainToken) return { error: DomainErrors.noCustomDomain() };
    return { store };
  });
  if (!checked.store) return VerifyStoreDomainPayload.failed(checked.error);
  const { customDomain, customDomainToken } = checked.store as Store & { customDomain: string; customDomainToken: string };
  if (checked.store.customDomainVerifiedAt) return VerifyStoreDomainPayload.ok(checked.store);
  const outcome = await findChallenge(services.resolveTxt, customDomain, customDomainToken);
  if (outcome !== 'FOUND') return VerifyStoreDomainPayload.failed(DomainErrors.notVerified(customDomain, customDomainToken, outcome === 'LOOKUP_FAILED'));

  let before: Store | null = null;
  try {
    const payload = await context.unitOfWork.forScope(input.storeId).run(traceOf(context), async (tx) => {
      const store = await lockStore(tx, input.storeId);
      if (!store) return VerifyStoreDomainPayload.failed(StoreErrors.notFound());
      const refusal = changeRefusal(context, store);
      if (refusal) return VerifyStoreDomainPayload.failed(refusal);
      // changed while DNS was asked: what was proven is no longer what the store claims
      if (store.customDomain !== customDomain || store.customDomainToken !== customDomainToken)
        return VerifyStoreDomainPayload.failed(DomainErrors.noCustomDomain());
      if (store.customDomainVerifiedAt) return VerifyStoreDomainPayload.ok(store);
      before = Object.assign(new Store(), store);
      store.customDomainVerifiedAt = new Date();
      store.version += 1;
      const saved = await tx.manager.getRepository(Store).save(store);
      await tx.emit<StoreDomainVerifiedData>({
        type: StoreEvents.domainVerified,
        storeId: saved.id,
        aggregateId: saved.id,
        aggregateVersion: saved.version,
        data: { storeId: saved.id, customDomain },
      });
      return VerifyStoreDomainPayload.ok(saved);
    });
    if (before && payload.store) await services.cache.invalidate(before, payload.store);
    return payload;
  } catch (error) {
    if (violatesUniqueIndex(error, 'store_verified_custom_domain'))
      return VerifyStoreDomainPayload.failed(StoreErrors.domainTaken(customDomain, ['input', 'storeId']));
    throw error;
  }
}
