import { isDeepStrictEqual } from 'node:util';
import { StoreStatus, traceOf, type SubgraphContext, type Tx } from '@ultramarket/kit';
import type { StoresServices } from '../stores-services';
import { Store } from './store.entity';
import { StoreEvents, storeUpdatedData } from './store.events';
import type { UpdateStoreInput, UpdateStoreThemeInput } from './store.inputs';
import { UpdateStorePayload, UpdateStoreThemePayload, type StorePayload } from './store.payloads';
import { mergeSettings } from './store-settings';
import { mergeTheme } from './store-theme';
import { sanitizeCss } from './css-sanitizer';
import { lockStore, requireMerchant } from './store-lock';
import { StoreErrors, underPlatformDomain, violatesUniqueIndex } from './store-errors';

type Changes = Partial<Pick<Store, 'name' | 'email' | 'phone' | 'customDomain' | 'currency' | 'locale' | 'timezone' | 'settings' | 'theme'>>;

/** Partial update of a store's details and settings (MERCHANTs of the store, platform admins); publishes stores.updated. */
export async function updateStore(context: SubgraphContext, services: StoresServices, input: UpdateStoreInput): Promise<UpdateStorePayload> {
  const { platformDomain } = services.config;
  const customDomain = input.customDomain === undefined ? undefined : (input.customDomain?.toLowerCase() ?? null);
  if (customDomain && underPlatformDomain(customDomain, platformDomain)) return UpdateStorePayload.failed(StoreErrors.domainNotAllowed(platformDomain));
  try {
    return await changeStore(context, services, input.storeId, UpdateStorePayload, (store) => ({
      name: input.name ?? undefined,
      email: input.email ?? undefined,
      phone: input.phone,
      customDomain,
      currency: input.currency ?? undefined,
      locale: input.locale ?? undefined,
      timezone: input.timezone ?? undefined,
      settings: input.settings ? mergeSettings(store.settings, input.settings) : undefined,
    }));
  } catch (error) {
    if (customDomain && violatesUniqueIndex(error, 'store_custom_domain')) return UpdateStorePayload.failed(StoreErrors.domainTaken(customDomain));
    throw error;
  }
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
  Payload: { ok(store: Store): P; failed(...errors: ReturnType<typeof StoreErrors.notFound>[]): P },
  changesOf: (store: Store) => Changes,
): Promise<P> {
  let before: Store | null = null;
  const payload = await context.unitOfWork.forScope(storeId).run(traceOf(context), async (tx) => {
    const store = await lockStore(tx, storeId);
    if (!store) return Payload.failed(StoreErrors.notFound());
    await requireMerchant(context, tx, store);
    if (store.status === StoreStatus.CLOSED) return Payload.failed(StoreErrors.closed());
    const original = Object.assign(new Store(), store);
    const changed = apply(store, changesOf(store));
    if (changed.length === 0) return Payload.ok(store);
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
