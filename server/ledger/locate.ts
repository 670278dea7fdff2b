// Which grid (and so which township and proposed unit) a position falls in: R*Tree candidates from
// the store, then an exact point-in-polygon test. The grids tile the county, so no grid = outside it.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import type { MultiPolygon, Polygon } from 'geojson'
import type { LngLat } from '../domain/issue.ts'
import type { FeatureStore } from '../storage/store.ts'

export interface GridPlace {
  gridCode: string
  townshipCode: string
  villageCode?: string
  responsibleUnit?: string // the grid's unit: the proposal for a new issue
}

interface GridFeature {
  id: string
  geometry: Polygon | MultiPolygon
  properties: Partial<GridPlace>
}

/** The grid containing the position, or undefined when it lies in none (outside the county). */
export async function locateGrid(
  store: FeatureStore,
  [lng, lat]: LngLat,
): Promise<GridPlace | undefined> {
  const page = await store.features('grids', {
    bbox: [lng, lat, lng, lat],
    properties: {},
    limit: 50,
    offset: 0,
  })
  for (const text of page.features) {
    const grid = JSON.parse(text) as GridFeature
    if (!grid.geometry || !booleanPointInPolygon([lng, lat], grid.geometry)) continue
    const { gridCode, townshipCode, villageCode, responsibleUnit } = grid.properties
    if (!gridCode || !townshipCode) continue
    const place: GridPlace = { gridCode, townshipCode }
    if (villageCode) place.villageCode = villageCode
    if (responsibleUnit) place.responsibleUnit = responsibleUnit
    return place
  }
  return undefined
}
