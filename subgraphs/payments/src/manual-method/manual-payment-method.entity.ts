import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ManualPaymentMethodKind } from './manual-method-kind';

/** Bounds of what staff may configure (also checked by the table). */
export const MANUAL_METHOD_LIMITS = {
  displayName: { min: 1, max: 80 },
  instructions: { min: 0, max: 2000 },
  holdHours: { min: 1, max: 720 },
} as const;

/** One manual payment method of a store: whether shoppers may choose it, what they are told, how long their stock is held. */
@ObjectType({ description: "A store's manual payment method (bank transfer, cash on delivery, other) as its staff configured it." })
@Entity('manual_payment_method')
export class ManualPaymentMethod {
  @Column('uuid', { name: 'store_id', primary: true })
  storeId: string;

  @Field(() => ManualPaymentMethodKind, { description: 'Which manual method this is.' })
  @PrimaryColumn('varchar', { length: 24 })
  kind: ManualPaymentMethodKind;

  @Field({ description: 'Whether shoppers may choose it at checkout.' })
  @Column('boolean')
  enabled: boolean;

  @Field({ description: 'The name shoppers see, e.g. "Bank transfer" (1–80 characters).' })
  @Column('varchar', { name: 'display_name', length: 80 })
  displayName: string;

  @Field({
    description:
      'What the shopper must do to pay (bank details, reference to quote), shown at checkout, on the payment and in the order email (at most 2000 characters).',
  })
  @Column('text')
  instructions: string;

  @Field(() => Int, { description: 'How long an order paid this way keeps its stock reserved while the money is on its way, in hours (1–720).' })
  @Column('integer', { name: 'hold_hours' })
  holdHours: number;

  @Field({ description: 'When staff last changed it (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
