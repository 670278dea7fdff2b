// The storage interface every backend implements (SQLite now, PostGIS later): read pages of features,
// one feature, per-collection stats, and bulk (re)load. Async so a network database fits unchanged.
import type { CollectionDef } from '../collections.ts'
import type { CollectionStats, FeaturePage, FeatureQuery } from '../ogc/feature-query.ts'

/** GeoJSON as read from geodata/*.geojson (RFC 7946); only what loading needs. */
export interface GeoJsonGeometry {
  type: string
  coordinates?: unknown
  geometries?: GeoJsonGeometry[]
}

export interface GeoJsonFeature {
  type: 'Feature'
  id?: string | number
  geometry: GeoJsonGeometry | null
  properties: Record<string, unknown> | null
}

export interface CollectionData {
  def: CollectionDef
  features: readonly GeoJsonFeature[]
}

export interface Store {
  /** Stats of every loaded collection, by collection id. */
  collectionStats(): Promise<ReadonlyMap<string, CollectionStats>>
  /** One page of matching features plus the exact number matched. */
  features(collectionId: string, query: FeatureQuery): Promise<FeaturePage>
  /** One serialized feature, or undefined. */
  feature(collectionId: string, featureId: string): Promise<string | undefined>
  /** Replaces the features of each given collection, all in one transaction. Idempotent. */
  loadCollections(batch: readonly CollectionData[]): Promise<void>
  /** Whether any collection has been loaded (first start loads the demo data when not). */
  isLoaded(): Promise<boolean>
  close(): Promise<void>
}
