// The place's bounds: the box of its loaded outline. One definition for what the screens' maps fit
// at start (GET /api/place) and what imported positions must fall in. Read from the store, where the
// layers loaded from geodata/ (or imported later) live, so the outline itself is the one source and
// no profile or screen writes a box of numbers.
import type { Bbox } from '../ogc/feature-query.ts'
import type { FeatureStore } from '../storage/store.ts'
import type { Place } from './place.ts'

// the first of these that is loaded bounds the place: the county line, else what tiles it
const outlineLayers = ['county', 'townships', 'grids'] as const

/** The box of the place's loaded outline, or undefined when none of its layers is loaded. */
export async function loadedBounds(
  store: Pick<FeatureStore, 'collectionStats'>,
): Promise<Bbox | undefined> {
  const stats = await store.collectionStats()
  for (const id of outlineLayers) {
    const bbox = stats.get(id)?.bbox
    if (bbox) return bbox
  }
  return undefined
}

/**
 * The bounds served with the place: the loaded outline's box; with no layer loaded (an empty
 * store), the box a 1024 px wide map shows around the profile's default view.
 */
export async function placeBounds(
  store: Pick<FeatureStore, 'collectionStats'>,
  place: Pick<Place, 'defaultView'>,
): Promise<Bbox> {
  const loaded = await loadedBounds(store)
  if (loaded) return loaded
  const { center, zoom } = place.defaultView
  const half = 180 / 2 ** zoom // 512 px of a 512 · 2^zoom px wide world, in degrees
  return [center[0] - half, center[1] - half, center[0] + half, center[1] + half]
}
