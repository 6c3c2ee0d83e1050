import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Store } from './store.entity';

/** Every store mutation answers with the store (when it succeeded) and what went wrong (when not). */
@ObjectType({ description: 'Result of a store mutation.' })
export class StorePayload {
  @Field(() => Store, { nullable: true, description: 'The store as it now is; null when nothing was changed.' })
  store: Store | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends StorePayload>(this: new () => T, store: Store): T {
    return Object.assign(new this(), { store, userErrors: [] });
  }

  static failed<T extends StorePayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { store: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createStore: the store, or DOMAIN_TAKEN / DOMAIN_NOT_ALLOWED.' })
export class CreateStorePayload extends StorePayload {}

@ObjectType({ description: 'Result of updateStore: the store, or NOT_FOUND / STORE_CLOSED / DOMAIN_TAKEN / DOMAIN_NOT_ALLOWED.' })
export class UpdateStorePayload extends StorePayload {}

@ObjectType({ description: 'Result of updateStoreTheme: the store with its new theme, or NOT_FOUND / STORE_CLOSED.' })
export class UpdateStoreThemePayload extends StorePayload {}

@ObjectType({ description: 'Result of setStoreStatus: the store with its new status, or NOT_FOUND / INVALID_STATUS_TRANSITION.' })
export class SetStoreStatusPayload extends StorePayload {}
