/** An expected business failure returned in a mutation payload (Shopify-style), not thrown. */
export declare class UserError {
    code: string;
    field?: string[];
    message: string;
    static of(code: string, message: string, field?: string[]): UserError;
}
