import { Arg, Field, ObjectType } from 'type-graphql';
import { carrierProvider, type CarrierSettings } from './carrier-provider';

@ObjectType({ description: 'Who carries parcels of a shipping method.' })
export class ShippingCarrier implements CarrierSettings {
  @Field({ description: 'The carrier integration: MANUAL (the merchant ships and enters tracking numbers) for now.' })
  code: string;

  @Field({ description: 'The name shoppers see, e.g. "Canada Post".' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Tracking page with {trackingNumber} where the number goes; null when there is none.' })
  trackingUrlTemplate: string | null;

  @Field(() => String, { nullable: true, description: 'The tracking page of a parcel; null when the carrier has no tracking page.' })
  trackingUrl(@Arg('trackingNumber', { description: "The parcel's tracking number." }) trackingNumber: string): string | null {
    return carrierProvider(this.code).trackingUrl(this, trackingNumber);
  }
}
