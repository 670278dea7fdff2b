// GET /api/place — the place this server serves (names, titles, 测评体系 shares, default view), its
// bounds (the loaded outline's box, config/place-bounds.ts) and which of its layers are still 示意
// (domain/layer-status.ts), so the client names nothing, fits no box of its own and labels 示意 only
// what is. Public like the map page: the sign-in screen shows the titles.
import { Router } from 'express'
import { assessmentTotal, type Place } from '../../config/place.ts'
import { placeBounds } from '../../config/place-bounds.ts'
import { type LayerStatus, replaceableLayers } from '../../domain/layer-status.ts'
import type { FeatureStore } from '../../storage/store.ts'

type PlaceStore = Pick<FeatureStore, 'collectionStats' | 'syntheticCollections'>

export async function layerStatus(store: PlaceStore): Promise<LayerStatus> {
  const synthetic = await store.syntheticCollections(replaceableLayers)
  return Object.fromEntries(
    replaceableLayers.map((id) => [id, { synthetic: synthetic.has(id) }]),
  ) as LayerStatus
}

export function placeRoutes(place: Place, store: PlaceStore): Router {
  const profile = { ...place, assessmentTotal: assessmentTotal(place) }
  return Router().get('/api/place', async (_req, res) => {
    // per request: an import of the county's own outline moves the bounds, of a layer its 示意
    const [bounds, layers] = await Promise.all([placeBounds(store, place), layerStatus(store)])
    res.set('Cache-Control', 'no-cache').json({ ...profile, bounds, layers })
  })
}
