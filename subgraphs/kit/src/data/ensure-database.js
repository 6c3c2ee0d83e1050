"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ensureDatabase = ensureDatabase;
exports.dropDatabase = dropDatabase;
const pg_1 = require("pg");
/** Creates the subgraph's database when it does not exist yet (first start, fresh test suite). */
async function ensureDatabase(database) {
    if (!/^[a-z0-9_]+$/.test(database.name))
        throw new Error(`Invalid configuration: DATABASE_NAME "${database.name}" must be lower-case letters, digits and underscores`);
    const client = new pg_1.Client({ host: database.host, port: database.port, user: database.user, password: database.password, database: 'postgres' });
    try {
        await client.connect();
    }
    catch (error) {
        throw new Error(`PostgreSQL is not reachable at ${database.host}:${database.port} as ${database.user}: ${error.message}`);
    }
    try {
        const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name]);
        if (existing.rowCount === 0) {
            try {
                await client.query(`CREATE DATABASE "${database.name}"`);
            }
            catch (error) {
                // another process created it between our check and our create
                if (error.code !== '42P04' && error.code !== '23505')
                    throw error;
            }
        }
    }
    finally {
        await client.end();
    }
}
/** Drops a database (tests only: each suite starts from nothing and cleans up after itself). */
async function dropDatabase(database) {
    const client = new pg_1.Client({ host: database.host, port: database.port, user: database.user, password: database.password, database: 'postgres' });
    await client.connect();
    try {
        await client.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=ensure-database.js.map