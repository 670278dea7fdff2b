// GET /api/place — the place this server serves (names, titles, 测评体系 shares, default view) and
// its bounds (the loaded outline's box, config/place-bounds.ts), so the client names nothing and
// fits no box of its own. Public like the map page: the sign-in screen shows the titles.
import { Router } from 'express'
import { assessmentTotal, type Place } from '../../config/place.ts'
import { placeBounds } from '../../config/place-bounds.ts'
import type { FeatureStore } from '../../storage/store.ts'

export function placeRoutes(place: Place, store: Pick<FeatureStore, 'collectionStats'>): Router {
  const profile = { ...place, assessmentTotal: assessmentTotal(place) }
  return Router().get('/api/place', async (_req, res) => {
    // per request: an import of the county's own outline moves the bounds
    const bounds = await placeBounds(store, place)
    res.set('Cache-Control', 'no-cache').json({ ...profile, bounds })
  })
}
