// /api/basemaps: the switcher's list, and tiles of the county's own MBTiles / PMTiles files written
// by this test (tile-archive-fixtures.ts): the MBTiles TMS row flip, PMTiles lookup and gzip
// decompression, content types, Content-Encoding of stored gzip, 204 for no tile, ETag and caching.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseBaseMaps } from '../../server/config/base-maps.ts'
import type { Store } from '../../server/storage/store.ts'
import { type BaseMaps, openBaseMaps } from '../../server/storage/tile-archives/base-maps.ts'
import { encodeRgbaPng } from '../e2e/png.ts'
import { pmtilesTileType, writeMbtiles, writePmtiles } from '../fixtures/tile-archives.ts'
import { openLedgerStore } from './ledger-app.ts'
import { type RunningApp, startApp } from './start-app.ts'

/** A 1×1 PNG of one colour, so each tile's bytes say which tile it is. */
function png(r: number, g: number, b: number): Uint8Array {
  return new Uint8Array(
    encodeRgbaPng({ width: 1, height: 1, data: new Uint8Array([r, g, b, 255]) }),
  )
}
const mvt = (label: string) => new TextEncoder().encode(`mvt:${label}`) // opaque bytes suffice

const dir = mkdtempSync(join(tmpdir(), 'basemaps-http-'))
const tileA = png(200, 16, 154) // z 3, x 6, y 2 (XYZ)
const tileB = png(16, 200, 154) // z 3, x 6, y 5
let store: Store
let baseMaps: BaseMaps
let app: RunningApp

beforeAll(async () => {
  writeMbtiles(join(dir, 'raster.mbtiles'), 'png', [
    { z: 3, x: 6, y: 2, data: tileA },
    { z: 3, x: 6, y: 5, data: tileB },
  ])
  writeMbtiles(
    join(dir, 'vector.mbtiles'),
    'pbf',
    [{ z: 2, x: 1, y: 1, data: gzipSync(mvt('a')) }],
    {
      json: JSON.stringify({ vector_layers: [{ id: 'roads' }, { id: 'water' }] }),
    },
  )
  writePmtiles(join(dir, 'raster.pmtiles'), pmtilesTileType.png, [
    { z: 3, x: 6, y: 2, data: tileA },
    { z: 4, x: 13, y: 5, data: tileB },
  ])
  writePmtiles(
    join(dir, 'vector.pmtiles'),
    pmtilesTileType.mvt,
    [{ z: 5, x: 25, y: 13, data: mvt('p') }],
    {
      gzipTiles: true,
      metadata: { vector_layers: [{ id: 'buildings' }] },
    },
  )
  const list = parseBaseMaps(
    {
      baseMaps: [
        {
          id: 'mb-raster',
          name: '县影像 MBTiles',
          file: 'raster.mbtiles',
          attribution: '县测绘院',
        },
        {
          id: 'mb-vector',
          name: '县矢量 MBTiles',
          file: 'vector.mbtiles',
          attribution: '县测绘院',
        },
        {
          id: 'pm-raster',
          name: '县影像 PMTiles',
          file: 'raster.pmtiles',
          attribution: '县测绘院',
        },
        {
          id: 'pm-vector',
          name: '县矢量 PMTiles',
          file: 'vector.pmtiles',
          attribution: '县测绘院',
        },
        {
          id: 'intranet',
          name: '政务内网影像',
          type: 'raster',
          url: 'http://10.1.2.3:8090/tiles/{z}/{x}/{y}.png',
          attribution: '县自然资源局',
        },
      ],
    },
    { dir, env: {}, source: 'test' },
  )
  baseMaps = await openBaseMaps(list)
  store = (await openLedgerStore([])).store
  app = await startApp({ store, baseMaps, config: { distDir: '/nonexistent-dist' } })
})

afterAll(async () => {
  await app.close()
  baseMaps.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, { headers })
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer())

