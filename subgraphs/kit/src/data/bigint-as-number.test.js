"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const graphql_scalars_1 = require("graphql-scalars");
const class_validator_1 = require("class-validator");
const money_type_1 = require("../graphql/money.type");
const bigint_as_number_1 = require("./bigint-as-number");
describe('bigint as number', () => {
    it('reads what pg returns for bigint and sums exactly', () => {
        expect(bigint_as_number_1.bigintAsNumber.from('6000000000')).toBe(6_000_000_000);
        expect(bigint_as_number_1.bigintAsNumber.from(null)).toBeNull();
        expect((0, bigint_as_number_1.safeIntegerFrom)('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
        expect((0, bigint_as_number_1.safeIntegerFrom)('-42')).toBe(-42);
        expect((0, bigint_as_number_1.safeIntegerFrom)(12n)).toBe(12);
    });
    it('refuses a value it cannot hold exactly rather than rounding it', () => {
        expect(() => (0, bigint_as_number_1.safeIntegerFrom)('9007199254740992', 'revenue')).toThrow(/revenue 9007199254740992 is beyond 9007199254740991/);
        expect(() => bigint_as_number_1.bigintAsNumber.from('-9007199254740993')).toThrow(RangeError);
        expect(() => (0, bigint_as_number_1.safeIntegerFrom)('12.5')).toThrow(/not a whole number/);
        expect(() => (0, bigint_as_number_1.safeIntegerFrom)('1e21')).toThrow(/not a whole number/);
    });
    it('writes numbers as they are', () => {
        expect(bigint_as_number_1.bigintAsNumber.to(6_000_000_000)).toBe(6_000_000_000);
    });
});
describe('Money', () => {
    it('serialises amounts above 2^31 as SafeInt, exactly', () => {
        expect(graphql_scalars_1.GraphQLSafeInt.serialize(money_type_1.Money.of(6_000_000_000, 'USD').amount)).toBe(6_000_000_000);
        expect(() => graphql_scalars_1.GraphQLSafeInt.serialize(Number.MAX_SAFE_INTEGER + 1)).toThrow();
    });
    it('bounds an input amount at MAX_MONEY_INPUT_AMOUNT minor units', async () => {
        const input = (amount) => Object.assign(new money_type_1.MoneyInput(), { amount, currencyCode: 'USD' });
        expect(await (0, class_validator_1.validate)(input(money_type_1.MAX_MONEY_INPUT_AMOUNT))).toEqual([]);
        const [tooLarge] = await (0, class_validator_1.validate)(input(money_type_1.MAX_MONEY_INPUT_AMOUNT + 1));
        expect(tooLarge.constraints).toEqual({ max: 'amount must be at most 10000000000 minor units' });
        expect(await (0, class_validator_1.validate)(input(-1))).toHaveLength(1);
    });
});
//# sourceMappingURL=bigint-as-number.test.js.map