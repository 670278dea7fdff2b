// Grids → one deck.gl GeoJsonLayer: light fill and outline, coloured by responsible unit. Pure.
import type { Layer } from '@deck.gl/core'
import { GeoJsonLayer } from '@deck.gl/layers'
import { departmentUnits } from '../../../server/domain/units.ts'
import { hexToRgba, type LegendSwatch, type Rgba } from '../../lib/legend.ts'
import { placedBefore } from '../../map/base-style.ts'
import type { GridCollection, GridFeature } from './api.ts'

export const gridLayerId = 'grids'

// 20 qualitative colours: departments first, then the township governments in code order
const palette = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#3182bd',
  '#e6550d',
  '#31a354',
  '#756bb1',
  '#843c39',
  '#7b4173',
  '#637939',
  '#8c6d31',
  '#393b79',
  '#ad494a',
  '#636363',
].map((hex) => hexToRgba(hex))

const townshipUnitPattern = /^township-\d{6}(\d)(\d\d)$/ // county code, then 1xx = 镇, 2xx = 乡

/** A stable colour per unit code: departments by list order, townships by code, others hashed. */
export function unitColor(unitCode: string): Rgba {
  const department = departmentUnits.findIndex((u) => u.code === unitCode)
  if (department >= 0) return palette[department % palette.length] as Rgba
  const township = townshipUnitPattern.exec(unitCode)
  if (township) {
    const index = township[1] === '1' ? Number(township[2]) - 1 : 4 + Number(township[2]) - 1
    return palette[(departmentUnits.length + index) % palette.length] as Rgba
  }
  let hash = 0
  for (const char of unitCode) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return palette[hash % palette.length] as Rgba
}

const fillAlpha = 46 // of 255: light enough to read the township tints through
const lineAlpha = 210

export interface GridLayerOptions {
  visible: boolean
  scale?: number
  beforeId?: string // interleaved position, under township edges and labels
}

export function gridLayers(grids: GridCollection | undefined, options: GridLayerOptions): Layer[] {
  const scale = options.scale ?? 1
  return [
    new GeoJsonLayer<GridFeature['properties']>({
      id: gridLayerId,
      data: (grids ?? { type: 'FeatureCollection', features: [] }) as never,
      visible: options.visible,
      pickable: true,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.2 * scale,
      getFillColor: (f) => withAlpha(unitColor(f.properties.responsibleUnit), fillAlpha),
      getLineColor: (f) => withAlpha(unitColor(f.properties.responsibleUnit), lineAlpha),
      ...placedBefore(options.beforeId),
    }) as Layer,
  ]
}

function withAlpha([r, g, b]: Rgba, alpha: number): Rgba {
  return [r, g, b, alpha]
}

/**
 * Legend: the units with the most grids first, at most `max`, then how many are left out.
 * `unitName` turns a code into a Chinese name.
 */
export function gridLegend(
  grids: GridCollection | undefined,
  unitName: (code: string) => string,
  max = 8,
): LegendSwatch[] {
  const counts = new Map<string, number>()
  for (const f of grids?.features ?? []) {
    const unit = f.properties.responsibleUnit
    counts.set(unit, (counts.get(unit) ?? 0) + 1)
  }
  const units = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const swatches: LegendSwatch[] = units.slice(0, max).map(([code, n]) => ({
    label: `${unitName(code)}（${n}）`,
    shape: 'area',
    color: withAlpha(unitColor(code), 90),
    outline: withAlpha(unitColor(code), 255),
  }))
  if (units.length > max) {
    swatches.push({
      label: `另有 ${units.length - max} 个责任单位`,
      shape: 'area',
      color: [200, 200, 200, 90],
      outline: [150, 150, 150, 255],
    })
  }
  return swatches
}
