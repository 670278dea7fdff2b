// Distances on the sphere for the ledger's "near here" questions (duplicate check, 我的任务). Pure;
// the client imports it too.

const earthRadiusMeters = 6_371_008.8 // IUGG mean radius
const metersPerDegreeLat = 111_320 // at these latitudes (±0.5 %), enough for a search box

/** Great-circle distance between two [lng, lat] points, in metres (haversine). */
export function distanceMeters(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * A [west, south, east, north] box holding every point within `radiusMeters` of the centre, with a
 * 1 % margin; the exact test is distanceMeters. Not for the poles or the antimeridian.
 */
export function bboxAround(
  [lng, lat]: readonly [number, number],
  radiusMeters: number,
): [west: number, south: number, east: number, north: number] {
  const dLat = (radiusMeters * 1.01) / metersPerDegreeLat
  const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01)
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat]
}
