import { GraphQLSafeInt } from 'graphql-scalars';
/** The `SafeInt` scalar (53-bit integers, a JSON number) for money amounts outside `Money`, e.g. price filters. */
export { GraphQLSafeInt };
/**
 * The largest amount a client may give for one price or amount, in minor units: 10^10, i.e.
 * 100 000 000.00 in a two-decimal currency. Quantities are bounded too (orders' line maximum), so a
 * line total or an order total stays far inside `Number.MAX_SAFE_INTEGER` (2^53 − 1), the largest
 * total the platform ever stores or serves.
 */
export declare const MAX_MONEY_INPUT_AMOUNT = 10000000000;
/**
 * Money as integer minor units plus an ISO 4217 code; never a float. Shared by every subgraph.
 * `amount` is a `SafeInt` (53 bits, still a JSON number): sums above 2^31 minor units serialise.
 */
export declare class Money {
    amount: number;
    currencyCode: string;
    static of(amount: number, currencyCode: string): Money;
}
export declare class MoneyInput {
    amount: number;
    currencyCode: string;
}
