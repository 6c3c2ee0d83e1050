"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadSymmetricKey = loadSymmetricKey;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const env_reader_1 = require("../config/env-reader");
/** Repository root, from src/crypto or dist/crypto of subgraphs/kit (where the development JWT keys live). */
const defaultKeysDir = node_path_1.default.resolve(__dirname, '../../../../.dev-keys');
const KEY_BYTES = 32;
/**
 * A 32-byte AES-256 key from a base64 environment variable (`openssl rand -base64 32`), required in
 * production. Outside production, without it, one is generated once in the development key directory
 * and read back by every local process, like the JWT key pair, so processes that must agree on a key
 * (accounts and notifications) do so with no setup.
 */
function loadSymmetricKey(options) {
    const { variable, configured } = options;
    if (configured !== undefined) {
        const key = Buffer.from(configured, 'base64');
        if (key.length !== KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== configured.replace(/=+$/, '')) {
            throw new env_reader_1.ConfigError(variable, 'must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
        }
        return key;
    }
    if (options.isProduction)
        throw new env_reader_1.ConfigError(variable, 'is required in production');
    return developmentKey(options.keysDir ?? defaultKeysDir, options.developmentFile);
}
function developmentKey(dir, name) {
    const file = node_path_1.default.join(dir, name);
    if (!(0, node_fs_1.existsSync)(file)) {
        (0, node_fs_1.mkdirSync)(dir, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        (0, node_fs_1.writeFileSync)(temporary, (0, node_crypto_1.randomBytes)(KEY_BYTES).toString('base64'), { mode: 0o600 });
        // rename is atomic: concurrent first starts end up agreeing on one key
        if (!(0, node_fs_1.existsSync)(file))
            (0, node_fs_1.renameSync)(temporary, file);
        else
            (0, node_fs_1.rmSync)(temporary, { force: true });
    }
    const key = Buffer.from((0, node_fs_1.readFileSync)(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES)
        throw new Error(`${file} does not hold a 32-byte base64 key; delete it to generate a new one`);
    return key;
}
//# sourceMappingURL=symmetric-key.js.map