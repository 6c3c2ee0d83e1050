import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt, MAX_PAGE_SIZE } from '@ultramarket/kit';
import { ProductConnection } from '../product/product.resolver';

@ObjectType({ description: 'A facet value and how many products have it.' })
export class ProductSearchFacetValue {
  @Field({ description: 'The value (for categories and collections: the id).' })
  value: string;

  @Field(() => Int, { description: 'Products with this value, under every other filter of the search.' })
  count: number;

  /** The category this value names, on the categories facet's values (resolved in product-search-facet.resolver.ts). */
  categoryId?: string;

  /** The collection this value names, on the collections facet's values. */
  collectionId?: string;
}

@ObjectType({ description: 'The values of one option (e.g. Size) among the products found.' })
export class ProductSearchOptionFacet {
  @Field({ description: 'Option name.' })
  name: string;

  @Field(() => [ProductSearchFacetValue], { description: 'Its values with counts, most frequent first.' })
  values: ProductSearchFacetValue[];
}

@ObjectType({ description: 'A price band (on each product’s lowest variant price) and its count.' })
export class ProductSearchPriceRange {
  @Field(() => GraphQLSafeInt, { description: 'Lower bound in minor units (inclusive).' })
  min: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Upper bound in minor units (exclusive); null: no upper bound.' })
  max: number | null;

  @Field(() => Int, { description: 'Products in the band.' })
  count: number;
}

@ObjectType({ description: 'Products that can be bought now and sold-out ones.' })
export class ProductSearchStockFacet {
  @Field(() => Int, { description: 'Products with a variant in stock (or not tracked).' })
  inStock: number;

  @Field(() => Int, { description: 'Products with no variant available.' })
  outOfStock: number;
}

@ObjectType({ description: 'Counts per facet value. Each facet is counted with every filter applied except its own (disjunctive facets).' })
export class ProductSearchFacets {
  @Field(() => [ProductSearchFacetValue], { description: 'Category ids (products of descendants count for their ancestors).' })
  categories: ProductSearchFacetValue[];

  @Field(() => [ProductSearchFacetValue], { description: 'Collection ids (shoppers: published collections only).' })
  collections: ProductSearchFacetValue[];

  @Field(() => [ProductSearchFacetValue], { description: 'Vendors.' })
  vendors: ProductSearchFacetValue[];

  @Field(() => [ProductSearchFacetValue], { description: 'Product types.' })
  productTypes: ProductSearchFacetValue[];

  @Field(() => [ProductSearchFacetValue], { description: 'Tags.' })
  tags: ProductSearchFacetValue[];

  @Field(() => [ProductSearchOptionFacet], { description: 'Option values, per option name.' })
  options: ProductSearchOptionFacet[];

  @Field(() => [ProductSearchPriceRange], { description: 'Price bands that have products.' })
  priceRanges: ProductSearchPriceRange[];

  @Field(() => ProductSearchStockFacet, { description: 'In stock versus sold out.' })
  inStock: ProductSearchStockFacet;
}

export enum ProductSearchTextMatch {
  NO_QUERY = 'NO_QUERY',
  WORDS = 'WORDS',
  SIMILAR_SPELLING = 'SIMILAR_SPELLING',
}

registerEnumType(ProductSearchTextMatch, {
  name: 'ProductSearchTextMatch',
  description: 'How the query matched, so a storefront can say "showing results for similar spellings".',
  valuesConfig: {
    NO_QUERY: { description: 'No query: every product the filters allow.' },
    WORDS: { description: "The query's words (stemmed in the store's language, accents ignored) matched." },
    SIMILAR_SPELLING: { description: 'No product had the words: the products with the most similar spellings (trigrams) are shown.' },
  },
});

@ObjectType({ description: 'A page of search hits, their total and the facets of the whole result, from one snapshot.' })
export class ProductSearchResult {
  @Field(() => Int, { description: 'How many products match the query and every filter.' })
  totalCount: number;

  /**
   * The page is sliced by productSearch's `first`, but composition lets a @listSize name only the
   * field's own lists (not `products.nodes`): the cost model assumes the largest page here.
   */
  @Directive(`@listSize(assumedSize: ${MAX_PAGE_SIZE}, sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`)
  @Field(() => ProductConnection, { description: 'The hits, in the order asked for (a page of at most `first`).' })
  products: InstanceType<typeof ProductConnection>;

  @Field(() => ProductSearchFacets, { description: 'Facet counts.' })
  facets: ProductSearchFacets;

  @Field(() => ProductSearchTextMatch, { description: 'Whether the words matched or the typo fallback answered.' })
  textMatch: ProductSearchTextMatch;
}

@ObjectType({ description: 'An autocomplete suggestion: a product title close to what was typed.' })
export class SearchSuggestion {
  @Field(() => ID, { description: 'The product suggested.' })
  productId: string;

  @Field({ description: 'Its title.' })
  title: string;

  @Field({ description: 'How close it is to what was typed (0–1, trigram word similarity).' })
  score: number;
}
