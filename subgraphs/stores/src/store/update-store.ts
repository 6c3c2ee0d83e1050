import { isDeepStrictEqual } from 'node:util';
import { traceOf, type SubgraphContext, type Tx, type UserError } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { Store } from './store.entity';
import { StoreEvents, storeUpdatedData } from './store.events';
import type { UpdateStoreInput, UpdateStoreThemeInput } from './store.inputs';
import { UpdateStorePayload, UpdateStoreThemePayload, type StorePayload } from './store.payloads';
import { mergeSettings } from './store-settings';
import { mergeTheme } from './store-theme';
import { sanitizeCss } from './css-sanitizer';
import { changeRefusal, lockStore, requireMerchant } from './store-lock';
import { StoreErrors, underPlatformDomain } from './store-errors';
import { verifiedElsewhere } from '../custom-domain/domain-claims';
import { newDomainToken } from '../custom-domain/domain-challenge';

type Changes = Partial<Pick<Store, 'name' | 'email' | 'phone' | 'customDomain' | 'currency' | 'locale' | 'timezone' | 'settings' | 'theme'>>;

/**
 * Partial update of a store's details and settings (MERCHANTs of the store, platform admins); publishes
 * stores.updated. A new custom domain is PENDING with a new challenge token until verifyStoreDomain
 * (it stops the old one serving at once); one another store has proven is DOMAIN_TAKEN.
 */
export async function updateStore(context: SubgraphContext, services: StoresServices, input: UpdateStoreInput): Promise<UpdateStorePayload> {
  const { platformDomain } = services.config;
  const customDomain = input.customDomain === undefined ? undefined : (input.customDomain?.toLowerCase() ?? null);
  if (customDomain && underPlatformDomain(customDomain, platformDomain)) return UpdateStorePayload.failed(StoreErrors.domainNotAllowed(platformDomain));
  return changeStore(
    context,
    services,
    input.storeId,
    UpdateStorePayload,
    (store) => ({
      name: input.name ?? undefined,
      email: input.email ?? undefined,
      phone: input.phone,
      customDomain,
      currency: input.currency ?? undefined,
      locale: input.locale ?? undefined,
      timezone: input.timezone ?? undefined,
      settings: input.settings ? mergeSettings(store.settings, input.settings) : undefined,
    }),
    async (tx, store, changed) => {
      if (!changed.includes('customDomain')) return null;
      if (store.customDomain && (await verifiedElsewhere(tx.manager, store.customDomain, store.id))) return StoreErrors.domainTaken(store.customDomain);
      store.customDomainToken = store.customDomain ? newDomainToken() : null;
      store.customDomainVerifiedAt = null;
      return null;
    },
  );
}

/** Changes a store's theme (colours, typography, layout, custom CSS sanitised); publishes stores.updated with changed ["theme"]. */
export function updateStoreTheme(context: SubgraphContext, services: StoresServices, input: UpdateStoreThemeInput): Promise<UpdateStoreThemePayload> {
  const css = input.customCss === undefined || input.customCss === null ? undefined : sanitizeCss(input.customCss);
  return changeStore(context, services, input.storeId, UpdateStoreThemePayload, (store) => ({ theme: mergeTheme(store.theme, input, css) }));
}

/**
 * One change of a store's own fields: locked, authorised, applied; the version goes up and
 * `stores.updated` names the fields that changed. Nothing changes (and nothing is published) when
 * every given value equals the current one. The cache is invalidated once the transaction commits.
 */
async function changeStore<P extends StorePayload>(
  context: SubgraphContext,
  services: StoresServices,
  storeId: string,
  Payload: { ok(store: Store): P; failed(...errors: UserError[]): P },
  changesOf: (store: Store) => Changes,
  /** Checks and follow-ups of the applied changes in the same transaction; a userError undoes the change. */
  afterApply: (tx: Tx, store: Store, changed: string[]) => Promise<UserError | null> = async () => null,
): Promise<P> {
  let before: Store | null = null;
  const payload = await context.unitOfWork.forScope(storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, storeId);
    if (!store) return Payload.failed(StoreErrors.notFound());
    await requireMerchant(context, tx, store);
    const refusal = changeRefusal(context, store);
    if (refusal) return Payload.failed(refusal);
    const original = Object.assign(new Store(), store);
    const changed = apply(store, changesOf(store));
    if (changed.length === 0) return Payload.ok(store);
    const problem = await afterApply(tx, store, changed);
    if (problem) return Payload.failed(problem);
    before = original;
    return Payload.ok(await saveChange(tx, store, changed));
  });
  if (before && payload.store) await services.cache.invalidate(before, payload.store);
  return payload;
}

function apply(store: Store, changes: Changes): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(changes) as [keyof Changes, unknown][]) {
    if (value === undefined || isDeepStrictEqual(store[key], value)) continue;
    (store as unknown as Record<string, unknown>)[key] = value;
    changed.push(key);
  }
  return changed;
}

async function saveChange(tx: Tx, store: Store, changed: string[]): Promise<Store> {
  store.version += 1;
  const saved = await tx.manager.getRepository(Store).save(store);
  await tx.emit({
    type: StoreEvents.updated,
    storeId: saved.id,
    aggregateId: saved.id,
    aggregateVersion: saved.version,
    data: storeUpdatedData(saved, changed),
  });
  return saved;
}
