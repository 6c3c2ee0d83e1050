import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { ShippingZone } from './shipping-zone.entity';

@ObjectType({ description: 'Result of a shipping zone mutation.' })
export class ShippingZonePayload {
  @Field(() => ShippingZone, { nullable: true, description: 'The zone as it now is; null when nothing was changed.' })
  shippingZone: ShippingZone | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends ShippingZonePayload>(this: new () => T, shippingZone: ShippingZone): T {
    return Object.assign(new this(), { shippingZone, userErrors: [] });
  }

  static failed<T extends ShippingZonePayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { shippingZone: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createShippingZone.' })
export class CreateShippingZonePayload extends ShippingZonePayload {}

@ObjectType({ description: 'Result of updateShippingZone.' })
export class UpdateShippingZonePayload extends ShippingZonePayload {}

@ObjectType({ description: 'Result of deleteShippingZone.' })
export class DeleteShippingZonePayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted zone; null when nothing was deleted.' })
  deletedShippingZoneId: string | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok(deletedShippingZoneId: string): DeleteShippingZonePayload {
    return Object.assign(new DeleteShippingZonePayload(), { deletedShippingZoneId, userErrors: [] });
  }

  static failed(...userErrors: UserError[]): DeleteShippingZonePayload {
    return Object.assign(new DeleteShippingZonePayload(), { deletedShippingZoneId: null, userErrors });
  }
}
