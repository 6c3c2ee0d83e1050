import type { FormattedExecutionResult } from 'graphql';
import { isUuid, type Logger } from '@ultramarket/kit';

/** What the explorer's tabs are filled with: the store they act in, and one of its variants to put in a cart. */
export interface ExplorerStore {
  /** The slug the store was looked up by (null when configured by id). */
  slug: string | null;
  storeId: string | null;
  variantId: string | null;
}

/** Runs an operation through the gateway's own supergraph as an anonymous shopper, in `storeId` when given. */
export type RunAsShopper = (query: string, variables: Record<string, unknown>, storeId?: string) => Promise<FormattedExecutionResult>;

/** A found store keeps its id (slugs never change); a minute bounds how long a re-seeded store shows its old id. */
const FOUND_TTL_MS = 60_000;
/** Not seeded yet: asked again soon, so the store appears a moment after `npm run seed`, but not on every page view. */
const MISSING_TTL_MS = 2_000;
/** The page waits this long at most: a slow subgraph delays the explorer by no more than this, then it opens without a store. */
const PAGE_WAIT_MS = 2_000;

const STORE_BY_SLUG = 'query ExplorerStoreBySlug($slug: String!) { storeBySlug(slug: $slug) { id } }';
const PRODUCTS = 'query ExplorerSampleVariant { products(first: 20) { nodes { variants { id inStock } } } }';

/**
 * The explorer's store, resolved through the supergraph like any client would (the stores subgraph's
 * `storeBySlug`, then a variant in stock from catalog and inventory), cached, one lookup at a time.
 * Never fails: a store that does not exist (yet), or a lookup that fails or is slow, opens the
 * explorer without a store.
 */
export function explorerStoreLookup(configured: { id: string | null; slug: string | null }, run: RunAsShopper, logger: Logger): () => Promise<ExplorerStore> {
  const slug = configured.id ? null : configured.slug;
  const none: ExplorerStore = Object.freeze({ slug, storeId: null, variantId: null });
  if (!configured.id && !configured.slug) return () => Promise.resolve(none);
  let cached: { store: ExplorerStore; until: number } | null = null;
  let pending: Promise<ExplorerStore> | null = null;

  const storeId = async (): Promise<string | null> => {
    if (configured.id) return configured.id;
    const result = await run(STORE_BY_SLUG, { slug: configured.slug });
    if (result.errors?.length) throw new Error(result.errors.map((error) => error.message).join('; '));
    const id = (result.data as { storeBySlug: { id: unknown } | null } | undefined)?.storeBySlug?.id;
    return isUuid(id) ? id.toLowerCase() : null;
  };
  const variantIn = async (id: string): Promise<string | null> => {
    const result = await run(PRODUCTS, {}, id);
    type Nodes = { variants: { id: unknown; inStock: boolean | null }[] }[];
    const nodes = (result.data as { products?: { nodes: Nodes } } | undefined)?.products?.nodes ?? [];
    const variant = nodes.flatMap((node) => node.variants).find((candidate) => candidate.inStock && isUuid(candidate.id));
    return variant ? (variant.id as string) : null;
  };
  const lookUp = async (): Promise<ExplorerStore> => {
    try {
      const id = await storeId();
      if (!id) {
        logger.debug({ slug }, 'the explorer store does not exist (yet): the explorer opens without one');
        return none;
      }
      return { slug, storeId: id, variantId: await variantIn(id).catch(() => null) };
    } catch (error) {
      logger.warn({ err: error, slug }, 'could not look up the explorer store');
      return none;
    }
  };

  return async () => {
    if (cached && Date.now() < cached.until) return cached.store;
    pending ??= lookUp().then((store) => {
      cached = { store, until: Date.now() + (store.storeId && store.variantId ? FOUND_TTL_MS : MISSING_TTL_MS) };
      pending = null;
      return store;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ExplorerStore>((resolve) => {
      timer = setTimeout(() => resolve(none), PAGE_WAIT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
