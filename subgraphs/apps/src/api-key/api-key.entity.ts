import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One of an app's API keys: only its SHA-256 is kept, never the key (shown once, by createApiKey). */
@ObjectType({ description: 'An API key of an app. The key itself is shown once, when created; this is what remains of it.' })
@Entity('api_key')
export class ApiKey {
  @Field(() => ID, { description: 'Opaque key id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field(() => ID, { description: 'The app the key belongs to.' })
  @Column('uuid', { name: 'app_id' })
  appId: string;

  @Column('char', { name: 'key_hash', length: 64 })
  keyHash: string;

  @Field({ description: 'The key’s first characters (`umk_` and 8 more), to tell keys apart.' })
  @Column('varchar', { name: 'display_prefix', length: 12 })
  displayPrefix: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the key was last used (UTC; written at most once a minute, when a gateway verifies it, so to within API_KEY_CACHE_SECONDS); null while never used.',
  })
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked (UTC); null while it works.' })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
