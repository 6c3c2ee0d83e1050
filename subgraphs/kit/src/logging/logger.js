"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
const pino_1 = __importDefault(require("pino"));
/** One structured logger per process; request and correlation ids are added as child bindings. */
function createLogger(service, level) {
    return (0, pino_1.default)({ name: service, level, base: { service } });
}
//# sourceMappingURL=logger.js.map