// GET /api/basemaps: the configured base maps for the switcher (config/base-maps.ts); and
// GET /api/basemaps/{id}/{z}/{x}/{y}: a tile of the county's own MBTiles / PMTiles file. Read only,
// behind the same read access as the map's data. Missing tile → 204; If-None-Match → 304.
import { createHash } from 'node:crypto'
import { Router } from 'express'
import { NotFound } from '../../ogc/exception.ts'
import type { BaseMaps } from '../../storage/tile-archives/base-maps.ts'
import { tileContentTypes } from '../../storage/tile-archives/tile-archive.ts'
import type { AppContext } from '../context.ts'
import { parseTileAddress } from './tiles.ts'

const tileMaxAgeS = 3600 // an archive changes only when the server restarts with a new file

export function baseMapRoutes({ baseUrl, readAccess }: AppContext, baseMaps: BaseMaps): Router {
  // behind READ_ACCESS=authenticated a shared cache must not keep what needs a session
  const cacheControl = `${readAccess === 'public' ? 'public' : 'private'}, max-age=${tileMaxAgeS}`
  return Router()
    .get('/api/basemaps', (req, res) => {
      res.set('Cache-Control', 'no-cache').json({ baseMaps: baseMaps.describe(baseUrl(req)) })
    })
    .get('/api/basemaps/:id/:z/:x/:y', async (req, res) => {
      const { id } = req.params
      const archive = baseMaps.archives.get(id)
      if (!archive) throw new NotFound(`没有由本系统提供瓦片的底图 ${id}`)
      const { z, x, y } = parseTileAddress(req.params.z, req.params.y, req.params.x) // 400 / 404
      const tile =
        z < archive.info.minzoom || z > archive.info.maxzoom
          ? undefined
          : await archive.tile(z, x, y)
      res.setHeader('Cache-Control', cacheControl)
      if (!tile) {
        res.status(204).end()
        return
      }
      const etag = `"${createHash('sha1').update(tile.data).digest('base64url')}"`
      res.setHeader('ETag', etag)
      if (
        req
          .get('if-none-match')
          ?.split(',')
          .some((t) => t.trim().replace(/^W\//, '') === etag)
      ) {
        res.status(304).end()
        return
      }
      res.setHeader('Content-Type', tileContentTypes[archive.info.format])
      if (tile.gzip) res.setHeader('Content-Encoding', 'gzip') // stored gzip (MBTiles vector tiles)
      res.end(tile.data)
    })
}
