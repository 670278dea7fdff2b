// The bundled label font (Noto Sans SC, OFL-1.1) and its pre-loading. Map labels are drawn locally
// (no glyphs URL): the characters must be loaded before a label layer first needs them, otherwise
// TinySDF caches a fallback font's bitmaps (or tofu boxes). The @font-face CSS is imported by main.tsx.

export const labelFontFamily = 'Noto Sans SC'
export const labelFontStack = [labelFontFamily] // MapLibre text-font: a CSS family list
export const cssFontFamily = `"${labelFontFamily}", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`

/** The distinct characters of some texts, whitespace left out. */
export function uniqueCharacters(texts: Iterable<string>): string {
  const chars = new Set<string>()
  for (const text of texts) for (const char of text) if (char.trim()) chars.add(char)
  return [...chars].sort().join('')
}

const loaded = new Set<string>()

/** Loads the font subsets holding these characters (regular weight, which labels use). */
export async function preloadCharacters(texts: Iterable<string>): Promise<void> {
  const missing = [...uniqueCharacters(texts)].filter((c) => !loaded.has(c)).join('')
  if (!missing || typeof document === 'undefined' || !document.fonts) return
  try {
    await document.fonts.load(`400 16px "${labelFontFamily}"`, missing)
    for (const char of missing) loaded.add(char)
  } catch {
    // a font that fails to load leaves the system fallback; labels still render
  }
}
