import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { ShippingMethod } from './shipping-method.entity';

@ObjectType({ description: 'Result of a shipping method mutation.' })
export class ShippingMethodPayload {
  @Field(() => ShippingMethod, { nullable: true, description: 'The method as it now is; null when nothing was changed.' })
  shippingMethod: ShippingMethod | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends ShippingMethodPayload>(this: new () => T, shippingMethod: ShippingMethod): T {
    return Object.assign(new this(), { shippingMethod, userErrors: [] });
  }

  static failed<T extends ShippingMethodPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { shippingMethod: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createShippingMethod.' })
export class CreateShippingMethodPayload extends ShippingMethodPayload {}

@ObjectType({ description: 'Result of updateShippingMethod.' })
export class UpdateShippingMethodPayload extends ShippingMethodPayload {}

@ObjectType({ description: 'Result of deleteShippingMethod.' })
export class DeleteShippingMethodPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted method; null when nothing was deleted.' })
  deletedShippingMethodId: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedShippingMethodId: string): DeleteShippingMethodPayload {
    return Object.assign(new DeleteShippingMethodPayload(), { deletedShippingMethodId, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteShippingMethodPayload {
    return Object.assign(new DeleteShippingMethodPayload(), { deletedShippingMethodId: null, userErrors });
  }
}
