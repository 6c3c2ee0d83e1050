import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ShipmentStatus } from './shipment-status';

@InputType({ description: 'How many of one ordered variant go into the parcel.' })
export class ShipmentLineInput {
  @IsUUID()
  @Field(() => ID, { description: "The ordered variant (the order line's variantId)." })
  variantId: string;

  @Min(1)
  @Max(1_000_000)
  @Field(() => Int, { description: 'How many (1 to what of it is not shipped yet).' })
  quantity: number;
}

@InputType({ description: 'A parcel of a paid order handed to a carrier.' })
export class CreateShipmentInput {
  @IsUUID()
  @Field(() => ID, { description: "The order (of the caller's store) it fulfils." })
  orderId: string;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, {
    nullable: true,
    description: 'A shipping method of the store whose configured carrier carries it (its tracking page makes trackingUrl). Give this or carrierName.',
  })
  shippingMethodId?: string | null;

  @IsOptional()
  @Length(1, 100)
  @Field(() => String, { nullable: true, description: 'A carrier named by hand (the manual carrier), e.g. "UPS". Give this or shippingMethodId.' })
  carrierName?: string | null;

  @Length(1, 100)
  @Matches(/\S/, { message: 'trackingNumber must not be blank' })
  @Field({ description: "The carrier's tracking number." })
  trackingNumber: string;

  @IsOptional()
  @MaxLength(500)
  @Field(() => String, { nullable: true, description: 'An https tracking page, used when the carrier has no tracking page template of its own.' })
  trackingUrl?: string | null;

  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Field(() => [ShipmentLineInput], { nullable: true, description: 'What goes in it; omitted, every line of the order not shipped yet.' })
  lines?: ShipmentLineInput[] | null;
}

@InputType({ description: "A tracking change of a shipment (the manual carrier's way; API carriers report through their provider)." })
export class UpdateShipmentTrackingInput {
  @IsUUID()
  @Field(() => ID, { description: 'The shipment.' })
  shipmentId: string;

  @Field(() => ShipmentStatus, { description: 'Where the parcel now is.' })
  status: ShipmentStatus;

  @IsOptional()
  @MaxLength(500)
  @Field(() => String, { nullable: true, description: 'Words for the history and the customer, e.g. "Left with a neighbour" (at most 500 characters).' })
  message?: string | null;

  @IsOptional()
  @Field(() => Date, { nullable: true, description: 'When it happened (UTC); default now. Not in the future.' })
  occurredAt?: Date | null;
}

@InputType({ description: 'A parcel the staff know was delivered.' })
export class MarkShipmentDeliveredInput {
  @IsUUID()
  @Field(() => ID, { description: 'The shipment.' })
  shipmentId: string;

  @IsOptional()
  @MaxLength(500)
  @Field(() => String, { nullable: true, description: 'Words for the history and the customer, e.g. "Signed for by A. Lovelace" (at most 500 characters).' })
  message?: string | null;

  @IsOptional()
  @Field(() => Date, { nullable: true, description: 'When it was delivered (UTC); default now. Not in the future.' })
  occurredAt?: Date | null;
}

@InputType({ description: 'The order to hand to a carrier whole (deprecated: createShipment).' })
export class DispatchOrderInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId: string;

  @Length(1, 100)
  @Field({ description: 'Carrier name, e.g. "UPS".' })
  carrier: string;

  @Length(1, 100)
  @Field({ description: 'The carrier’s tracking number.' })
  trackingNumber: string;
}
