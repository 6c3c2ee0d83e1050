/** The roles stores invites to (stores owns them), as a sentence names them. */
const ROLE_NAMES: Record<string, string> = {
  MERCHANT: 'a merchant',
  STORE_STAFF: 'a member of staff',
};

/** "as a merchant", "as a member of staff"; a role stores added after this was written is named by its code. */
export function staffRoleName(role: string): string {
  return ROLE_NAMES[role] ?? role.toLowerCase().replace(/_/g, ' ');
}
