// GET /collections, /collections/{id}, its queryables and its feature schema (/req/core/fc-md-*,
// Part 3 /req/queryables/get-queryables-response)
import { Router } from 'express'
import { collections } from '../../collections.ts'
import { mediaTypes } from '../../ogc/links.ts'
import { toCollection, toCollections } from '../../ogc/metadata.ts'
import { parseFormatOnly } from '../../ogc/parse-query.ts'
import { toFeatureSchema, toQueryables } from '../../ogc/queryables.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { sendJson } from '../send.ts'
import { collectionOr404 } from './collection-param.ts'

export function collectionRoutes({ store, baseUrl }: AppContext): Router {
  return Router()
    .get('/collections', async (req, res) => {
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      sendJson(res, type, toCollections(collections, await store.collectionStats(), baseUrl(req)))
    })
    .get('/collections/:collectionId', async (req, res) => {
      const def = collectionOr404(req.params.collectionId)
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      const stats = (await store.collectionStats()).get(def.id)
      sendJson(res, type, toCollection(def, stats, baseUrl(req)))
    })
    .get('/collections/:collectionId/queryables', (req, res) => {
      const def = collectionOr404(req.params.collectionId)
      const type = negotiate(req, [mediaTypes.schema, mediaTypes.json], parseFormatOnly(req.query))
      sendJson(res, type, toQueryables(def, baseUrl(req)))
    })
    .get('/collections/:collectionId/schema', async (req, res) => {
      const def = collectionOr404(req.params.collectionId)
      const type = negotiate(req, [mediaTypes.schema, mediaTypes.json], parseFormatOnly(req.query))
      const stats = (await store.collectionStats()).get(def.id)
      sendJson(res, type, toFeatureSchema(def, stats, baseUrl(req)))
    })
}
