import { checkShippingMethod, type ShippingRateRule, type UserError } from '@ultramarket/kit';
import { manualCarrier, type CarrierSettings } from '../carrier/carrier-provider';
import { ShippingErrors } from '../shipping-errors';
import type { ShippingCarrierInput, ShippingRateInput } from './method.inputs';
import { ShippingRateKind } from './shipping-rate.types';

/** What a merchant typed as a rate, as the kit's rule, or the userError that says why it is not one. */
export function rateRuleOf(input: ShippingRateInput): ShippingRateRule | UserError {
  const given = { amount: input.amount != null, weightBrackets: input.weightBrackets != null, priceBands: input.priceBands != null };
  const needs = { [ShippingRateKind.FLAT]: 'amount', [ShippingRateKind.BY_WEIGHT]: 'weightBrackets', [ShippingRateKind.BY_PRICE]: 'priceBands' } as const;
  const wanted = needs[input.kind];
  const extra = (Object.keys(given) as (keyof typeof given)[]).filter((key) => given[key] && key !== wanted);
  if (!given[wanted]) return ShippingErrors.invalidRate(`A ${input.kind} rate needs ${wanted}`, ['input', 'rate', wanted]);
  if (extra.length > 0) return ShippingErrors.invalidRate(`A ${input.kind} rate takes only ${wanted}, not ${extra.join(', ')}`, ['input', 'rate', extra[0]]);
  let rule: ShippingRateRule;
  if (input.kind === ShippingRateKind.FLAT) rule = { kind: 'FLAT', amount: input.amount! };
  else if (input.kind === ShippingRateKind.BY_WEIGHT) {
    const brackets = input.weightBrackets!.map((bracket) => ({
      minWeightGrams: bracket.minWeightGrams,
      maxWeightGrams: bracket.maxWeightGrams ?? null,
      amount: bracket.amount,
    }));
    rule = { kind: 'BY_WEIGHT', brackets: brackets.sort((a, b) => a.minWeightGrams - b.minWeightGrams) };
  } else {
    const bands = input.priceBands!.map((band) => ({ minSubtotal: band.minSubtotal, maxSubtotal: band.maxSubtotal ?? null, amount: band.amount }));
    rule = { kind: 'BY_PRICE', bands: bands.sort((a, b) => a.minSubtotal - b.minSubtotal) };
  }
  // the kit's own check (empty, overlapping) so that what is stored is what availableShippingRates accepts
  try {
    checkShippingMethod({
      methodId: 'new',
      name: '',
      zone: { zoneId: '', name: '', regions: [{ countryCode: 'ZZ', provinceCode: null, postalCodePrefix: null }] },
      rate: rule,
      freeOverSubtotal: null,
      currencyCode: 'XXX',
      taxClass: null,
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return ShippingErrors.invalidRate(`The rate is not valid: ${error.message.replace(/^shipping rates: method new /, '')}`);
  }
  return rule;
}

/** The carrier a merchant typed (the manual carrier), or the userError that says why it cannot be used. */
export function carrierOf(input: ShippingCarrierInput | null | undefined, methodName: string): CarrierSettings | UserError {
  const settings: CarrierSettings = {
    code: manualCarrier.code,
    name: input?.name.trim() || methodName,
    trackingUrlTemplate: input?.trackingUrlTemplate?.trim() || null,
  };
  const problem = manualCarrier.settingsProblem(settings);
  return problem === null ? settings : ShippingErrors.invalidCarrier(problem);
}
