// OGC API – Tiles Part 1 (vector tiles, MVT): /tileMatrixSets, /collections/{id}/tiles and the
// tiles themselves. Filters are the items filters, parsed by the items parser, so a filtered map is
// still tiled. Read only. Empty tile → 204; If-None-Match with the current ETag → 304.
import { Router } from 'express'
import { InvalidParameter, NotFound } from '../../ogc/exception.ts'
import { collectionPath, joinUrl, mediaTypes } from '../../ogc/links.ts'
import { parseFormatOnly, parseItemsQuery, type RawQuery } from '../../ogc/parse-query.ts'
import {
  maxTileZoom,
  type TileAddress,
  tileMatrixSetId,
  webMercatorQuad,
} from '../../tiles/tile-matrix.ts'
import { type TileService, tiledCollections } from '../../tiles/tile-service.ts'
import type { AppContext } from '../context.ts'
import { negotiate } from '../negotiate.ts'
import { sendJson } from '../send.ts'
import { collectionOr404 } from './collection-param.ts'

export const mvtType = 'application/vnd.mapbox-vector-tile'
const tileMatrixSetUri = 'http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad'
const notForTiles = ['bbox', 'limit', 'offset', 'cursor', 'properties'] // a tile is its own box and page, with fixed properties

export function tileRoutes({ baseUrl }: AppContext, tiles: TileService): Router {
  return Router()
    .get('/tileMatrixSets', (req, res) => {
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      const href = joinUrl(baseUrl(req), `/tileMatrixSets/${tileMatrixSetId}`)
      sendJson(res, type, {
        tileMatrixSets: [
          {
            id: tileMatrixSetId,
            title: 'Google Maps Compatible for the World',
            uri: tileMatrixSetUri,
            links: [{ href, rel: 'self', type: mediaTypes.json }],
          },
        ],
      })
    })
    .get(`/tileMatrixSets/${tileMatrixSetId}`, (req, res) => {
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      sendJson(res, type, webMercatorQuad())
    })
    .get('/collections/:collectionId/tiles', (req, res) => {
      const id = tiledOr404(req.params.collectionId)
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      sendJson(res, type, { links: [], tilesets: [tileset(baseUrl(req), id, false)] })
    })
    .get(`/collections/:collectionId/tiles/${tileMatrixSetId}`, (req, res) => {
      const id = tiledOr404(req.params.collectionId)
      const type = negotiate(req, [mediaTypes.json], parseFormatOnly(req.query))
      sendJson(res, type, tileset(baseUrl(req), id, true))
    })
    .get(`/collections/:collectionId/tiles/${tileMatrixSetId}/:z/:y/:x`, async (req, res) => {
      const id = tiledOr404(req.params.collectionId)
      const tile = parseTileAddress(req.params.z, req.params.y, req.params.x)
      const filters = parseTileQuery(req.query, id) // InvalidParameter → 400
      const { body, etag } = await tiles.tile(id, tile, filters)
      res.setHeader('ETag', etag)
      res.setHeader('Cache-Control', 'no-cache') // revalidate: a write can change any tile
      if (matchesEtag(req.get('if-none-match'), etag)) {
        res.status(304).end()
        return
      }
      if (!body) {
        res.status(204).end()
        return
      }
      res.type(mvtType).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength))
    })
}

// the origin answers a conditional request itself, even one sent with Cache-Control: no-cache (as
// fetch() does when a script sets If-None-Match), which express's req.fresh refuses
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}

function tiledOr404(collectionId: string): string {
  const def = collectionOr404(collectionId)
  if (!tiledCollections[def.id]) {
    throw new NotFound(
      `图层 ${def.id} 不提供瓦片；提供瓦片的图层：${Object.keys(tiledCollections).join(', ')}`,
    )
  }
  return def.id
}

/** The items filters of a tile request (status, category, township, …, datetime). */
export function parseTileQuery(raw: RawQuery, collectionId: string) {
  const def = collectionOr404(collectionId)
  const wrong = notForTiles.find((name) => Object.hasOwn(raw, name))
  if (wrong) {
    throw new InvalidParameter(
      wrong,
      `瓦片请求不接受参数 ${wrong}：瓦片本身就是范围和分页，请去掉它`,
    )
  }
  // f=mvt is the only format; GDAL's MVT driver needs a URL that does not end in a bare number
  const { f, ...rest } = raw
  if (f !== undefined && f !== 'mvt') {
    throw new InvalidParameter(
      'f',
      `参数 f 的值 ${JSON.stringify(String(f).slice(0, 20))} 无效，瓦片只有 mvt 一种格式`,
    )
  }
  const { query, selection } = parseItemsQuery(rest, def)
  return { query, key: selection.map(([k, v]) => `${k}=${v}`).join('&') }
}

/** z/y/x of WebMercatorQuad (OGC order: tileMatrix, tileRow, tileCol). */
export function parseTileAddress(zText: string, yText: string, xText: string): TileAddress {
  const parts = { z: zText, y: yText, x: xText }
  for (const [name, text] of Object.entries(parts)) {
    if (!/^\d{1,8}$/.test(text)) {
      throw new InvalidParameter(
        name,
        `瓦片坐标 ${name} 应为非负整数，收到 ${JSON.stringify(text.slice(0, 20))}`,
      )
    }
  }
  const z = Number(zText)
  const y = Number(yText)
  const x = Number(xText)
  if (z > maxTileZoom) {
    throw new NotFound(`没有第 ${z} 级瓦片：WebMercatorQuad 提供 0 到 ${maxTileZoom} 级`)
  }
  const n = 2 ** z
  if (x >= n || y >= n) {
    throw new NotFound(`瓦片 ${z}/${y}/${x} 超出第 ${z} 级的范围（行、列为 0 到 ${n - 1}）`)
  }
  return { z, x, y }
}

function tileset(base: string, collectionId: string, full: boolean) {
  const path = collectionPath(collectionId, `/tiles/${tileMatrixSetId}`)
  const links = [
    { href: joinUrl(base, path), rel: full ? 'self' : 'alternate', type: mediaTypes.json },
    {
      href: joinUrl(base, `/tileMatrixSets/${tileMatrixSetId}`),
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme',
      type: mediaTypes.json,
    },
    {
      href: `${joinUrl(base, path)}/{tileMatrix}/{tileRow}/{tileCol}`,
      rel: 'item',
      type: mvtType,
      templated: true,
    },
  ]
  const summary = {
    title: collectionId,
    dataType: 'vector',
    crs: 'http://www.opengis.net/def/crs/EPSG/0/3857',
    tileMatrixSetURI: tileMatrixSetUri,
    links,
  }
  if (!full) return summary
  return {
    ...summary,
    layers: (tiledCollections[collectionId] ?? []).map((layer) => ({
      id: layer,
      dataType: 'vector',
      minTileMatrix: '0',
      maxTileMatrix: String(maxTileZoom),
    })),
  }
}
