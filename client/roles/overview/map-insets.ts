// Screen measures: the UI scale, and how much of the map the side panels cover.
import type { SidePanelTab } from '../../lib/url-state.ts'

const baseRootPx = 14 // root font size at 1366×768 (see styles.css)

/** 1 at 1366×768; grows with the root font size (see styles.css) so a 4K wall is not tiny. */
export function uiScale(): number {
  const rootPx =
    Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || baseRootPx
  return Math.min(Math.max(Math.round((rootPx / baseRootPx) * 20) / 20, 1), 3)
}

export function isSmallScreen(): boolean {
  return window.innerWidth < 900 || window.innerHeight < 560
}

/** Map padding under the header and panels, and the shift that centres a flight between them. */
export function mapInsets(scale: number, panelCollapsed: boolean, tab: SidePanelTab) {
  const remPx = baseRootPx * scale
  const sidePx = (panelCollapsed ? 2 : tab === 'ledger' ? 29 : 22) * remPx
  const rightPx = 25 * remPx // the feature or issue panel
  return {
    padding: { top: 2 * remPx, bottom: 5 * remPx, left: sidePx, right: 2 * remPx },
    focusOffsetXPx: (sidePx - rightPx) / 2,
  }
}
