import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsOptional, IsUUID, Length, Max, Min, NotEquals } from 'class-validator';
import { UserError } from '@ultramarket/kit';
import { InventoryItem } from './inventory-item.entity';
import { ProductStock } from './product-stock.type';

/** Names one item: a variant (or the product of a one-variant product) at a location (the store's default location when absent). */

@InputType('StockItemInput', { description: 'Names one inventory item: a variant (or the product of a one-variant product) at a location.' })
class ItemRefInput {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The variant whose stock changes. Give this or productId.' })
  variantId?: string | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The product whose stock changes; only for a product with exactly one variant. Give this or variantId.' })
  productId?: string | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The location; the store’s default location when absent.' })
  locationId?: string | null;
}

@InputType({ description: 'A manual stock change: received goods, a count correction, damage.' })
export class AdjustStockInput extends ItemRefInput {
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

@InputType({ description: 'A stock count: on hand becomes the counted number.' })
export class SetStockInput extends ItemRefInput {
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  @Field(() => Int, { description: 'Units on hand after the count; never below the units held for orders.' })
  onHand: number;

  @Length(1, 200)
  @Field({ description: 'Why the stock is set, kept with the adjustment.' })
  reason: string;

  @Length(1, 100)
  @Field({ description: 'A key unique to this change; repeating a request with it changes nothing twice.' })
  idempotencyKey: string;
}

@InputType({ description: 'Units on their way to a location.' })
export class SetIncomingInput extends ItemRefInput {
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  @Field(() => Int, { description: 'Units expected to arrive at the location.' })
  incoming: number;

  @Length(1, 200)
  @Field({ description: 'Why, kept with the adjustment (e.g. a purchase order number).' })
  reason: string;

  @Length(1, 100)
  @Field({ description: 'A key unique to this change; repeating a request with it changes nothing twice.' })
  idempotencyKey: string;
}

@InputType({ description: 'When one item’s stock counts as low.' })
export class SetLowStockThresholdInput extends ItemRefInput {
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  @Field(() => Int, { description: 'A low-stock alert is raised when the item’s available units fall to this number.' })
  lowStockThreshold: number;

  @Length(1, 200)
  @Field({ description: 'Why, kept with the adjustment.' })
  reason: string;

  @Length(1, 100)
  @Field({ description: 'A key unique to this change; repeating a request with it changes nothing twice.' })
  idempotencyKey: string;
}

/** The payload of a mutation that changes one inventory item: the item, its product, or why nothing changed. */
function itemPayload(name: string) {
  @ObjectType(name, { description: `Result of ${name[0].toLowerCase()}${name.slice(1).replace(/Payload$/, '')}.` })
  class ItemPayload {
    @Field(() => InventoryItem, { nullable: true, description: 'The stock after the change.' })
    inventoryItem: InventoryItem | null;

    @Field(() => ProductStock, { nullable: true, description: 'The product, for reading its other fields in the same request.' })
    product: ProductStock | null;

    @Field(() => [UserError], { description: 'Why the stock was not changed; empty on success.' })
    userErrors: UserError[];

    static of(outcome: { item: InventoryItem } | { error: UserError }): ItemPayload {
      return 'item' in outcome
        ? Object.assign(new ItemPayload(), { inventoryItem: outcome.item, product: ProductStock.of(outcome.item.productId), userErrors: [] })
        : Object.assign(new ItemPayload(), { inventoryItem: null, product: null, userErrors: [outcome.error] });
    }
  }
  return ItemPayload;
}

export const AdjustStockPayload = itemPayload('AdjustStockPayload');
export type AdjustStockPayload = InstanceType<typeof AdjustStockPayload>;
export const SetStockPayload = itemPayload('SetStockPayload');
export type SetStockPayload = InstanceType<typeof SetStockPayload>;
export const SetIncomingPayload = itemPayload('SetIncomingPayload');
export type SetIncomingPayload = InstanceType<typeof SetIncomingPayload>;
export const SetLowStockThresholdPayload = itemPayload('SetLowStockThresholdPayload');
export type SetLowStockThresholdPayload = InstanceType<typeof SetLowStockThresholdPayload>;
