// GeoJSON responses assembled from the store's pre-serialized features: a page is string splicing,
// never a parse/stringify of every feature (/req/geojson/content). Pure.
import type { FeaturePage } from './feature-query.ts'
import type { Link } from './links.ts'

/**
 * FeatureCollection bytes with numberMatched (unless capped), numberReturned and timeStamp
 * (/req/core/fc-response). Each feature is encoded straight into one buffer: joining 1,000
 * features into a string first and encoding that costs twice as much.
 */
export function toFeatureCollectionBody(
  page: FeaturePage,
  links: readonly Link[],
  timeStamp: string,
): Buffer {
  const head =
    // numberMatched is optional (/req/core/fc-numberMatched): omitted when the count was capped
    `{"type":"FeatureCollection",${page.countCapped ? '' : `"numberMatched":${page.numberMatched},`}` +
    `"numberReturned":${page.joined?.count ?? page.features.length},"timeStamp":${JSON.stringify(timeStamp)},` +
    `"links":${JSON.stringify(links)},"features":[`
  const tail = ']}'
  if (page.joined) return Buffer.concat([Buffer.from(head), page.joined.json, Buffer.from(tail)])
  let length = Buffer.byteLength(head) + Math.max(0, page.features.length - 1) + tail.length
  for (const feature of page.features) length += Buffer.byteLength(feature)
  const body = Buffer.allocUnsafe(length)
  let at = body.write(head)
  for (const [index, feature] of page.features.entries()) {
    if (index > 0) at = body.writeUInt8(0x2c, at) // ,
    at += body.write(feature, at)
  }
  body.write(tail, at)
  return body
}

/** One Feature with its links (/req/core/f-success). */
export function toFeatureJson(featureJson: string, links: readonly Link[]): string {
  return JSON.stringify({ ...JSON.parse(featureJson), links })
}

/** RFC 3339 in UTC, without milliseconds when they are zero. */
export function toIsoString(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}
