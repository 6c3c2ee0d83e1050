"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoaderRegistry = void 0;
exports.byKeys = byKeys;
const dataloader_1 = __importDefault(require("dataloader"));
/**
 * Per-request DataLoaders, created on first use and gone with the request, so every field resolver
 * and `resolveReference` that reads the database is batched and never caches across callers.
 */
class LoaderRegistry {
    constructor() {
        this.loaders = new Map();
    }
    get(name, batch) {
        let loader = this.loaders.get(name);
        if (!loader) {
            loader = new dataloader_1.default(batch, { maxBatchSize: 500 });
            this.loaders.set(name, loader);
        }
        return loader;
    }
}
exports.LoaderRegistry = LoaderRegistry;
/** Orders rows to match the keys a DataLoader asked for; missing keys get `null`. */
function byKeys(keys, rows, keyOf) {
    const index = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => index.get(key) ?? null);
}
//# sourceMappingURL=loader-registry.js.map