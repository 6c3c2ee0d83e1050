"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ensureAppRole = ensureAppRole;
exports.grantToAppRole = grantToAppRole;
const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';
/**
 * The role the application connects as: it may read and write rows, and nothing else. It owns no
 * table and is neither superuser nor BYPASSRLS, so row-level security applies to every statement it
 * sends. The owner (DATABASE_USER) creates it when missing and runs the migrations.
 */
async function ensureAppRole(owner, database) {
    const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [database.appUser]);
    if (exists.length === 0) {
        const password = database.appPassword === undefined ? '' : ` PASSWORD ${literal(database.appPassword)}`;
        try {
            await owner.query(`CREATE ROLE ${identifier(database.appUser)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE${password}`);
        }
        catch (error) {
            // another subgraph created it between our check and our create
            const code = error.code;
            if (code !== DUPLICATE_OBJECT && code !== UNIQUE_VIOLATION)
                throw error;
        }
    }
    const [role] = (await owner.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [database.appUser]));
    if (role.rolsuper || role.rolbypassrls) {
        throw new Error(`Invalid configuration: DATABASE_APP_USER "${database.appUser}" must be neither superuser nor BYPASSRLS, or row-level security would not apply`);
    }
}
/** Lets the application role use what the migrations created: rows and sequences, no DDL. */
async function grantToAppRole(owner, database) {
    const role = identifier(database.appUser);
    await owner.query(`GRANT CONNECT ON DATABASE ${identifier(database.name)} TO ${role}`);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const owned = await owner.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1 LIMIT 1`, [database.appUser]);
    if (owned.length > 0)
        throw new Error(`DATABASE_APP_USER "${database.appUser}" owns tables in ${database.name}: it must not, or row-level security could be turned off`);
}
function identifier(name) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
        throw new Error(`Invalid configuration: "${name}" must be lower-case letters, digits and underscores`);
    return `"${name}"`;
}
function literal(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
//# sourceMappingURL=app-role.js.map