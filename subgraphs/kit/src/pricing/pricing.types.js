"use strict";
/**
 * The one pricing engine's input and output. Every amount is an integer in minor units of the
 * store's currency; quantities are positive integers. The engine is pure: it reads nothing and
 * writes nothing, so a cart, its checkout review and the order it becomes price the same input to
 * the same minor unit.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=pricing.types.js.map