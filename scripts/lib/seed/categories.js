'use strict';
const { eachLimited, expectNoUserErrors } = require('./client');

const CATEGORY_BY_HANDLE = `query SeedCategory($handle: String!) { categoryByHandle(handle: $handle) { id } }`;
const CREATE_CATEGORY = `mutation SeedCreateCategory($input: CreateCategoryInput!) {
  createCategory(input: $input) { category { id } userErrors { code field message } }
}`;
const ASSIGN = `mutation SeedAssignCategories($input: AssignProductCategoriesInput!) {
  assignProductCategories(input: $input) { userErrors { code field message } }
}`;

/**
 * The category tree (parents listed before their children), each category found by handle or
 * created under its parent; then every product filed in no category yet is filed where the tree
 * says. A product already filed is left as the merchant has it.
 *
 * @param {{ handle: string, name: string, parent: string | null, products: string[] }[]} tree
 * @param {Map<string, { id: string, categories: unknown[] }>} products by handle
 */
async function seedCategories(request, tree, products) {
  const ids = new Map();
  let created = 0;
  for (const [position, category] of tree.entries()) {
    const { categoryByHandle } = await request(CATEGORY_BY_HANDLE, { handle: category.handle });
    if (categoryByHandle) {
      ids.set(category.handle, categoryByHandle.id);
      continue;
    }
    const input = { name: category.name, handle: category.handle, parentId: category.parent ? ids.get(category.parent) : null, position };
    ids.set(category.handle, expectNoUserErrors(`createCategory ${category.handle}`, (await request(CREATE_CATEGORY, { input })).createCategory).category.id);
    created++;
  }
  const wanted = new Map();
  for (const category of tree) for (const handle of category.products) wanted.set(handle, [...(wanted.get(handle) ?? []), ids.get(category.handle)]);
  const unfiled = [...wanted].filter(([handle]) => products.get(handle)?.categories.length === 0);
  await eachLimited(unfiled, 4, async ([handle, categoryIds]) => {
    expectNoUserErrors(
      `assignProductCategories ${handle}`,
      (await request(ASSIGN, { input: { productId: products.get(handle).id, categoryIds } })).assignProductCategories,
    );
  });
  return { ids, created, assigned: unfiled.length };
}

module.exports = { seedCategories };
