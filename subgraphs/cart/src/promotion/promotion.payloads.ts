import { Field, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { Promotion } from './promotion.entity';

@ObjectType({ description: 'Result of a promotion mutation.' })
export class PromotionPayload {
  @Field(() => Promotion, { nullable: true, description: 'The promotion as it now is; null when nothing was changed.' })
  promotion: Promotion | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends PromotionPayload>(this: new () => T, promotion: Promotion): T {
    return Object.assign(new this(), { promotion, userErrors: [] });
  }

  static failed<T extends PromotionPayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { promotion: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createPromotion.' })
export class CreatePromotionPayload extends PromotionPayload {}

@ObjectType({ description: 'Result of updatePromotion.' })
export class UpdatePromotionPayload extends PromotionPayload {}

@ObjectType({ description: 'Result of deactivatePromotion.' })
export class DeactivatePromotionPayload extends PromotionPayload {}
