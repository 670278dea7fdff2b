// Small spherical helpers for the UI (distances in metres). Pure.

const earthRadiusMeters = 6_371_008.8 // IUGG mean radius

/** Great-circle distance between two [lng, lat] points, in metres. */
export function distanceMeters(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)))
}

export interface NamedPlace {
  id: string
  name: string
  lngLat: [number, number]
}

/** The closest place within `maxMeters`, with its distance; undefined when none is that close. */
export function nearestPlace<T extends NamedPlace>(
  lngLat: [number, number],
  places: readonly T[],
  maxMeters: number,
): { place: T; meters: number } | undefined {
  let best: { place: T; meters: number } | undefined
  for (const place of places) {
    const meters = distanceMeters(lngLat, place.lngLat)
    if (meters <= maxMeters && (!best || meters < best.meters)) best = { place, meters }
  }
  return best
}
