// OGC API – Tiles over HTTP on the ledger app (real townships, grids and check points; issues at
// known places): metadata, golden tiles decoded by @mapbox/vector-tile, filters, 204, ETags that
// move only when a write lands inside the tile, and errors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { issueNoPattern } from '../../server/domain/issue-number.ts'
import { tileAt } from '../../server/tiles/tile-matrix.ts'
import { type Client, type LedgerApp, places, startLedgerApp } from '../http/ledger-app.ts'
import { decodeTile } from './decode-tile.ts'

// REGEN=1 rewrites a golden tile (then `npx biome format --write test/fixtures/tiles`)
function golden(name: string, actual: unknown): unknown {
  const path = new URL(`../fixtures/tiles/${name}`, import.meta.url)
  if (process.env.REGEN === '1' || (!existsSync(path) && !process.env.CI)) {
    writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`)
  }
  return JSON.parse(readFileSync(path, 'utf8'))
}

let ledger: LedgerApp
let inspector: Client

beforeAll(async () => {
  ledger = await startLedgerApp()
  inspector = await ledger.login('inspector')
})
afterAll(() => ledger.close())

const seat = places.seat.lngLat
const tilePath = (collection: string, z: number, [lng, lat]: readonly [number, number]) => {
  const { x, y } = tileAt(lng, lat, z)
  return `/collections/${collection}/tiles/WebMercatorQuad/${z}/${y}/${x}`
}
const get = (path: string, headers: Record<string, string> = {}) =>
  ledger.anonymous.get(path, headers)

describe('tile metadata', () => {
  test('WebMercatorQuad lists 25 tile matrices, zoom 0 to 24', async () => {
    const reply = await get('/tileMatrixSets/WebMercatorQuad')
    expect(reply.status).toBe(200)
    expect(reply.body.id).toBe('WebMercatorQuad')
    expect(reply.body.tileMatrices).toHaveLength(25)
    expect(reply.body.tileMatrices[0]).toMatchObject({ id: '0', matrixWidth: 1, tileWidth: 256 })
  })

  test('the tile matrix set list links WebMercatorQuad', async () => {
    const reply = await get('/tileMatrixSets')
    expect(reply.body.tileMatrixSets[0]).toMatchObject({ id: 'WebMercatorQuad' })
  })

  test.each(['issues', 'checkpoints', 'grids', 'townships', 'villages'])(
    '%s has a vector tileset with a templated MVT link',
    async (id) => {
      const reply = await get(`/collections/${id}/tiles`)
      expect(reply.status).toBe(200)
      const links = reply.body.tilesets[0].links
      expect(links).toContainEqual({
        href: expect.stringMatching(
          new RegExp(
            `/collections/${id}/tiles/WebMercatorQuad/\\{tileMatrix\\}/\\{tileRow\\}/\\{tileCol\\}$`,
          ),
        ),
        rel: 'item',
        type: 'application/vnd.mapbox-vector-tile',
        templated: true,
      })
      const full = await get(`/collections/${id}/tiles/WebMercatorQuad`)
      expect(full.body.dataType).toBe('vector')
      expect(full.body.layers.length).toBeGreaterThan(0)
    },
  )

  test('a collection without tiles is a 404 naming the tiled ones', async () => {
    const reply = await get('/collections/rivers/tiles')
    expect(reply.status).toBe(404)
    expect(reply.body.detail).toContain('issues')
  })
})

describe('issue tiles', () => {
  test('zoom 14 at the county seat: golden tile with the single issues and density cells', async () => {
    const reply = await get(tilePath('issues', 14, seat))
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    const tile = decodeTile(reply.bytes)
    expect(tile).toEqual(golden('issues-14-seat.json', tile))
    const ids = tile.issues?.features.map((f) => f.properties.id).sort()
    expect(ids).toEqual(['i-closed', 'i-fixing', 'i-pending', 'i-reviewing'])
    // each point names its 问题编号, the number the map's popup shows
    for (const f of tile.issues?.features ?? [])
      expect(f.properties.issueNo).toMatch(issueNoPattern)
    const density = tile['issues-density']?.features ?? []
    expect(density.reduce((sum, f) => sum + Number(f.properties.count), 0)).toBe(4)
    expect(density.reduce((sum, f) => sum + Number(f.properties.open), 0)).toBe(3)
  })

  test('zoom 8 holds the density of every issue and no single issues', async () => {
    const tile = decodeTile((await get(tilePath('issues', 8, seat))).bytes)
    expect(tile.issues).toBeUndefined()
    const density = tile['issues-density']?.features ?? []
    expect(density.reduce((sum, f) => sum + Number(f.properties.count), 0)).toBe(6)
    // i-market is past its deadline at the pinned clock
    expect(density.reduce((sum, f) => sum + Number(f.properties.overdue), 0)).toBe(1)
  })

  test.each([
    ['status=closed', ['i-closed']],
    ['status=closed&overdue=true', []],
    ['overdue=false&status=fixing', ['i-fixing']],
    ['datetime=2026-11-21T00:00:00Z/..', []],
    ['datetime=../2026-11-21', ['i-closed', 'i-fixing', 'i-pending', 'i-reviewing']],
    // the ledger's 时段 as the overview sends it: Beijing days, closed interval
    [
      'datetime=2026-11-01T00:00:00%2B08:00/2026-11-21T23:59:59%2B08:00',
      ['i-closed', 'i-fixing', 'i-pending', 'i-reviewing'],
    ],
    ['source=inspection-team', []], // recorded before sources existed: no source
    [
      'unit=urban-management&township=532927101',
      ['i-closed', 'i-fixing', 'i-pending', 'i-reviewing'],
    ],
    [
      'responsibleUnit=urban-management&townshipCode=532927101',
      ['i-closed', 'i-fixing', 'i-pending', 'i-reviewing'],
    ],
    ['gridCode=532927101001002', ['i-closed', 'i-fixing', 'i-pending', 'i-reviewing']],
    ['township=532927102', []],
  ])('the items filters apply to tiles: %s', async (query, expected) => {
    const reply = await get(`${tilePath('issues', 14, seat)}?${query}`)
    if (expected.length === 0) {
      expect(reply.status).toBe(204)
      return
    }
    const tile = decodeTile(reply.bytes)
    expect(tile.issues?.features.map((f) => f.properties.id).sort()).toEqual(expected)
  })

  test('the same filter on items and on the zoom-8 density counts the same issues', async () => {
    const items = await get('/collections/issues/items?status=pending')
    const tile = decodeTile((await get(`${tilePath('issues', 8, seat)}?status=pending`)).bytes)
    const density = tile['issues-density']?.features ?? []
    expect(density.reduce((sum, f) => sum + Number(f.properties.count), 0)).toBe(
      items.body.numberMatched,
    )
  })

  test('an empty tile is a 204 with no body', async () => {
    const reply = await get('/collections/issues/tiles/WebMercatorQuad/14/0/0')
    expect(reply.status).toBe(204)
    expect(reply.bytes.length).toBe(0)
  })

  test('the ETag stays after a write outside the tile and moves after one inside it', async () => {
    const path = tilePath('issues', 14, seat)
    const before = await get(path)
    const etag = before.headers.get('etag') as string
    expect(etag).toBeTruthy()
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304)

    const report = { category: 'street-vending', description: '占道经营' }
    const outside = await inspector.post('/api/issues', {
      ...report,
      lngLat: places.miaojie.lngLat,
    })
    expect(outside.status).toBe(201)
    const afterOutside = await get(path, { 'if-none-match': etag })
    expect(afterOutside.status).toBe(304)
    // the write shows in its own tile
    const miaojieTile = decodeTile((await get(tilePath('issues', 14, places.miaojie.lngLat))).bytes)
    expect(miaojieTile.issues?.features.map((f) => f.properties.id)).toContain(outside.body.id)

    const inside = await inspector.post('/api/issues', { ...report, lngLat: seat })
    expect(inside.status).toBe(201)
    const afterInside = await get(path, { 'if-none-match': etag })
    expect(afterInside.status).toBe(200)
    expect(afterInside.headers.get('etag')).not.toBe(etag)
    const ids = decodeTile(afterInside.bytes).issues?.features.map((f) => f.properties.id)
    expect(ids).toContain(inside.body.id)
  })
})

describe('small layers', () => {
  test('a grids tile holds the grids it crosses, as polygons with their codes', async () => {
    const tile = decodeTile((await get(tilePath('grids', 14, seat))).bytes)
    const grids = tile.grids?.features ?? []
    expect(grids.length).toBeGreaterThan(0)
    expect(grids.every((f) => f.type === 3)).toBe(true)
    expect(grids.map((f) => f.properties.id)).toContain(places.seat.gridCode)
  })

  test('a checkpoints tile applies the items filters (kind)', async () => {
    const all = decodeTile((await get(tilePath('checkpoints', 8, seat))).bytes).checkpoints
    const fixed = decodeTile(
      (await get(`${tilePath('checkpoints', 8, seat)}?kind=fixed`)).bytes,
    ).checkpoints
    expect(fixed?.features.length).toBeGreaterThan(0)
    expect(fixed?.features.length).toBeLessThan(all?.features.length ?? 0)
    expect(fixed?.features.every((f) => f.properties.kind === 'fixed')).toBe(true)
  })

  test('townships at zoom 8 come as polygons with names', async () => {
    const tile = decodeTile((await get(tilePath('townships', 8, seat))).bytes)
    expect(tile.townships?.features.length).toBe(10)
    expect(tile.townships?.features.map((f) => f.properties.name)).toContain('南诏镇')
  })
})

describe('bad tile requests', () => {
  test.each([
    ['/collections/issues/tiles/WebMercatorQuad/x/0/0', 400, 'z'],
    ['/collections/issues/tiles/WebMercatorQuad/1/0/-1', 400, 'x'],
    ['/collections/issues/tiles/WebMercatorQuad/25/0/0', 404, undefined],
    ['/collections/issues/tiles/WebMercatorQuad/2/4/0', 404, undefined],
    ['/collections/issues/tiles/WebMercatorQuad/2/0/0?limit=10', 400, 'limit'],
    ['/collections/issues/tiles/WebMercatorQuad/2/0/0?bbox=1,2,3,4', 400, 'bbox'],
    ['/collections/issues/tiles/WebMercatorQuad/2/0/0?cursor=100', 400, 'cursor'],
    ['/collections/issues/tiles/WebMercatorQuad/2/0/0?properties=status', 400, 'properties'],
    ['/collections/issues/tiles/WebMercatorQuad/2/0/0?status=lost', 400, 'status'],
    ['/collections/issues/tiles/WebMercatorQuad/2/0/0?colour=red', 400, 'colour'],
  ])('%s → %i naming %s', async (path, status, parameter) => {
    const reply = await get(path)
    expect(reply.status).toBe(status)
    expect(reply.headers.get('content-type')).toContain('application/problem+json')
    if (parameter) expect(reply.body.parameter).toBe(parameter)
    expect(reply.body.detail).toMatch(/[\u4e00-\u9fff]/)
  })
})
