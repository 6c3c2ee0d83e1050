"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = __importDefault(require("node:path"));
const signing_secret_1 = require("./signing-secret");
describe('loadSubgraphSigningSecret', () => {
    const keysDir = (0, node_fs_1.mkdtempSync)(node_path_1.default.join((0, node_os_1.tmpdir)(), 'signing-secret-'));
    afterAll(() => (0, node_fs_1.rmSync)(keysDir, { recursive: true, force: true }));
    it('takes SUBGRAPH_SIGNING_SECRET, at least 32 characters', () => {
        const secret = 'x'.repeat(32);
        expect((0, signing_secret_1.loadSubgraphSigningSecret)({ SUBGRAPH_SIGNING_SECRET: secret, NODE_ENV: 'production' })).toBe(secret);
        expect(() => (0, signing_secret_1.loadSubgraphSigningSecret)({ SUBGRAPH_SIGNING_SECRET: 'short' })).toThrow(/SUBGRAPH_SIGNING_SECRET must be at least 32/);
    });
    it('is required in production', () => {
        expect(() => (0, signing_secret_1.loadSubgraphSigningSecret)({ NODE_ENV: 'production', JWT_KEYS_DIR: keysDir })).toThrow(/SUBGRAPH_SIGNING_SECRET is required in production/);
    });
    it('is generated once in the development key directory otherwise, and shared', () => {
        const first = (0, signing_secret_1.loadSubgraphSigningSecret)({ NODE_ENV: 'test', JWT_KEYS_DIR: keysDir });
        expect(first).toMatch(/^[0-9a-f]{64}$/);
        expect((0, signing_secret_1.loadSubgraphSigningSecret)({ JWT_KEYS_DIR: keysDir })).toBe(first);
        expect((0, node_fs_1.readFileSync)(node_path_1.default.join(keysDir, 'subgraph-signing-secret'), 'utf8')).toBe(first);
    });
});
//# sourceMappingURL=signing-secret.test.js.map