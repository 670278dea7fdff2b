// Any layer as an RFC 7946 FeatureCollection file: features pass through untouched (ids, properties, geometry).
import type { GeoJsonFeature } from '../storage/store.ts'

export function toGeoJson(features: readonly GeoJsonFeature[]): Buffer {
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }), 'utf8')
}
