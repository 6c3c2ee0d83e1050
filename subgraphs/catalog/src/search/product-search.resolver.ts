import { Args, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { ProductSearchArgs, SearchSuggestionsArgs } from './product-search.inputs';
import { ProductSearchResult, SearchSuggestion } from './product-search.types';
import { searchProducts } from './product-search';
import { suggestProducts } from './search-suggestions';

@Resolver()
export class ProductSearchResolver {
  @Query(() => ProductSearchResult, {
    description:
      "Full-text search over the store's products with facets: hits, total and facet counts from one snapshot. Shoppers see ACTIVE, published products; the store's staff every status. Empty for shoppers while the store is suspended or closed.",
  })
  productSearch(@Args() args: ProductSearchArgs, @Ctx() context: SubgraphContext): Promise<ProductSearchResult> {
    return searchProducts(context, args);
  }

  @Directive('@listSize(assumedSize: 8, slicingArguments: ["first"], requireOneSlicingArgument: false)')
  @Query(() => [SearchSuggestion], {
    description: 'Autocomplete: product titles of the store closest to what was typed, tolerant of typos (trigram similarity).',
  })
  searchSuggestions(@Args() args: SearchSuggestionsArgs, @Ctx() context: SubgraphContext): Promise<SearchSuggestion[]> {
    return suggestProducts(context, args.prefix, args.first);
  }
}
