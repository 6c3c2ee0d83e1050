import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { InventoryItem } from './inventory-item.entity';

/** One variant's stock at one location, as the variant shows it to the store's staff. */
@ObjectType({ description: 'A variant’s stock at one location.' })
export class InventoryLevel {
  @Field(() => ID, { description: 'The inventory item’s id.' })
  id: string;

  @Field(() => ID, { description: 'The location.' })
  locationId: string;

  @Field(() => Int, { description: 'Units physically in stock.' })
  onHand: number;

  @Field(() => Int, { description: 'Units held for orders not yet paid or shipped.' })
  reserved: number;

  @Field(() => Int, { description: 'Units that can be sold now: onHand − reserved.' })
  available: number;

  @Field(() => Int, { description: 'Units on their way here.' })
  incoming: number;

  @Field(() => Int, { description: 'When available units fall to this number, a low-stock alert is raised.' })
  lowStockThreshold: number;

  @Field({ description: 'When stock here last changed (UTC).' })
  updatedAt: Date;

  static of(item: InventoryItem): InventoryLevel {
    return Object.assign(new InventoryLevel(), {
      id: item.id,
      locationId: item.locationId,
      onHand: item.onHand,
      reserved: item.reserved,
      available: item.available,
      incoming: item.incoming,
      lowStockThreshold: item.lowStockThreshold,
      updatedAt: item.updatedAt,
    });
  }
}
