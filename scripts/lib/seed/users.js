'use strict';
const { expectNoUserErrors } = require('./client');

const USER_BY_EMAIL = `query SeedUserByEmail($email: String!) {
  users(first: 10, filter: { email: $email }) { nodes { id email isVerified } }
}`;
const REGISTER = `mutation SeedRegister($input: RegisterInput!) {
  register(input: $input) { user { id } userErrors { code field message } }
}`;

/**
 * The id of the user with `user.email`: found through a platform admin's `users` list (`admin`), or
 * registered through accounts as anyone does (`anonymous`), so they can also sign in with the password.
 * `verified`: whether their email is verified; `registeredAt`: when this run registered them (the
 * verification email comes after it), null for a user found.
 */
async function ensureUser(admin, anonymous, user) {
  const { users } = await admin(USER_BY_EMAIL, { email: user.email });
  const found = users.nodes.find((node) => node.email.toLowerCase() === user.email.toLowerCase());
  if (found) return { userId: found.id, created: false, verified: found.isVerified, registeredAt: null };
  const registeredAt = Date.now();
  const { register } = await anonymous(REGISTER, { input: user });
  expectNoUserErrors(`register ${user.email}`, register);
  return { userId: register.user.id, created: true, verified: false, registeredAt };
}

module.exports = { ensureUser };
