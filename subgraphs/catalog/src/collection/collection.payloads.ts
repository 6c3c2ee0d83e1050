import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Collection } from './collection.entity';

/** Every collection mutation answers with the collection (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of a collection mutation.' })
export class CollectionPayload {
  @Field(() => Collection, { nullable: true, description: 'The collection as it now is; null when nothing was changed.' })
  collection: Collection | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(collection: Collection): CollectionPayload {
    return Object.assign(new CollectionPayload(), { collection, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): CollectionPayload {
    return Object.assign(new CollectionPayload(), { collection: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createCollection.' })
export class CreateCollectionPayload extends CollectionPayload {}

@ObjectType({ description: 'Result of updateCollection.' })
export class UpdateCollectionPayload extends CollectionPayload {}

@ObjectType({ description: 'Result of addProductsToCollection.' })
export class AddProductsToCollectionPayload extends CollectionPayload {}

@ObjectType({ description: 'Result of removeProductsFromCollection.' })
export class RemoveProductsFromCollectionPayload extends CollectionPayload {}

@ObjectType({ description: 'Result of reorderCollectionProducts.' })
export class ReorderCollectionProductsPayload extends CollectionPayload {}

@ObjectType({ description: 'Result of deleteCollection.' })
export class DeleteCollectionPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted collection; null when nothing was deleted.' })
  deletedCollectionId: string | null;

  @Field(() => [UserError], { description: 'Why the collection was not deleted; empty on success.' })
  userErrors: UserError[];

  static ok(id: string): DeleteCollectionPayload {
    return Object.assign(new DeleteCollectionPayload(), { deletedCollectionId: id, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteCollectionPayload {
    return Object.assign(new DeleteCollectionPayload(), { deletedCollectionId: null, userErrors });
  }
}
