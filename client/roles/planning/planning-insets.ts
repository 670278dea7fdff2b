// How much of the planning map the side panel covers: beside it on a wide screen; below 900 px
// the open panel is a bottom sheet over the lower half of the screen (styles.css), so fit above it.
import { baseRootPx, isSmallScreen } from '../shared/ui-scale.ts'

export function planningPadding(scale: number, panelCollapsed: boolean) {
  const rootPx = baseRootPx * scale
  const sidePx = panelCollapsed ? 2 * rootPx : 31 * rootPx
  const sheet = !panelCollapsed && isSmallScreen()
  return sheet
    ? { top: 4 * rootPx, bottom: Math.round(window.innerHeight * 0.5), left: rootPx, right: rootPx }
    : { top: 2 * rootPx, bottom: 5 * rootPx, left: sidePx + rootPx, right: 2 * rootPx }
}
