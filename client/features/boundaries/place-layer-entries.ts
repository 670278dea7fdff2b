// What the layer panel says about the base-map layers and the township radii: title, count,
// legend and notes. Pure; the screen adds the toggles and the loading state.

import { type LayerStatus, townshipLayerTitle } from '../../../server/domain/layer-status.ts'
import type { PlaceCollection, TownshipRadiusCollection } from './api.ts'
import { baseLegends, townshipRadiusLegend, townshipSwatches } from './layers.ts'

const villageLabelMinZoom = 11 // as the villages label layer in map/base-style.ts

/** `records` is what the service returned: 0 means the database lacks the layer. */
function counted(collection: { features: unknown[] } | undefined, unit: string) {
  const records = collection?.features.length ?? 0
  return { count: `${records} ${unit}`, records }
}

export function boundaryLayerEntry(
  county: PlaceCollection | undefined,
  neighbors: PlaceCollection | undefined,
) {
  return {
    title: '县界及周边县市',
    count: `周边 ${neighbors?.features.length ?? 0} 县市`,
    records: county?.features.length ?? 0,
    swatches: baseLegends.boundaries,
  }
}

/** `layers`: which layers are still 示意 (GET /api/place): the title and legend say so only then. */
export function townshipLayerEntry(townships: PlaceCollection | undefined, layers: LayerStatus) {
  return {
    title: townshipLayerTitle(layers),
    ...counted(townships, '个'),
    swatches: townshipSwatches(layers.townships.synthetic),
  }
}

export function riverLayerEntry(rivers: PlaceCollection | undefined) {
  return {
    title: '河流',
    ...counted(rivers, '条'),
    note: '取自 1:1000 万 Natural Earth，位置为示意',
    swatches: baseLegends.rivers,
  }
}

export function villageLayerEntry(villages: PlaceCollection | undefined, zoom: number) {
  return {
    title: '村（社区）',
    ...counted(villages, '个'),
    note:
      zoom < villageLabelMinZoom
        ? `放大到 ${villageLabelMinZoom} 级显示村名（当前 ${zoom.toFixed(1)} 级）`
        : undefined,
    swatches: baseLegends.villages,
  }
}

export function townshipRadiusLayerEntry(radii: TownshipRadiusCollection | undefined) {
  return {
    title: '乡镇政府所在地1公里范围',
    ...counted(radii, '个'),
    swatches: townshipRadiusLegend(),
  }
}
