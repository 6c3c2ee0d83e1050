'use strict';
/**
 * A throwaway RS256 key pair for the bench stack: production mode refuses to start without
 * JWT_PUBLIC_KEY, and the bench signs its own merchant and shopper tokens with the private half.
 */
const { generateKeyPairSync, randomUUID } = require('node:crypto');
const path = require('node:path');

const KEY_ID = 'bench-1';

function benchKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    keyId: KEY_ID,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Environment that makes every stack process trust `keys`. */
function authEnv(keys) {
  return { JWT_PUBLIC_KEY: keys.publicKeyPem, JWT_KEY_ID: keys.keyId };
}

/** A merchant token for a fresh store (the bench's products all belong to it). */
function merchantToken(keys, root) {
  const kit = require(path.join(root, 'subgraphs', 'kit', 'dist'));
  const storeId = randomUUID();
  const auth = { ...kit.readAuthConfig({}), keyId: keys.keyId };
  const token = kit.signAccessToken({ sub: randomUUID(), roles: ['MERCHANT'], storeId }, keys, auth, 3600);
  return { token, storeId };
}

/** A shopper's token (role CUSTOMER); every call signs a new one (its own `jti`), as each sign-in would. */
function customerToken(keys, root, userId = randomUUID()) {
  const kit = require(path.join(root, 'subgraphs', 'kit', 'dist'));
  const auth = { ...kit.readAuthConfig({}), keyId: keys.keyId };
  return { token: kit.signAccessToken({ sub: userId, roles: ['CUSTOMER'], storeId: null }, keys, auth, 3600), userId };
}

module.exports = { benchKeys, authEnv, merchantToken, customerToken };
