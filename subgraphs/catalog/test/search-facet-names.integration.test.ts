import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import { Repository } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { eventually } from '../../kit/test/support/test-names';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { Category } from '../src/category/category.entity';
import { Collection } from '../src/collection/collection.entity';
import { searchEvents } from './support/search-events';

const FACETS = gql`
  query {
    productSearch(first: 10) {
      totalCount
      facets {
        categories {
          value
          count
          category {
            id
            name
            handle
          }
          collection {
            id
          }
        }
        collections {
          value
          count
          collection {
            id
            title
            handle
          }
          category {
            id
          }
        }
        vendors {
          value
          category {
            id
          }
          collection {
            id
          }
        }
      }
    }
  }
`;

interface FacetValue {
  value: string;
  count: number;
  category?: { id: string; name?: string; handle?: string } | null;
  collection?: { id: string; title?: string; handle?: string } | null;
}
interface Facets {
  totalCount: number;
  facets: { categories: FacetValue[]; collections: FacetValue[]; vendors: FacetValue[] };
}

/**
 * Category and collection facet values name what they stand for (a storefront shows the name, links
 * the handle): only the store's own categories, only the collections the caller may see.
 */
describe('catalog: names on category and collection facet values', () => {
  const storeA = randomUUID();
  const storeB = randomUUID();
  const merchantA = tokenFor([Role.MERCHANT], storeA);
  const merchantB = tokenFor([Role.MERCHANT], storeB);
  const shopperA = { 'x-store-id': storeA };
  let catalog: TestSubgraph;
  const events = searchEvents(() => catalog);
  let productId: string;
  let tops: string;
  let foreignCategory: string;
  let sale: string;
  let hidden: string;

  const mutate = async <T>(name: string, inputType: string, payload: string, input: Record<string, unknown>, token = merchantA): Promise<T> => {
    const result = await catalog
      .client(token)
      .rawRequest<Record<string, T & { userErrors: unknown[] }>>(
        `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${payload} userErrors { code } } }`,
        {
          input,
        },
      );
    expect(result.errors).toBeUndefined();
    expect(result.data[name].userErrors).toEqual([]);
    return result.data[name];
  };
  const facets = async (token?: string, headers: Record<string, string> = {}): Promise<Facets> => {
    const result = await catalog.client(token, headers).rawRequest<{ productSearch: Facets }>(FACETS);
    expect(result.errors).toBeUndefined();
    return result.data.productSearch;
  };

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    await events.storeCreated(storeA, 'en-US');
    const created = await mutate<{ product: { id: string } }>('createProduct', 'CreateProductInput', 'product { id }', {
      title: 'Linen Shirt',
      status: 'ACTIVE',
      vendor: 'Acme',
      price: { amount: 2500, currencyCode: 'USD' },
    });
    productId = created.product.id;
    const category = (name: string, handle: string, token = merchantA) =>
      mutate<{ category: { id: string } }>('createCategory', 'CreateCategoryInput', 'category { id }', { name, handle }, token).then(
        (made) => made.category.id,
      );
    tops = await category('Tops', 'tops');
    foreignCategory = await category('Store B secrets', 'secrets', merchantB);
    const collection = (title: string, handle: string, published: boolean) =>
      mutate<{ collection: { id: string } }>('createCollection', 'CreateCollectionInput', 'collection { id }', {
        title,
        handle,
        kind: 'MANUAL',
        published,
      }).then((made) => made.collection.id);
    sale = await collection('Summer sale', 'summer-sale', true);
    hidden = await collection('Staff picks (draft)', 'staff-picks', false);
    await mutate('assignProductCategories', 'AssignProductCategoriesInput', '', { productId, categoryIds: [tops] });
    for (const collectionId of [sale, hidden])
      await mutate('addProductsToCollection', 'CollectionProductsInput', '', { collectionId, productIds: [productId] });
    await eventually(
      async () => {
        const { facets: found } = await facets(merchantA);
        return found.categories.length === 1 && found.collections.length === 2;
      },
      15_000,
      'the document to take in the category and both collections',
    );
  });
  afterAll(async () => {
    await catalog?.close();
  });

  it('names the category and the collections of each facet value, and nothing on other facets', async () => {
    const staff = await facets(merchantA);
    expect(staff.facets.categories).toEqual([{ value: tops, count: 1, category: { id: tops, name: 'Tops', handle: 'tops' }, collection: null }]);
    expect(staff.facets.collections.sort((a, b) => a.collection!.title!.localeCompare(b.collection!.title!))).toEqual([
      { value: hidden, count: 1, collection: { id: hidden, title: 'Staff picks (draft)', handle: 'staff-picks' }, category: null },
      { value: sale, count: 1, collection: { id: sale, title: 'Summer sale', handle: 'summer-sale' }, category: null },
    ]);
    expect(staff.facets.vendors).toEqual([{ value: 'Acme', category: null, collection: null }]);
  });

  it('shows shoppers published collections only, even when the search still counts an unpublished one', async () => {
    const shopper = await facets(undefined, shopperA);
    expect(shopper.facets.collections).toEqual([
      { value: sale, count: 1, collection: { id: sale, title: 'Summer sale', handle: 'summer-sale' }, category: null },
    ]);
    // the search's copy says published (as it would between an unpublish and its event): the facet counts it, but does not name it
    await events.collectionUpdated(storeA, hidden, [], [], true);
    const counted = await eventually(
      async () => (await facets(undefined, shopperA)).facets.collections.find((value) => value.value === hidden),
      10_000,
      'the search to count the unpublished collection',
    );
    expect(counted).toEqual({ value: hidden, count: 1, collection: null, category: null });
  });

  it('never names another store’s category, even when a document lists its id', async () => {
    await events.categoriesChanged(storeA, productId, [tops, foreignCategory]);
    const staff = await facets(merchantA);
    expect(staff.facets.categories.find((value) => value.value === foreignCategory)).toEqual({
      value: foreignCategory,
      count: 1,
      category: null,
      collection: null,
    });
    expect(staff.facets.categories.find((value) => value.value === tops)?.category).toEqual({ id: tops, name: 'Tops', handle: 'tops' });
  });
  it('reads the categories and the collections of every facet value in one batch each per request', async () => {
    const category = (name: string, handle: string) =>
      mutate<{ category: { id: string } }>('createCategory', 'CreateCategoryInput', 'category { id }', { name, handle }).then((made) => made.category.id);
    const shirts = await category('Shirts', 'shirts');
    const linen = await category('Linen', 'linen');
    await mutate('assignProductCategories', 'AssignProductCategoriesInput', '', { productId, categoryIds: [tops, shirts, linen] });
    await eventually(async () => (await facets(merchantA)).facets.categories.length === 3, 15_000, 'three category facet values');

    const findBy = jest.spyOn(Repository.prototype, 'findBy');
    try {
      const { facets: found } = await facets(merchantA);
      expect(found.categories.map((value) => value.category?.name).sort()).toEqual(['Linen', 'Shirts', 'Tops']);
      expect(found.collections.map((value) => value.collection?.title).sort()).toEqual(['Staff picks (draft)', 'Summer sale']);
      const readsOf = (target: unknown) => findBy.mock.contexts.filter((repository) => (repository as Repository<object>).target === target).length;
      expect([readsOf(Category), readsOf(Collection)]).toEqual([1, 1]);
    } finally {
      findBy.mockRestore();
    }
  });
});
