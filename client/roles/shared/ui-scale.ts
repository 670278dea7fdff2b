// The role screens' UI scale and whether the screen is a phone's.

export const baseRootPx = 14 // root font size at 1366×768 (see styles.css)

/** 1 at 1366×768; grows with the root font size (see styles.css) so a 4K wall is not tiny. */
export function uiScale(): number {
  const rootPx =
    Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || baseRootPx
  return Math.min(Math.max(Math.round((rootPx / baseRootPx) * 20) / 20, 1), 3)
}

export function isSmallScreen(): boolean {
  return window.innerWidth < 900 || window.innerHeight < 560
}
