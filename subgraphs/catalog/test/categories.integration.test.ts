import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { DataSource } from 'typeorm';
import { Role } from '@ultramarket/kit';
import { startTestSubgraph, tokenFor, type TestSubgraph } from '../../kit/test/support/subgraph-harness';
import { openOwnerConnection } from '../../kit/test/support/tenancy-support';
import { catalogSubgraph } from '../src/catalog.subgraph';
import { catalogTestClient, type UserErrorResult } from './support/catalog-client';

const CATEGORY_FIELDS = `id name handle position parent { id } breadcrumbs { handle }`;
const CREATE = gql`
  mutation ($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      category { ${CATEGORY_FIELDS} }
      userErrors { code field message }
    }
  }
`;
const UPDATE = gql`
  mutation ($input: UpdateCategoryInput!) {
    updateCategory(input: $input) {
      category { ${CATEGORY_FIELDS} description }
      userErrors { code field message }
    }
  }
`;
const MOVE = gql`
  mutation ($input: MoveCategoryInput!) {
    moveCategory(input: $input) {
      category { ${CATEGORY_FIELDS} }
      userErrors { code field message }
    }
  }
`;
const DELETE = gql`
  mutation ($id: ID!) {
    deleteCategory(input: { id: $id }) {
      deletedCategoryId
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const ASSIGN = gql`
  mutation ($productId: ID!, $categoryIds: [ID!]!) {
    assignProductCategories(input: { productId: $productId, categoryIds: $categoryIds }) {
      product {
        id
        categories {
          handle
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
const TREE = gql`
  query ($parentId: ID) {
    categories(parentId: $parentId) {
      handle
      position
      productCount
      children {
        handle
        position
        productCount
        children {
          handle
          productCount
        }
      }
    }
  }
`;
const CATEGORY = gql`
  query ($id: ID!) {
    category(id: $id) {
      ${CATEGORY_FIELDS}
      productCount
      products(first: 10) { totalCount nodes { id } }
    }
  }
`;
const BY_HANDLE = gql`
  query ($handle: String!) {
    categoryByHandle(handle: $handle) {
      id
      breadcrumbs {
        handle
      }
    }
  }
`;
const PRODUCT_CATEGORIES = gql`
  query ($id: ID!) {
    product(id: $id) {
      id
      categories {
        handle
      }
    }
  }
`;

interface CategoryResult {
  id: string;
  name: string;
  handle: string;
  position: number;
  parent: { id: string } | null;
  breadcrumbs: { handle: string }[];
}
type Payload = { category: CategoryResult | null; userErrors: UserErrorResult[] };
interface CategoriesChanged {
  productId: string;
  categoryIds: string[];
  categoryPathIds: string[];
}

describe('catalog: the category tree', () => {
  const storeId = randomUUID();
  const merchant = tokenFor([Role.MERCHANT], storeId);
  const shopper = { 'x-store-id': storeId };
  let catalog: TestSubgraph;
  let owner: DataSource;
  const { request, createProduct, outboxEvents, countOutbox } = catalogTestClient(
    () => catalog,
    () => owner,
  );
  const ids: Record<string, string> = {};
  const products: Record<string, string> = {};

  const create = async (name: string, parent?: string, extra: Record<string, unknown> = {}): Promise<Payload> =>
    (await request<{ createCategory: Payload }>(merchant, CREATE, { input: { name, parentId: parent ? ids[parent] : undefined, ...extra } })).createCategory;
  const created = async (name: string, parent?: string): Promise<CategoryResult> => {
    const payload = await create(name, parent);
    expect(payload.userErrors).toEqual([]);
    ids[payload.category!.handle] = payload.category!.id;
    return payload.category!;
  };
  const move = async (handle: string, parent: string | null, position?: number): Promise<Payload> =>
    (await request<{ moveCategory: Payload }>(merchant, MOVE, { input: { id: ids[handle], parentId: parent ? ids[parent] : null, position } })).moveCategory;
  const assign = async (product: string, handles: string[]) =>
    (
      await request<{ assignProductCategories: { product: { categories: { handle: string }[] } | null; userErrors: UserErrorResult[] } }>(merchant, ASSIGN, {
        productId: products[product],
        categoryIds: handles.map((handle) => ids[handle] ?? handle),
      })
    ).assignProductCategories;
  const tree = async (token?: string, headers: Record<string, string> = {}) => (await request<{ categories: unknown[] }>(token, TREE, {}, headers)).categories;
  const category = async (handle: string, token?: string, headers: Record<string, string> = {}) =>
    (
      await request<{ category: (CategoryResult & { productCount: number; products: { totalCount: number; nodes: { id: string }[] } }) | null }>(
        token,
        CATEGORY,
        { id: ids[handle] },
        headers,
      )
    ).category;
  const paths = async () =>
    Object.fromEntries(
      ((await owner.query(`SELECT handle, path FROM category WHERE store_id = $1`, [storeId])) as { handle: string; path: string[] }[]).map((row) => [
        row.handle,
        row.path,
      ]),
    );

  beforeAll(async () => {
    catalog = await startTestSubgraph(catalogSubgraph);
    owner = await openOwnerConnection(catalog.runtime.config);
    // Men › Tops › T-shirts, Men › Bottoms, Women
    await created('Men');
    await created('Women');
    await created('Tops', 'men');
    await created('Bottoms', 'men');
    await created('T-shirts', 'tops');
    products.tee = await createProduct(merchant, 'Plain tee');
    products.polo = await createProduct(merchant, 'Polo');
    products.draft = await createProduct(merchant, 'Draft chinos', 'DRAFT');
  });
  afterAll(async () => {
    await owner?.destroy();
    await catalog?.close();
  });

  it('builds the tree with parents, ordered children and breadcrumbs from the root', async () => {
    const tee = await category('t-shirts', merchant);
    expect(tee).toMatchObject({
      name: 'T-shirts',
      handle: 't-shirts',
      parent: { id: ids.tops },
      breadcrumbs: [{ handle: 'men' }, { handle: 'tops' }, { handle: 't-shirts' }],
    });
    expect(await tree(merchant)).toEqual([
      {
        handle: 'men',
        position: 0,
        productCount: 0,
        children: [
          { handle: 'tops', position: 0, productCount: 0, children: [{ handle: 't-shirts', productCount: 0 }] },
          { handle: 'bottoms', position: 1, productCount: 0, children: [] },
        ],
      },
      { handle: 'women', position: 1, productCount: 0, children: [] },
    ]);
    const byHandle = await request<{ categoryByHandle: { id: string; breadcrumbs: { handle: string }[] } }>(undefined, BY_HANDLE, { handle: 'tops' }, shopper);
    expect(byHandle.categoryByHandle).toEqual({ id: ids.tops, breadcrumbs: [{ handle: 'men' }, { handle: 'tops' }] });
    const children = await request<{ categories: { handle: string }[] }>(undefined, TREE, { parentId: ids.men }, shopper);
    expect(children.categories.map((child) => child.handle)).toEqual(['tops', 'bottoms']);
  });

  it('places a new category at the position asked for, moving its siblings along', async () => {
    const first = await create('Accessories', undefined, { position: 0 });
    ids.accessories = first.category!.id;
    expect(first.category!.position).toBe(0);
    expect((await tree(merchant)).map((root) => (root as { handle: string }).handle)).toEqual(['accessories', 'men', 'women']);
    expect((await request<{ deleteCategory: { deletedCategoryId: string } }>(merchant, DELETE, { id: ids.accessories })).deleteCategory.deletedCategoryId).toBe(
      ids.accessories,
    );
    expect((await tree(merchant)).map((root) => root as { position: number; handle: string }).map((root) => [root.handle, root.position])).toEqual([
      ['men', 0],
      ['women', 1],
    ]);
  });

  it('refuses a handle the store already uses, writing nothing', async () => {
    const before = await countOutbox();
    expect((await create('Tops again', undefined, { handle: 'tops' })).userErrors).toEqual([
      expect.objectContaining({ code: 'HANDLE_TAKEN', field: ['input', 'handle'] }),
    ]);
    const renamed = await request<{ updateCategory: Payload }>(merchant, UPDATE, { input: { id: ids.bottoms, handle: 'men' } });
    expect(renamed.updateCategory.userErrors).toEqual([expect.objectContaining({ code: 'HANDLE_TAKEN' })]);
    expect(await countOutbox()).toBe(before);
    // a generated handle steps past a taken one
    const generated = await created('Tops');
    expect(generated.handle).toBe('tops-2');
    await request(merchant, DELETE, { id: generated.id });
  });

  it('counts products in a category and every category below it, each once, ACTIVE ones for shoppers and all for staff', async () => {
    expect((await assign('tee', ['t-shirts'])).userErrors).toEqual([]);
    expect((await assign('polo', ['tops', 't-shirts'])).product!.categories.map((c) => c.handle).sort()).toEqual(['t-shirts', 'tops']);
    expect((await assign('draft', ['bottoms'])).userErrors).toEqual([]);

    expect(await tree(undefined, shopper)).toEqual([
      {
        handle: 'men',
        position: 0,
        productCount: 2,
        children: [
          { handle: 'tops', position: 0, productCount: 2, children: [{ handle: 't-shirts', productCount: 2 }] },
          { handle: 'bottoms', position: 1, productCount: 0, children: [] },
        ],
      },
      { handle: 'women', position: 1, productCount: 0, children: [] },
    ]);
    expect(((await tree(merchant))[0] as { productCount: number }).productCount).toBe(3);
    const men = await category('men', undefined, shopper);
    expect(men!.products.totalCount).toBe(2);
    expect(men!.products.nodes.map((node) => node.id).sort()).toEqual([products.tee, products.polo].sort());
    expect((await category('men', merchant))!.products.totalCount).toBe(3);
    const productCategories = await request<{ product: { categories: { handle: string }[] } }>(undefined, PRODUCT_CATEGORIES, { id: products.polo }, shopper);
    expect(productCategories.product.categories.map((c) => c.handle).sort()).toEqual(['t-shirts', 'tops']);
  });

  it('publishes each product’s assigned categories and their ancestors', async () => {
    const [latest] = (await outboxEvents<CategoriesChanged>('catalog.product-categories-changed', products.polo)).slice(-1);
    expect(latest.categoryIds.sort()).toEqual([ids.tops, ids['t-shirts']].sort());
    expect(latest.categoryPathIds.sort()).toEqual([ids.men, ids.tops, ids['t-shirts']].sort());
    // the same assignment again changes nothing and says nothing
    const before = await countOutbox();
    expect((await assign('polo', ['t-shirts', 'tops'])).userErrors).toEqual([]);
    expect(await countOutbox()).toBe(before);
  });

  it('refuses an unknown category in an assignment and keeps the old one', async () => {
    const result = await assign('tee', ['tops', randomUUID()]);
    expect(result).toEqual({ product: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'categoryIds', '1'] })] });
    const kept = await request<{ product: { categories: { handle: string }[] } }>(merchant, PRODUCT_CATEGORIES, { id: products.tee });
    expect(kept.product.categories).toEqual([{ handle: 't-shirts' }]);
  });

  it('refuses to move a category under itself or a descendant (CATEGORY_CYCLE) and changes nothing', async () => {
    const before = await paths();
    const events = await countOutbox();
    for (const [handle, parent] of [
      ['men', 'men'],
      ['men', 'tops'],
      ['men', 't-shirts'],
      ['tops', 't-shirts'],
    ]) {
      expect((await move(handle, parent)).userErrors).toEqual([expect.objectContaining({ code: 'CATEGORY_CYCLE', field: ['input', 'parentId'] })]);
    }
    expect(await paths()).toEqual(before);
    expect(await countOutbox()).toBe(events);
  });

  it('moves a subtree: paths, breadcrumbs and counts follow, and its products are republished with their new ancestors', async () => {
    const moved = await move('tops', 'women', 0);
    expect(moved.userErrors).toEqual([]);
    expect(moved.category).toMatchObject({ parent: { id: ids.women }, position: 0, breadcrumbs: [{ handle: 'women' }, { handle: 'tops' }] });
    expect((await category('t-shirts', merchant))!.breadcrumbs).toEqual([{ handle: 'women' }, { handle: 'tops' }, { handle: 't-shirts' }]);
    expect((await paths())['t-shirts']).toEqual([ids.women, ids.tops, ids['t-shirts']]);
    const [men, women] = (await tree(undefined, shopper)) as { handle: string; productCount: number; children: { handle: string; position: number }[] }[];
    expect([men.handle, men.productCount, men.children]).toEqual(['men', 0, [expect.objectContaining({ handle: 'bottoms', position: 0 })]]);
    expect([women.handle, women.productCount]).toEqual(['women', 2]);
    for (const product of [products.tee, products.polo]) {
      const [latest] = (await outboxEvents<CategoriesChanged>('catalog.product-categories-changed', product)).slice(-1);
      expect(latest.categoryPathIds).toContain(ids.women);
      expect(latest.categoryPathIds).not.toContain(ids.men);
    }
    // and back to the root level, last
    expect((await move('tops', null)).category).toMatchObject({ parent: null, position: 2, breadcrumbs: [{ handle: 'tops' }] });
  });

  it('keeps the tree at most 10 levels deep, for new categories and for moves (CATEGORY_TOO_DEEP)', async () => {
    let parent = 'women';
    for (let level = 2; level <= 10; level += 1) parent = (await created(`Level ${level}`, parent)).handle;
    expect((await create('Level 11', parent)).userErrors).toEqual([expect.objectContaining({ code: 'CATEGORY_TOO_DEEP', field: ['input', 'parentId'] })]);
    // tops has t-shirts below it: under level 9 it would reach level 11
    expect((await move('tops', 'level-9')).userErrors).toEqual([expect.objectContaining({ code: 'CATEGORY_TOO_DEEP' })]);
    expect((await move('bottoms', 'level-9')).userErrors).toEqual([]);
    expect((await category('bottoms', merchant))!.breadcrumbs).toHaveLength(10);
  });

  it('refuses to delete a category with children (CATEGORY_NOT_EMPTY); a leaf goes, its products leave it', async () => {
    const refused = await request<{ deleteCategory: { deletedCategoryId: string | null; userErrors: UserErrorResult[] } }>(merchant, DELETE, { id: ids.tops });
    expect(refused.deleteCategory).toEqual({
      deletedCategoryId: null,
      userErrors: [expect.objectContaining({ code: 'CATEGORY_NOT_EMPTY', field: ['input', 'id'] })],
    });
    expect(await category('tops', merchant)).not.toBeNull();

    const deleted = await request<{ deleteCategory: { deletedCategoryId: string } }>(merchant, DELETE, { id: ids['t-shirts'] });
    expect(deleted.deleteCategory.deletedCategoryId).toBe(ids['t-shirts']);
    expect(await category('t-shirts', merchant)).toBeNull();
    const [tee] = (await outboxEvents<CategoriesChanged>('catalog.product-categories-changed', products.tee)).slice(-1);
    expect(tee).toEqual({ productId: products.tee, categoryIds: [], categoryPathIds: [] });
    const [polo] = (await outboxEvents<CategoriesChanged>('catalog.product-categories-changed', products.polo)).slice(-1);
    expect(polo).toEqual({ productId: products.polo, categoryIds: [ids.tops], categoryPathIds: [ids.tops] });
    expect(await outboxEvents('catalog.category-deleted', ids['t-shirts'])).toEqual([{ categoryId: ids['t-shirts'] }]);
  });

  it('answers null for unknown or malformed ids and refuses storeless handle look-ups', async () => {
    expect((await request<{ category: null }>(merchant, CATEGORY, { id: randomUUID() })).category).toBeNull();
    expect((await request<{ category: null }>(merchant, CATEGORY, { id: 'not-an-id' })).category).toBeNull();
    const storeless = await catalog.client().rawRequest(BY_HANDLE, { handle: 'men' });
    expect(storeless.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
