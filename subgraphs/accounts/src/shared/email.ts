/** Emails are unique regardless of case (`lower(email)` index); lookups compare this form. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
