import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@ultramarket/kit';

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(InvitationStatus, {
  name: 'StoreInvitationStatus',
  description: 'PENDING (the invitee may accept or decline), ACCEPTED, DECLINED, REVOKED (by the store) or EXPIRED (not answered in time).',
});

/** How long an invitation waits for its answer. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * An invitation to work in a store. Nobody joins a store's staff without accepting one, signed in as
 * the invitee: the user it names, or the user who verified its email. Tenant-owned (row-level security).
 */
@ObjectType('StoreInvitation', { description: "An invitation to join a store's staff; the invitee accepts or declines it signed in." })
@Entity('store_invitation')
export class StoreInvitation {
  @Field(() => ID, { description: 'Opaque invitation id.' })
  @PrimaryColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => String, {
    nullable: true,
    description: 'The invitee by email (lower case): whoever verified this email with their account; null when invited by user id.',
  })
  @Column('varchar', { length: 254, nullable: true })
  email: string | null;

  @Field(() => ID, { nullable: true, description: 'The invitee by user id; null when invited by email.' })
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Field(() => Role, { description: 'The role the invitee gets on accepting: MERCHANT or STORE_STAFF.' })
  @Column('varchar', { length: 16 })
  role: Role;

  /** As stored: PENDING until answered, revoked or expired by a newer invitation (EXPIRED is also shown for a PENDING one past its time). */
  @Column('varchar', { name: 'status', length: 16 })
  recordedStatus: InvitationStatus;

  @Field(() => ID, { description: 'The merchant (or platform admin) who sent it.' })
  @Column('uuid', { name: 'invited_by' })
  invitedBy: string;

  @Field({ description: 'When it can no longer be accepted (UTC): seven days after it was sent.' })
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Field({ description: 'When it was sent (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted, declined or revoked (UTC).' })
  @Column({ name: 'responded_at', type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  /** Who accepted, declined or revoked it. */
  @Column('uuid', { name: 'responded_by', nullable: true })
  respondedBy: string | null;

  @Field(() => InvitationStatus, { description: 'Where it stands; a pending invitation past its expiry is EXPIRED.' })
  get status(): InvitationStatus {
    if (this.recordedStatus === InvitationStatus.PENDING && this.expiresAt.getTime() <= Date.now()) return InvitationStatus.EXPIRED;
    return this.recordedStatus;
  }
}
