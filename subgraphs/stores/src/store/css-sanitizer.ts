/**
 * Merchant CSS for the storefront, made harmless: it can restyle the page but not load or run
 * anything. Obfuscation through comments and CSS escapes is undone first, then markup goes, then
 * every rule fragment (the text between `{`, `}` and `;`) that imports, scripts, binds behaviour or
 * fetches from anywhere but https: or an inline image is dropped whole. Everything else is kept.
 */
const DANGEROUS = [
  /@import/i,
  /expression\s*\(/i,
  /javascript\s*:/i,
  /vbscript\s*:/i,
  /behavior\s*:/i,
  /-moz-binding/i,
  // url() must point at https: or be an inline image
  /url\s*\(\s*(?!['"]?\s*(?:https:|data:image\/))/i,
];

/** `\65 xpression` and `\e` spell letters without writing them; letters, digits and a few punctuation marks are spelled out again. */
function undoEscapes(css: string): string {
  return css
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (escape: string, hex: string) => {
      const character = String.fromCodePoint(Number.parseInt(hex, 16) || 0xfffd);
      return /^[A-Za-z0-9():/@<>-]$/.test(character) ? character : escape;
    })
    .replace(/\\([g-zG-Z():/@<>-])/g, '$1');
}

export function sanitizeCss(css: string): string {
  const plain = undoEscapes(css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ''))
    .replace(/<\/?[a-zA-Z!][^>]*>?/g, '')
    .replace(/<\/style/gi, '')
    .replace(/</g, '');
  return plain.replace(/[^;{}]+;?/g, (fragment) => (DANGEROUS.some((pattern) => pattern.test(fragment)) ? '' : fragment)).trim();
}
