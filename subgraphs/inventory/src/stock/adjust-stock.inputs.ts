import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsUUID, Length, Max, Min, NotEquals } from 'class-validator';
import { UserError } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { ProductStock } from './product-stock.type';

@InputType({ description: 'A manual stock change: received goods, a count correction, damage.' })
export class AdjustStockInput {
  @IsUUID()
  @Field(() => ID, { description: 'The product whose stock changes.' })
  productId: string;

  @IsInt()
  @NotEquals(0, { message: 'delta must not be zero' })
  @Min(-1_000_000)
  @Max(1_000_000)
  @Field(() => Int, { description: 'Units to add (positive) or remove (negative).' })
  delta: number;

  @Length(1, 200)
  @Field({ description: 'Why the stock changes, kept with the adjustment.' })
  reason: string;

  @Length(1, 100)
  @Field({ description: 'A key unique to this change; repeating a request with it changes nothing twice.' })
  idempotencyKey: string;
}

@ObjectType({ description: 'Result of adjustStock.' })
export class AdjustStockPayload {
  @Field(() => InventoryItem, { nullable: true, description: 'The stock after the change.' })
  inventoryItem: InventoryItem | null;

  @Field(() => ProductStock, { nullable: true, description: 'The product, for reading its other fields in the same request.' })
  product: ProductStock | null;

  @Field(() => [UserError], { description: 'Why the stock was not changed; empty on success.' })
  userErrors: UserError[];

  static ok(item: InventoryItem): AdjustStockPayload {
    return Object.assign(new AdjustStockPayload(), { inventoryItem: item, product: ProductStock.of(item.productId), userErrors: [] });
  }

  static failed(error: UserError): AdjustStockPayload {
    return Object.assign(new AdjustStockPayload(), { inventoryItem: null, product: null, userErrors: [error] });
  }
}
