// Small spherical helpers for the UI (distances in metres; the formula is the server's). Pure.
import { distanceMeters } from '../../server/domain/distance.ts'

export { distanceMeters }

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
