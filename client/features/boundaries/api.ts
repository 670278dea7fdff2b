// Administrative context: county, neighbours, rivers, seats, townships, villages and the 1 km
// township radii, each an OGC collection.
import type { Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson'
import type { FeaturePage } from '../../lib/api-client.ts'
import { collectionQuery } from '../../lib/collection-query.ts'

/** Loose on purpose: the panel shows whatever labelled properties a feature carries. */
export interface PlaceProperties {
  code?: string
  name?: string
  [key: string]: unknown
}

export interface TownshipRadiusProperties extends PlaceProperties {
  townshipCode?: string
  townshipName?: string
  radiusMeters?: number
  villageCount?: number
  villageNames?: string[]
}

type Areas = Polygon | MultiPolygon
export type PlaceCollection<G extends Geometry = Geometry> = FeaturePage<G, PlaceProperties>
export type TownshipRadiusCollection = FeaturePage<Polygon, TownshipRadiusProperties>

export const countyQuery = () => collectionQuery<Areas, PlaceProperties>('county')
export const neighborsQuery = () => collectionQuery<Areas, PlaceProperties>('neighbors')
export const riversQuery = () =>
  collectionQuery<LineString | MultiLineString, PlaceProperties>('rivers')
export const seatsQuery = () => collectionQuery<Point, PlaceProperties>('seats')
export const townshipsQuery = () => collectionQuery<Areas, PlaceProperties>('townships')
export const villagesQuery = () => collectionQuery<Point, PlaceProperties>('villages')
export const townshipRadiiQuery = () =>
  collectionQuery<Polygon, TownshipRadiusProperties>('township-radii')
