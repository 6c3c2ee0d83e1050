/** Tags as stored: trimmed, lower-cased, blank ones dropped, each once, in the order first given. */
export function normalizedTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))];
}
