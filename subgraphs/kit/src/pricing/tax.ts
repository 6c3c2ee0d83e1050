import { rankByIds } from './apportion';
import { type Exact, ZERO, exact, multiply, toMinorUnits } from './exact-amount';
import type { TaxLine, TaxRule } from './pricing.types';
import { roundingPolicyOf, settleByColumns } from './rounding';
import type { TaxAnswer, TaxRequest } from './tax-provider';
import { taxRulesForAddress, taxRulesForClass } from './tax-rules';

const WHOLE = 10_000n;

/**
 * One rule's exact tax on an amount taxed by `applicable` rules together: added on top when prices
 * exclude tax (amount × rate); extracted when they include it (amount × rate / (1 + sum of the rates),
 * so that two taxes in one price are both taken out of the same net amount). Taxes never compound.
 */
function exactTax(amount: number, rule: TaxRule, applicable: readonly TaxRule[], pricesIncludeTax: boolean): Exact {
  const combinedRate = applicable.reduce((total, { rateBasisPoints }) => total + BigInt(rateBasisPoints), 0n);
  const denominator = pricesIncludeTax ? WHOLE + combinedRate : WHOLE;
  return multiply(exact(amount), exact(BigInt(rule.rateBasisPoints), denominator));
}

/**
 * The built-in tax stage: the rules of the most specific level matching the address, each line taxed by
 * the rules of its class on its amount after discounts, shipping by the rules of its own class. Rounded
 * per line (each tax of each line) or per order (each rule's total once, spread back over the lines).
 */
export function taxByRules(request: TaxRequest, rules: readonly TaxRule[]): TaxAnswer {
  const levelRules = taxRulesForAddress(request.address, rules);
  const rounding = roundingPolicyOf(request.settings.rounding);
  const taxed = [...request.lines, ...(request.shipping ? [request.shipping] : [])];
  const applicableByRow = taxed.map(({ taxClass }) => taxRulesForClass(levelRules, taxClass));
  const table = taxed.map(({ amount }, row) =>
    levelRules.map((rule) =>
      applicableByRow[row].includes(rule) ? rounding.roundShare(exactTax(amount, rule, applicableByRow[row], request.settings.pricesIncludeTax)) : ZERO,
    ),
  );
  const rowRank = rankByIds(request.lines.map(({ lineId }) => lineId)).concat(request.lines.length);
  const settled = settleByColumns(table, levelRules.length, rowRank);
  const taxLinesOf = (row: number): TaxLine[] =>
    levelRules.flatMap((rule, column) =>
      applicableByRow[row].includes(rule)
        ? [{ ruleId: rule.ruleId, title: rule.title, rateBasisPoints: rule.rateBasisPoints, amount: toMinorUnits(settled[row][column]) }]
        : [],
    );
  return {
    lines: request.lines.map(({ lineId }, row) => ({ lineId, taxLines: taxLinesOf(row) })),
    shipping: request.shipping ? taxLinesOf(request.lines.length) : [],
  };
}
