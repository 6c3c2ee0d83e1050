import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '@ultramarket/kit';
import { TaxRule } from './tax-rule.entity';

@ObjectType({ description: 'Result of a tax rule mutation.' })
export class TaxRulePayload {
  @Field(() => TaxRule, { nullable: true, description: 'The tax rule as it now is; null when nothing was changed or it was deleted.' })
  taxRule: TaxRule | null;

  @Field(() => [UserError], { description: 'Why the mutation did not happen; empty on success.' })
  userErrors: UserError[];

  static ok<T extends TaxRulePayload>(this: new () => T, taxRule: TaxRule | null): T {
    return Object.assign(new this(), { taxRule, userErrors: [] });
  }

  static failed<T extends TaxRulePayload>(this: new () => T, ...userErrors: UserError[]): T {
    return Object.assign(new this(), { taxRule: null, userErrors });
  }
}

@ObjectType({ description: 'Result of createTaxRule.' })
export class CreateTaxRulePayload extends TaxRulePayload {}

@ObjectType({ description: 'Result of updateTaxRule.' })
export class UpdateTaxRulePayload extends TaxRulePayload {}

@ObjectType({ description: 'Result of deleteTaxRule.' })
export class DeleteTaxRulePayload extends TaxRulePayload {
  @Field(() => ID, { nullable: true, description: 'The deleted rule; null when nothing was deleted.' })
  deletedId: string | null = null;
}
