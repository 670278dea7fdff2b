// GDAL's MVT driver reads our tiles straight from their URLs (another decoder than ours): the
// feature counts match what the tile holds and the features land at the right place.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { tileAt } from '../../server/tiles/tile-matrix.ts'
import { type LedgerApp, places, startLedgerApp } from '../http/ledger-app.ts'
import { decodeTile } from './decode-tile.ts'

const run = promisify(execFile)
const hasGdal = await run('ogrinfo', ['--version']).then(
  () => true,
  () => false,
)

let ledger: LedgerApp
beforeAll(async () => {
  ledger = await startLedgerApp()
})
afterAll(() => ledger.close())

// ogrinfo -so: "Layer name: x" … "Feature Count: n" … "Extent: (minX, minY) - (maxX, maxY)"
function summaries(stdout: string) {
  const layers = new Map<string, { count: number; extent: number[] }>()
  for (const block of stdout.split(/^Layer name: /m).slice(1)) {
    const name = block.split('\n')[0] as string
    const count = Number(/Feature Count: (\d+)/.exec(block)?.[1])
    const extent = (/Extent: \(([^)]*)\) - \(([^)]*)\)/.exec(block) ?? [])
      .slice(1)
      .flatMap((pair) => pair.split(',').map(Number))
    layers.set(name, { count, extent })
  }
  return layers
}

describe.skipIf(!hasGdal)('GDAL MVT driver on a tile URL', () => {
  const z = 14
  const [lng, lat] = places.seat.lngLat
  const { x, y } = tileAt(lng, lat, z)
  const ogrinfo = async (collection: string) => {
    // ?f=mvt: a URL ending in a bare number makes GDAL 3.6 look for a tile directory instead
    const url = `${ledger.app.url}/collections/${collection}/tiles/WebMercatorQuad/${z}/${y}/${x}?f=mvt`
    const { stdout } = await run(
      'ogrinfo',
      [
        '-ro',
        '-al',
        '-so',
        '-oo',
        `Z=${z}`,
        '-oo',
        `X=${x}`,
        '-oo',
        `Y=${y}`,
        `MVT:/vsicurl/${url}`,
      ],
      { timeout: 20_000 },
    )
    return summaries(stdout)
  }

  test('the issues tile: 4 single issues at the county seat, in EPSG:3857 metres', async () => {
    const layers = await ogrinfo('issues')
    expect(layers.get('issues')?.count).toBe(4)
    expect(layers.get('issues-density')?.count).toBe(1)
    const [minX] = layers.get('issues')?.extent ?? []
    const lngOfX = ((minX as number) / 20037508.3427892) * 180
    expect(lngOfX).toBeCloseTo(lng, 3) // ≈ 100 m: a tile unit at z14 is ≈ 2.4 m
  })

  test('the grids tile: as many grids as @mapbox/vector-tile decodes', async () => {
    const res = await fetch(
      `${ledger.app.url}/collections/grids/tiles/WebMercatorQuad/${z}/${y}/${x}`,
    )
    const decoded = decodeTile(new Uint8Array(await res.arrayBuffer()))
    const layers = await ogrinfo('grids')
    expect(layers.get('grids')?.count).toBe(decoded.grids?.features.length)
    expect(decoded.grids?.features.length).toBeGreaterThan(0)
  })
})
