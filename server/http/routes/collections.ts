// GET /collections, /collections/{id}, its queryables and its feature schema (/req/core/fc-md-*,
// Part 3 /req/queryables/get-queryables-response)
import { Router } from 'express'
import { type CollectionDef, collections } from '../../collections.ts'
import { replaceableLayers } from '../../domain/layer-status.ts'
import { mediaTypes } from '../../ogc/links.ts'
import { toCollection, toCollections } from '../../ogc/metadata.ts'
import { parseFormatOnly } from '../../ogc/parse-query.ts'
import { toFeatureSchema, toQueryables } from '../../ogc/queryables.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { sendJson } from '../send.ts'
import { collectionOr404 } from './collection-param.ts'

export function collectionRoutes({ store, baseUrl }: AppContext): Router {
  // a layer the county imported is its own data: no 示意 disclaimer (domain/layer-status.ts)
  const asStored = async (defs: readonly CollectionDef[]): Promise<CollectionDef[]> => {
    const synthetic = await store.syntheticCollections(replaceableLayers)
    const replaceable: readonly string[] = replaceableLayers
    return defs.map((def) =>
      def.synthetic && replaceable.includes(def.id) && !synthetic.has(def.id)
        ? { ...def, synthetic: false }
        : def,
    )
  }
  return Router()
    .get('/collections', async (req, res) => {
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      const defs = await asStored(collections)
      sendJson(res, type, toCollections(defs, await store.collectionStats(), baseUrl(req)))
    })
    .get('/collections/:collectionId', async (req, res) => {
      const [def] = await asStored([collectionOr404(req.params.collectionId)])
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      const stats = (await store.collectionStats()).get(String(def?.id))
      sendJson(res, type, toCollection(def as CollectionDef, stats, baseUrl(req)))
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
