// What the layer panel says about the 责任网格 layer: title, count and the unit legend. Pure; the
// screen adds the toggle and the loading state.
import { formatCount } from '../../lib/format.ts'
import type { GridCollection } from './api.ts'
import { gridLegend } from './layers.ts'

const legendUnits = 6 // the units with most grids; the rest are summed up in one row

export function gridLayerEntry(
  grids: GridCollection | undefined,
  unitName: (code: string) => string,
) {
  const records = grids?.features.length ?? 0
  return {
    title: '责任网格',
    count: `${formatCount(records)} 个`,
    records,
    note: '按责任单位着色',
    swatches: gridLegend(grids, unitName, legendUnits),
    legendColumns: 1 as const, // unit names are long
  }
}
