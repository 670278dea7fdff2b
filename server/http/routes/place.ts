// GET /api/place — the place this server serves (names, titles, 测评体系 shares, default view), so
// the client names nothing itself. Public like the map page: the sign-in screen shows the titles.
import { Router } from 'express'
import { assessmentTotal, type Place } from '../../config/place.ts'

export function placeRoutes(place: Place): Router {
  const body = JSON.stringify({ ...place, assessmentTotal: assessmentTotal(place) })
  return Router().get('/api/place', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('application/json').send(body)
  })
}
