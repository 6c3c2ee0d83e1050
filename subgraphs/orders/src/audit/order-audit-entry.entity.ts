import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OrderAuditAction, OrderAuditActorKind } from './order-audit-action';

/** Plain values an entry's details hold (what changed, which shipment): shown to staff as name/value pairs. */
export type AuditDetailValue = string | number | boolean | null;

@ObjectType({ description: 'Who did something to an order.' })
export class OrderAuditActor {
  @Field(() => OrderAuditActorKind, { description: 'Staff, the shopper, the platform or an app.' })
  kind: OrderAuditActorKind;

  @Field(() => ID, { nullable: true, description: 'The user who acted; null for the platform, a carrier or a guest.' })
  userId: string | null;
}

@ObjectType({ description: 'One detail of an audit entry, e.g. the tracking number of a shipment.' })
export class OrderAuditDetail {
  @Field({ description: 'What the value is, e.g. "trackingNumber".' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The value as text; null when it was empty.' })
  value: string | null;
}

/** One action on an order: who, when, what. Written once, never changed. */
@ObjectType({ description: 'An action on an order in its audit trail: who did what, when.' })
@Entity('order_audit_entry')
export class OrderAuditEntry {
  @Field(() => ID, { description: 'Opaque entry id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Column('uuid', { name: 'order_id' })
  orderId: string;

  @Column('varchar', { name: 'actor_kind', length: 16 })
  actorKind: OrderAuditActorKind;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Field(() => OrderAuditAction, { description: 'What was done.' })
  @Column('varchar', { length: 48 })
  action: OrderAuditAction;

  @Field({ description: 'What was done, in words for the staff.' })
  @Column('text')
  summary: string;

  @Column('jsonb', { name: 'details', default: () => "'{}'" })
  storedDetails: Record<string, AuditDetailValue>;

  @Field({ description: 'When it was done (UTC).' })
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  /** The event the entry was recorded from (null for orders' own actions): a redelivery finds it and writes nothing. */
  @Column('uuid', { name: 'event_id', nullable: true })
  eventId: string | null;

  @Field(() => OrderAuditActor, { description: 'Who did it.' })
  get actor(): OrderAuditActor {
    return Object.assign(new OrderAuditActor(), { kind: this.actorKind, userId: this.actorUserId });
  }

  @Field(() => [OrderAuditDetail], { description: 'The particulars, by name (sorted).' })
  get details(): OrderAuditDetail[] {
    return Object.keys(this.storedDetails ?? {})
      .sort()
      .map((name) => {
        const value = this.storedDetails[name];
        return Object.assign(new OrderAuditDetail(), { name, value: value === null || value === undefined ? null : String(value) });
      });
  }
}
