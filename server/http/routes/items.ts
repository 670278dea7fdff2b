// GET /collections/{id}/items and /items/{featureId} (/req/core/fc-*, /req/core/f-*)

import { Router } from 'express'
import { hasPersonalProperties, publicFeatureJson } from '../../domain/personal-data.ts'
import { NotFound } from '../../ogc/exception.ts'
import {
  toFeatureCollectionBody,
  toFeatureJson,
  toIsoString,
} from '../../ogc/feature-collection.ts'
import { featureLinks, itemsLinks, mediaTypes } from '../../ogc/links.ts'
import { parseFormatOnly, parseItemsQuery } from '../../ogc/parse-query.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { isAnonymous } from '../personal-data.ts'
import { sendJson, sendUnrepeatable } from '../send.ts'
import { collectionOr404 } from './collection-param.ts'

const featureTypes = [mediaTypes.geojson, mediaTypes.json]

export function itemRoutes({ store, baseUrl, now }: AppContext): Router {
  return Router()
    .get('/collections/:collectionId/items', async (req, res) => {
      const def = collectionOr404(req.params.collectionId)
      const { query, selection, format } = parseItemsQuery(req.query, def) // InvalidParameter → 400
      const type = negotiate(req, featureTypes, format)
      const nowMs = now().getTime() // one clock for the overdue filter and timeStamp
      // features rewritten for an anonymous reader are read one by one, the others as one text
      const rewrite = isAnonymous(res) && hasPersonalProperties(def.id)
      const stored = await store.features(def.id, { ...query, nowMs, joined: !rewrite })
      const page = rewrite
        ? { ...stored, features: stored.features.map((f) => publicFeatureJson(def.id, f)) }
        : stored
      const links = itemsLinks({
        baseUrl: baseUrl(req),
        collectionId: def.id,
        selection,
        limit: query.limit,
        offset: query.offset,
        returned: page.joined?.count ?? page.features.length,
        matched: page.numberMatched,
        ...(page.hasMore === undefined ? {} : { hasMore: page.hasMore }),
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      })
      sendUnrepeatable(res, type, toFeatureCollectionBody(page, links, toIsoString(nowMs)))
    })
    .get('/collections/:collectionId/items/:featureId', async (req, res) => {
      const def = collectionOr404(req.params.collectionId)
      const type = negotiate(req, featureTypes, parseFormatOnly(req.query))
      const { featureId } = req.params
      const stored = await store.feature(def.id, featureId, now().getTime())
      const feature = stored && isAnonymous(res) ? publicFeatureJson(def.id, stored) : stored
      if (!feature)
        throw new NotFound(
          `图层 ${def.id} 中没有编号为 ${JSON.stringify(featureId.slice(0, 100))} 的要素`,
        )
      sendJson(res, type, toFeatureJson(feature, featureLinks(baseUrl(req), def.id, featureId)))
    })
}
