"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ZERO = void 0;
exports.exact = exact;
exports.add = add;
exports.subtract = subtract;
exports.multiply = multiply;
exports.divide = divide;
exports.sum = sum;
exports.compare = compare;
exports.min = min;
exports.isZero = isZero;
exports.isWhole = isWhole;
exports.floor = floor;
exports.fractionalPart = fractionalPart;
exports.roundHalfEven = roundHalfEven;
exports.toMinorUnits = toMinorUnits;
function gcd(a, b) {
    let x = a < 0n ? -a : a;
    let y = b;
    while (y !== 0n)
        [x, y] = [y, x % y];
    return x;
}
function exact(numerator, denominator = 1n) {
    let n = BigInt(numerator);
    let d = BigInt(denominator);
    if (d === 0n)
        throw new RangeError('exact amount: division by zero');
    if (d < 0n)
        [n, d] = [-n, -d];
    const divisor = gcd(n, d);
    return divisor > 1n ? { numerator: n / divisor, denominator: d / divisor } : { numerator: n, denominator: d };
}
exports.ZERO = exact(0n);
function add(a, b) {
    return exact(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}
function subtract(a, b) {
    return exact(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}
function multiply(a, b) {
    return exact(a.numerator * b.numerator, a.denominator * b.denominator);
}
function divide(a, b) {
    if (b.numerator === 0n)
        throw new RangeError('exact amount: division by zero');
    return exact(a.numerator * b.denominator, a.denominator * b.numerator);
}
function sum(amounts) {
    return amounts.reduce(add, exports.ZERO);
}
/** Negative, zero or positive as a is below, equal to or above b. */
function compare(a, b) {
    const difference = a.numerator * b.denominator - b.numerator * a.denominator;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
function min(a, b) {
    return compare(a, b) <= 0 ? a : b;
}
function isZero(a) {
    return a.numerator === 0n;
}
function isWhole(a) {
    return a.denominator === 1n;
}
/** The largest whole number not above a (BigInt division truncates towards zero; this does not). */
function floor(a) {
    const quotient = a.numerator / a.denominator;
    return a.numerator < 0n && quotient * a.denominator !== a.numerator ? quotient - 1n : quotient;
}
/** a − floor(a), in [0, 1). */
function fractionalPart(a) {
    return subtract(a, exact(floor(a)));
}
/** Half-even (banker's) rounding to a whole minor unit: 2.5 → 2, 3.5 → 4, 2.4999 → 2. */
function roundHalfEven(a) {
    const whole = floor(a);
    const twiceRest = 2n * (a.numerator - whole * a.denominator);
    if (twiceRest < a.denominator)
        return whole;
    if (twiceRest > a.denominator)
        return whole + 1n;
    return whole % 2n === 0n ? whole : whole + 1n;
}
/** A whole number of minor units back to a JavaScript number, refused beyond 2^53 − 1 rather than rounded. */
function toMinorUnits(amount) {
    if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new RangeError(`pricing: ${amount} minor units is beyond ${Number.MAX_SAFE_INTEGER}`);
    }
    return Number(amount);
}
//# sourceMappingURL=exact-amount.js.map