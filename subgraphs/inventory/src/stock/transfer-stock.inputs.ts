import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsUUID, Length, Max, Min } from 'class-validator';
import { UserError } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';

@InputType({ description: 'Units of one variant moved from one location to another.' })
export class TransferStockInput {
  @IsUUID()
  @Field(() => ID, { description: 'The variant moved.' })
  variantId: string;

  @IsUUID()
  @Field(() => ID, { description: 'Where the units leave; its available units never go below zero.' })
  fromLocationId: string;

  @IsUUID()
  @Field(() => ID, { description: 'Where the units arrive.' })
  toLocationId: string;

  @IsInt()
  @Min(1)
  @Max(1_000_000)
  @Field(() => Int, { description: 'Units moved.' })
  quantity: number;

  @Length(1, 200)
  @Field({ description: 'Why, kept with the transfer.' })
  reason: string;

  @Length(1, 90)
  @Field({ description: 'A key unique to this transfer; repeating a request with it moves nothing twice.' })
  idempotencyKey: string;
}

@ObjectType({ description: 'A move of stock between two locations of a store.' })
export class StockTransfer {
  @Field(() => ID, { description: 'Opaque transfer id.' })
  id: string;

  @Field(() => ID, { description: 'The variant moved.' })
  variantId: string;

  @Field(() => ID, { description: 'Where the units left.' })
  fromLocationId: string;

  @Field(() => ID, { description: 'Where the units arrived.' })
  toLocationId: string;

  @Field(() => Int, { description: 'Units moved.' })
  quantity: number;

  @Field({ description: 'Why.' })
  reason: string;

  @Field({ description: 'When (UTC).' })
  createdAt: Date;
}

@ObjectType({ description: 'Result of transferStock.' })
export class TransferStockPayload {
  @Field(() => StockTransfer, { nullable: true, description: 'The transfer, as logged.' })
  transfer: StockTransfer | null;

  @Field(() => InventoryItem, { nullable: true, description: 'The stock where the units left, after the transfer.' })
  from: InventoryItem | null;

  @Field(() => InventoryItem, { nullable: true, description: 'The stock where the units arrived, after the transfer.' })
  to: InventoryItem | null;

  @Field(() => [UserError], { description: 'Why nothing was moved; empty on success.' })
  userErrors: UserError[];

  static ok(transfer: StockTransfer, from: InventoryItem, to: InventoryItem): TransferStockPayload {
    return Object.assign(new TransferStockPayload(), { transfer, from, to, userErrors: [] });
  }

  static failed(error: UserError): TransferStockPayload {
    return Object.assign(new TransferStockPayload(), { transfer: null, from: null, to: null, userErrors: [error] });
  }
}
