// GeoJSON responses assembled from the store's pre-serialized features: a page is string splicing,
// never a parse/stringify of every feature (/req/geojson/content). Pure.
import type { FeaturePage } from './feature-query.ts'
import type { Link } from './links.ts'

/** FeatureCollection text with numberMatched (unless capped), numberReturned and timeStamp (/req/core/fc-response). */
export function toFeatureCollectionJson(
  page: FeaturePage,
  links: readonly Link[],
  timeStamp: string,
): string {
  return (
    // numberMatched is optional (/req/core/fc-numberMatched): omitted when the count was capped
    `{"type":"FeatureCollection",${page.countCapped ? '' : `"numberMatched":${page.numberMatched},`}` +
    `"numberReturned":${page.features.length},"timeStamp":${JSON.stringify(timeStamp)},` +
    `"links":${JSON.stringify(links)},"features":[${page.features.join(',')}]}`
  )
}

/** One Feature with its links (/req/core/f-success). */
export function toFeatureJson(featureJson: string, links: readonly Link[]): string {
  return JSON.stringify({ ...JSON.parse(featureJson), links })
}

/** RFC 3339 in UTC, without milliseconds when they are zero. */
export function toIsoString(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}
