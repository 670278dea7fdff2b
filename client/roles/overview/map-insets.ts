// How much of the overview's map the side panels cover.
import type { SidePanelTab } from '../../lib/url-state.ts'
import { baseRootPx } from '../shared/ui-scale.ts'

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
