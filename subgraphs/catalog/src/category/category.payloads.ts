import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Category } from './category.entity';
import { Product } from '../product/product.entity';

/** Every category mutation answers with the category (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of a category mutation.' })
export class CategoryPayload {
  @Field(() => Category, { nullable: true, description: 'The category as it now is; null when nothing was changed.' })
  category: Category | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(category: Category): CategoryPayload {
    return Object.assign(new CategoryPayload(), { category, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): CategoryPayload {
    return Object.assign(new CategoryPayload(), { category: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createCategory.' })
export class CreateCategoryPayload extends CategoryPayload {}

@ObjectType({ description: 'Result of updateCategory.' })
export class UpdateCategoryPayload extends CategoryPayload {}

@ObjectType({ description: 'Result of moveCategory.' })
export class MoveCategoryPayload extends CategoryPayload {}

@ObjectType({ description: 'Result of deleteCategory.' })
export class DeleteCategoryPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted category; null when nothing was deleted.' })
  deletedCategoryId: string | null;

  @Field(() => [UserError], { description: 'Why the category was not deleted; empty on success.' })
  userErrors: UserError[];

  static ok(id: string): DeleteCategoryPayload {
    return Object.assign(new DeleteCategoryPayload(), { deletedCategoryId: id, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteCategoryPayload {
    return Object.assign(new DeleteCategoryPayload(), { deletedCategoryId: null, userErrors });
  }
}

@ObjectType({ description: 'Result of assignProductCategories.' })
export class AssignProductCategoriesPayload {
  @Field(() => Product, { nullable: true, description: 'The product, its categories as now assigned; null when nothing was changed.' })
  product: Product | null;

  @Field(() => [UserError], { description: 'Why nothing was assigned; empty on success.' })
  userErrors: UserError[];

  static ok(product: Product): AssignProductCategoriesPayload {
    return Object.assign(new AssignProductCategoriesPayload(), { product, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): AssignProductCategoriesPayload {
    return Object.assign(new AssignProductCategoriesPayload(), { product: null, userErrors });
  }
}
