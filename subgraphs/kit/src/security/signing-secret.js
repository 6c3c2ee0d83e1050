"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadSubgraphSigningSecret = loadSubgraphSigningSecret;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const env_reader_1 = require("../config/env-reader");
const kit_config_1 = require("../config/kit-config");
/** Repository root, from src/security or dist/security of subgraphs/kit (where the development JWT keys live). */
const defaultKeysDir = node_path_1.default.resolve(__dirname, '../../../../.dev-keys');
const DEVELOPMENT_FILE = 'subgraph-signing-secret';
const MIN_LENGTH = 32;
/**
 * The secret the gateway signs subgraph requests with and subgraphs verify them with:
 * `SUBGRAPH_SIGNING_SECRET` (at least 32 characters, e.g. `openssl rand -hex 32`), required in
 * production. Outside production, without it, one is generated once in the development key directory
 * (`JWT_KEYS_DIR`, default `<repo>/.dev-keys`) and shared by every local process, like the JWT key pair,
 * so `npm start` and the tests need no setup.
 */
function loadSubgraphSigningSecret(env = process.env) {
    const configured = (0, env_reader_1.envReader)(env).optionalString('SUBGRAPH_SIGNING_SECRET');
    if (configured !== undefined) {
        if (configured.length < MIN_LENGTH)
            throw new env_reader_1.ConfigError('SUBGRAPH_SIGNING_SECRET', `must be at least ${MIN_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);
        return configured;
    }
    if ((0, kit_config_1.readNodeEnv)(env) === 'production') {
        throw new env_reader_1.ConfigError('SUBGRAPH_SIGNING_SECRET', 'is required in production: the gateway signs every subgraph request with it and subgraphs refuse any other');
    }
    return developmentSecret((0, kit_config_1.readAuthConfig)(env).keysDir ?? defaultKeysDir);
}
function developmentSecret(dir) {
    const file = node_path_1.default.join(dir, DEVELOPMENT_FILE);
    if (!(0, node_fs_1.existsSync)(file)) {
        (0, node_fs_1.mkdirSync)(dir, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        (0, node_fs_1.writeFileSync)(temporary, (0, node_crypto_1.randomBytes)(32).toString('hex'), { mode: 0o600 });
        // rename is atomic: concurrent first starts end up agreeing on one secret
        if (!(0, node_fs_1.existsSync)(file))
            (0, node_fs_1.renameSync)(temporary, file);
        else
            (0, node_fs_1.rmSync)(temporary, { force: true });
    }
    const secret = (0, node_fs_1.readFileSync)(file, 'utf8').trim();
    if (secret.length < MIN_LENGTH)
        throw new Error(`${file} does not hold a signing secret; delete it to generate a new one`);
    return secret;
}
//# sourceMappingURL=signing-secret.js.map