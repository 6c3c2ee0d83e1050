import { Directive, Field, ObjectType } from 'type-graphql';

/** An expected business failure returned in a mutation payload (Shopify-style), not thrown. */
@Directive('@shareable')
@ObjectType({ description: 'Why a mutation could not do what was asked, in terms the caller can act on.' })
export class UserError {
  @Field({ description: 'Stable machine-readable code, e.g. INSUFFICIENT_STOCK.' })
  code: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "delta"].' })
  field?: string[];

  @Field({ description: 'Human-readable explanation.' })
  message: string;

  static of(code: string, message: string, field?: string[]): UserError {
    return Object.assign(new UserError(), { code, message, field });
  }
}
