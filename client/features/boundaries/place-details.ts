// The side-panel view of a township, village, seat or 1 km radius. Pure.
import { type FeatureDetails, type NameLookup, toDetailRows } from '../../lib/format.ts'
import type { PlaceProperties, TownshipRadiusProperties } from './api.ts'
import { radiusLabel } from './layers.ts'

export type PlaceKind =
  | 'townships'
  | 'villages'
  | 'seats'
  | 'township-radii'
  | 'county'
  | 'neighbors'

const kindNames: Record<PlaceKind, string> = {
  townships: '乡镇（示意界线）',
  villages: '村（社区）',
  seats: '政府所在地',
  'township-radii': '乡镇政府所在地1公里范围',
  county: '县域',
  neighbors: '周边县市',
}

const orders: Record<PlaceKind, string[]> = {
  townships: ['code', 'type', 'areaKm2', 'note', 'synthetic'],
  villages: ['code', 'townshipCode', 'urCode', 'coordSource', 'synthetic'],
  seats: ['code', 'townshipCode'],
  'township-radii': ['townshipCode', 'radiusMeters', 'villageCount', 'villageNames', 'synthetic'],
  county: ['code', 'areaKm2'],
  neighbors: ['code'],
}

export function placeDetails(
  kind: PlaceKind,
  properties: PlaceProperties,
  lookup: NameLookup = {},
): FeatureDetails {
  const title =
    kind === 'township-radii'
      ? radiusLabel(properties as TownshipRadiusProperties, lookup.township)
      : String(properties.name ?? properties.code ?? '')
  const rows = toDetailRows(properties, orders[kind], lookup, true)
  if (kind === 'seats' && properties.code && String(properties.code).length === 6) {
    return { kind: '县城（县人民政府所在地）', title, rows }
  }
  // a township imported from the county's own boundaries carries synthetic: false
  if (kind === 'townships' && properties.synthetic === false) return { kind: '乡镇', title, rows }
  return { kind: kindNames[kind], title, rows }
}
