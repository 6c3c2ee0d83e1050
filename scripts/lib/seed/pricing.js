'use strict';
const { expectNoUserErrors } = require('./client');

const PROMOTIONS = `query SeedPromotions { promotions(first: 100) { nodes { id code title } } }`;
const CREATE_PROMOTION = `mutation SeedCreatePromotion($input: CreatePromotionInput!) {
  createPromotion(input: $input) { promotion { id } userErrors { code field message } }
}`;
const TAX_RULES = `query SeedTaxRules { taxRules(first: 100) { nodes { id title } } }`;
const CREATE_TAX_RULE = `mutation SeedCreateTaxRule($input: CreateTaxRuleInput!) {
  createTaxRule(input: $input) { taxRule { id } userErrors { code field message } }
}`;

/**
 * The store's discount codes and automatic promotions (found by title) and tax rules (found by title),
 * created when missing, so a repeat adds nothing.
 *
 * @param {{ title: string }[]} promotions inputs of createPromotion
 * @param {{ title: string }[]} taxRules inputs of createTaxRule
 */
async function seedPricing(request, promotions, taxRules) {
  const { promotions: existingPromotions } = await request(PROMOTIONS);
  const promotionTitles = new Set(existingPromotions.nodes.map((promotion) => promotion.title));
  let promotionsCreated = 0;
  for (const input of promotions.filter((planned) => !promotionTitles.has(planned.title))) {
    expectNoUserErrors(`createPromotion ${input.title}`, (await request(CREATE_PROMOTION, { input })).createPromotion);
    promotionsCreated++;
  }
  const { taxRules: existingRules } = await request(TAX_RULES);
  const ruleTitles = new Set(existingRules.nodes.map((rule) => rule.title));
  let taxRulesCreated = 0;
  for (const input of taxRules.filter((planned) => !ruleTitles.has(planned.title))) {
    expectNoUserErrors(`createTaxRule ${input.title}`, (await request(CREATE_TAX_RULE, { input })).createTaxRule);
    taxRulesCreated++;
  }
  return { promotions: promotionsCreated, taxRules: taxRulesCreated };
}

module.exports = { seedPricing };
