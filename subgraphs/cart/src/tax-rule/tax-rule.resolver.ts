import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, Directive, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import { CONNECTION_LIST_SIZE, connectionTypes, Role, selectsField, type SubgraphContext } from '@ultramarket/kit';
import { TaxRule } from './tax-rule.entity';
import { CreateTaxRuleInput, DeleteTaxRuleInput, TaxRulesArgs, UpdateTaxRuleInput } from './tax-rule.inputs';
import { CreateTaxRulePayload, DeleteTaxRulePayload, UpdateTaxRulePayload } from './tax-rule.payloads';
import { createTaxRule, deleteTaxRule, findTaxRule, listTaxRules, updateTaxRule } from './tax-rule-commands';

const TaxRuleConnection = connectionTypes(TaxRule, 'TaxRule');

/** The store's tax rules: its staff manage them; carts are taxed by them through the pricing engine. */
@Resolver(() => TaxRule)
export class TaxRuleResolver {
  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Query(() => TaxRule, { nullable: true, description: "A tax rule of the caller's store (its staff); null when there is none." })
  taxRule(@Arg('id', () => ID, { description: 'The tax rule.' }) id: string, @Ctx() context: SubgraphContext): Promise<TaxRule | null> {
    return findTaxRule(context, id);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Directive(CONNECTION_LIST_SIZE)
  @Query(() => TaxRuleConnection, { description: "The store's tax rules, newest first (its staff)." })
  taxRules(@Args() args: TaxRulesArgs, @Ctx() context: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return listTaxRules(context, args, selectsField(info, 'totalCount'));
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => CreateTaxRulePayload, { description: "Creates a tax rule in the caller's store; carts use it at their next read." })
  createTaxRule(@Arg('input', () => CreateTaxRuleInput, { description: 'The rule.' }) input: CreateTaxRuleInput, @Ctx() context: SubgraphContext) {
    return createTaxRule(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => UpdateTaxRulePayload, { description: "Replaces a tax rule's fields." })
  updateTaxRule(
    @Arg('input', () => UpdateTaxRuleInput, { description: 'The rule as it should be.' }) input: UpdateTaxRuleInput,
    @Ctx() context: SubgraphContext,
  ) {
    return updateTaxRule(context, input);
  }

  @Authorized(Role.MERCHANT, Role.STORE_STAFF)
  @Mutation(() => DeleteTaxRulePayload, { description: 'Deletes a tax rule.' })
  deleteTaxRule(@Arg('input', () => DeleteTaxRuleInput, { description: 'The rule.' }) input: DeleteTaxRuleInput, @Ctx() context: SubgraphContext) {
    return deleteTaxRule(context, input);
  }
}
