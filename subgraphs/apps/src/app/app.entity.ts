import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AppScope } from '@ultramarket/kit';

/** An integration a store installed: a name and the scopes its API keys get, in that one store. */
@ObjectType({ description: 'An app installed in a store: its API keys act in that store with exactly its scopes.' })
@Entity('app')
export class App {
  @Field(() => ID, { description: 'Opaque app id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The store the app is installed in; it acts nowhere else.' })
  @Column('uuid', { name: 'store_id' })
  storeId: string;

  @Field({ description: 'What the store calls the app, 1 to 100 characters.' })
  @Column('varchar', { length: 100 })
  name: string;

  @Field(() => [AppScope], { description: 'What the app’s API keys may do in the store (docs/apps-and-api-keys.md).' })
  @Column('text', { array: true })
  scopes: AppScope[];

  @Field(() => Date, { nullable: true, description: 'When it was uninstalled (UTC), which revoked its keys; null while installed.' })
  @Column('timestamptz', { name: 'uninstalled_at', nullable: true })
  uninstalledAt: Date | null;

  @Column('uuid', { name: 'installed_by', nullable: true })
  installedBy: string | null;

  @Column('integer')
  version: number;

  @Field({ description: 'When it was installed (UTC).' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
