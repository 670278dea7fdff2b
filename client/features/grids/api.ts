// Responsibility grids (责任网格) from the OGC collection `grids`.
import type { MultiPolygon, Polygon } from 'geojson'
import type { FeaturePage } from '../../lib/api-client.ts'
import { collectionQuery } from '../../lib/collection-query.ts'

export interface GridProperties {
  gridCode: string // 15 digits: village code (12) + sequence (3)
  name: string
  townshipCode: string
  villageCode?: string
  responsibleUnit: string // unit code, see server/domain/units.ts
  manager?: string // fictitious 网格长
  managerPhone?: string // masked, e.g. ****1234
  areaKm2?: number
  synthetic?: boolean
}

export type GridCollection = FeaturePage<Polygon | MultiPolygon, GridProperties>
export type GridFeature = GridCollection['features'][number]

export const gridsQuery = () => collectionQuery<Polygon | MultiPolygon, GridProperties>('grids')