describe('GET /api/basemaps', () => {
  test('lists every configured base map; archives are served here, with their type and zooms', async () => {
    const res = await get('/api/basemaps')
    expect(res.status).toBe(200)
    const { baseMaps: list } = await res.json()
    expect(list).toEqual([
      {
        id: 'mb-raster',
        name: '县影像 MBTiles',
        type: 'raster',
        tiles: `${app.url}/api/basemaps/mb-raster/{z}/{x}/{y}`,
        tileSize: 256,
        minzoom: 3,
        maxzoom: 3,
        attribution: '县测绘院',
        layers: [],
      },
      expect.objectContaining({ id: 'mb-vector', type: 'vector', layers: ['roads', 'water'] }),
      expect.objectContaining({ id: 'pm-raster', type: 'raster', minzoom: 3, maxzoom: 4 }),
      expect.objectContaining({ id: 'pm-vector', type: 'vector', layers: ['buildings'] }),
      expect.objectContaining({
        id: 'intranet',
        tiles: 'http://10.1.2.3:8090/tiles/{z}/{x}/{y}.png',
        maxzoom: 18,
      }),
    ])
  })

  test('the CSP lets the browser load the tile services’ tiles, and only theirs', async () => {
    const csp = (await get('/api/basemaps')).headers.get('content-security-policy') ?? ''
    expect(csp).toContain("img-src 'self' data: blob: http://10.1.2.3:8090")
    expect(csp).toContain("connect-src 'self' data: http://10.1.2.3:8090")
  })
})

describe('GET /api/basemaps/{id}/{z}/{x}/{y}', () => {
  test('an MBTiles tile is found by XYZ y (the TMS row flipped) and sent as image/png', async () => {
    const a = await get('/api/basemaps/mb-raster/3/6/2')
    expect(a.status).toBe(200)
    expect(a.headers.get('content-type')).toBe('image/png')
    expect(await bytes(a)).toEqual(tileA)
    expect(await bytes(await get('/api/basemaps/mb-raster/3/6/5'))).toEqual(tileB)
  })

  test('a stored gzip vector tile goes out as stored, with Content-Encoding: gzip', async () => {
    const res = await get('/api/basemaps/mb-vector/2/1/1', { 'Accept-Encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(new TextDecoder().decode(await bytes(res))).toBe('mvt:a') // fetch decodes the gzip
  })

  test('a PMTiles tile is found through the directory; a gzip vector tile is decompressed', async () => {
    const a = await get('/api/basemaps/pm-raster/3/6/2')
    expect(a.headers.get('content-type')).toBe('image/png')
    expect(await bytes(a)).toEqual(tileA)
    expect(await bytes(await get('/api/basemaps/pm-raster/4/13/5'))).toEqual(tileB)
    const v = await get('/api/basemaps/pm-vector/5/25/13')
    expect(v.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    expect(new TextDecoder().decode(await bytes(v))).toBe('mvt:p')
  })

  test('no tile there, or a zoom outside the archive: 204 without a body', async () => {
    for (const path of [
      '/api/basemaps/mb-raster/3/0/0',
      '/api/basemaps/pm-raster/4/0/0',
      '/api/basemaps/pm-raster/9/0/0',
      '/api/basemaps/mb-raster/0/0/0',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(204)
      expect((await bytes(res)).length, path).toBe(0)
    }
  })

  test('tiles carry an ETag and may be cached; If-None-Match with it answers 304', async () => {
    const res = await get('/api/basemaps/mb-raster/3/6/2')
    const etag = res.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600')
    const again = await get('/api/basemaps/mb-raster/3/6/2', { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    const other = await get('/api/basemaps/mb-raster/3/6/5', { 'If-None-Match': etag })
    expect(other.status).toBe(200)
  })

  test('an unknown base map or a URL template one: 404; a bad address: 400 naming it', async () => {
    expect((await get('/api/basemaps/nope/3/6/2')).status).toBe(404)
    const url = await get('/api/basemaps/intranet/3/6/2')
    expect(url.status).toBe(404)
    expect((await url.json()).description).toContain('intranet')
    const bad = await get('/api/basemaps/mb-raster/3/x/2')
    expect(bad.status).toBe(400)
    expect((await bad.json()).description).toContain('x')
    expect((await get('/api/basemaps/mb-raster/3/8/2')).status).toBe(404) // x ≥ 2^3
  })

  test('the gzip of a stored tile is not compressed twice', async () => {
    const res = await fetch(`${app.url}/api/basemaps/mb-vector/2/1/1`, {
      headers: { 'Accept-Encoding': 'gzip' },
    })
    // undici decodes one gzip layer: a second layer would leave gzip bytes here
    const body = await bytes(res)
    expect(() => gunzipSync(body)).toThrow()
  })
})

describe('without BASE_MAPS_FILE', () => {
  test('the list is empty and no tile is served', async () => {
    const bare = await startApp({ store, config: { distDir: '/nonexistent-dist' } })
    try {
      expect(await (await fetch(`${bare.url}/api/basemaps`)).json()).toEqual({ baseMaps: [] })
      expect((await fetch(`${bare.url}/api/basemaps/mb-raster/3/6/2`)).status).toBe(404)
    } finally {
      await bare.close()
    }
  })
})
