import type { PricingLine } from './pricing.types';
/** A line as the chain carries it: the input line and its subtotal (unit price × quantity), exactly. */
export interface LineAmount {
    line: PricingLine;
    subtotal: bigint;
}
/** The first stage of the chain: what each line costs before promotions and tax. */
export declare function priceLines(lines: readonly PricingLine[]): LineAmount[];
