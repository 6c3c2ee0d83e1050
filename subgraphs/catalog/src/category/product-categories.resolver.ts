import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@ultramarket/kit';
import { Category } from './category.entity';
import { categoriesOfProduct } from './category-queries';
import { Product } from '../product/product.entity';

/** `Product.categories`: the categories a product sits in. */
@Resolver(() => Product)
export class ProductCategoriesResolver {
  @FieldResolver(() => [Category], { description: 'The categories it sits in (assigned ones, not their ancestors).' })
  categories(@Root() product: Product, @Ctx() context: SubgraphContext): Promise<Category[]> {
    return categoriesOfProduct(context, product.id);
  }
}
