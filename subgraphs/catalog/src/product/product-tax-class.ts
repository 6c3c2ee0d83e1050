/** A tax class names the tax rules that apply to a product (e.g. "books"); null is the store's standard rate. */
export const TAX_CLASS_PATTERN = /^[a-z0-9_-]{1,64}$/i;
export const TAX_CLASS_MESSAGE = 'taxClass must be 1–64 letters, digits, "_" or "-" (stored lower-cased)';

/** The class as stored: lower-cased; null (or left out as null) clears it. */
export function storedTaxClass(taxClass: string | null | undefined): string | null {
  return taxClass ? taxClass.toLowerCase() : null;
}
