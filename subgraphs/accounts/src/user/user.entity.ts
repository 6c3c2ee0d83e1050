import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintAsNumber, Role } from '@ultramarket/kit';

/**
 * Someone who can sign in. The table and the GraphQL type share this class; columns without
 * `@Field` (password hash, MFA secrets, lockout counters) never reach the schema.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person with an account: a shopper, a store merchant or staff member, or a platform admin.' })
@Entity('app_user')
export class User {
  @Field(() => ID, { description: 'Opaque user id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Sign-in email address, unique regardless of case.' })
  @Column('varchar', { length: 254 })
  email: string;

  /** argon2id PHC string; never selected into a response. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Field({ description: 'Given name.' })
  @Column('varchar', { name: 'first_name', length: 100 })
  firstName: string;

  @Field({ description: 'Family name.' })
  @Column('varchar', { name: 'last_name', length: 100 })
  lastName: string;

  @Field(() => [Role], { description: 'What the user may do on the platform; new users are CUSTOMER.' })
  @Column('varchar', { array: true, length: 16 })
  roles: Role[];

  @Field(() => ID, { nullable: true, description: 'The store a MERCHANT or STORE_STAFF user acts for; null for everyone else.' })
  @Column('uuid', { name: 'store_id', nullable: true })
  storeId: string | null;

  @Field({ description: 'Whether the user proved they own the email address.' })
  @Column('boolean', { name: 'is_verified', default: false })
  isVerified: boolean;

  @Field({ description: 'Whether signing in needs a one-time code from an authenticator app.' })
  @Column('boolean', { name: 'mfa_enabled', default: false })
  mfaEnabled: boolean;

  /** The TOTP secret, AES-256-GCM encrypted (see mfa-secret-cipher.ts). */
  @Column('text', { name: 'mfa_secret', nullable: true })
  mfaSecret: string | null;

  /** A secret from setupMfa waiting for confirmMfa, encrypted the same way. */
  @Column('text', { name: 'mfa_pending_secret', nullable: true })
  mfaPendingSecret: string | null;

  /** The last TOTP time step accepted, so a code is never accepted twice. */
  @Column('bigint', { name: 'mfa_last_time_step', nullable: true, transformer: bigintAsNumber })
  mfaLastTimeStep: number | null;

  @Column('integer', { name: 'failed_login_count', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', name: 'locked_until', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'password_changed_at', precision: 3 })
  passwordChangedAt: Date;

  @VersionColumn()
  version: number;

  @Field({ description: 'When the account was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  isLocked(now = new Date()): boolean {
    return this.lockedUntil !== null && this.lockedUntil > now;
  }
}
