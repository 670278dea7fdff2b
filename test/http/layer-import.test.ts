// The county's own townships and check points, made with GDAL: 长葛市 (411082)'s layers written as a
// zipped Shapefile / GeoPackage in EPSG:4547 (CGCS2000 3° Gauss–Krüger, CM 114°E) or as WGS84 GeoJSON.
// An overlapping township and a check point outside the county are refused with nothing written; a
// township file that drops a township the grids name is refused; a valid one replaces the layer and
// re-attributes the issues by location; a valid check-point list replaces the layer keyed by code;
// each import takes the 示意 label off its own layer only.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { booleanPointInPolygon, pointOnFeature, union } from '@turf/turf'
import { zipSync } from 'fflate'
import type { MultiPolygon, Polygon } from 'geojson'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.PLACE = '411082' // before the server's modules read it (and the parse worker inherits it)
})

const { startLedgerApp } = await import('./ledger-app.ts')
type LedgerApp = Awaited<ReturnType<typeof startLedgerApp>>
type Client = Awaited<ReturnType<LedgerApp['login']>>

const placeDir = new URL('../../geodata/places/411082/', import.meta.url)
const hasGdal = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

type Area = Polygon | MultiPolygon
interface Feature<G = Area> {
  type: 'Feature'
  id: string
  geometry: G
  properties: Record<string, string | number | boolean | null>
}
const read = <G = Area>(name: string) =>
  (JSON.parse(readFileSync(new URL(name, placeDir), 'utf8')) as { features: Feature<G>[] }).features
const townships = read('townships.geojson')
const checkpoints = read<{ type: 'Point'; coordinates: [number, number] }>('checkpoints.geojson')
const issues = read<{ type: 'Point'; coordinates: [number, number] }>('issues.geojson').slice(
  0,
  120,
)

// two neighbouring townships: A swallows B for the overlap; A and B swap codes for the valid file
const a = townships[0] as Feature
const b = townships.find(
  (t) =>
    t.id !== a.id &&
    union({ type: 'FeatureCollection', features: [a, t] })?.geometry.type === 'Polygon',
) as Feature
const swapped = townships.map((t) =>
  t.id === a.id
    ? { ...t, id: b.id, properties: b.properties }
    : t.id === b.id
      ? { ...t, id: a.id, properties: a.properties }
      : t,
)

let dir: string
function gdal(name: string, rows: unknown[], format: 'zip' | 'gpkg' | 'geojson'): Uint8Array {
  const source = join(dir, `${name}.geojson`)
  writeFileSync(source, JSON.stringify({ type: 'FeatureCollection', features: rows }))
  if (format === 'geojson') return readFileSync(source)
  const out = format === 'gpkg' ? join(dir, `${name}.gpkg`) : join(dir, name)
  execFileSync('ogr2ogr', [
    '-f',
    format === 'gpkg' ? 'GPKG' : 'ESRI Shapefile',
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    'EPSG:4547',
    ...(format === 'zip' ? ['-lco', 'ENCODING=UTF-8'] : []),
    '-nln',
    name,
    out,
    source,
  ])
  if (format === 'gpkg') return readFileSync(out)
  const files: Record<string, Uint8Array> = {}
  for (const f of readdirSync(out)) files[f] = readFileSync(join(out, f))
  return zipSync(files)
}

const townshipRows = (list: Feature[], chinese: boolean) =>
  list.map((t) => ({
    type: 'Feature',
    properties: chinese
      ? { 乡镇代码: t.id, 乡镇名称: t.properties.name }
      : { CODE: t.id, NAME: t.properties.name },
    geometry: t.geometry,
  }))

let app: LedgerApp
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'layer-import-'))
  app = await startLedgerApp({ geodataDir: '../../geodata/places/411082/', issues })
}, 60_000)
afterAll(async () => {
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

const upload = (
  client: Client,
  layer: string,
  fileName: string,
  bytes: Uint8Array,
  dryRun = false,
) =>
  client.send(`/api/layers/${layer}/import?filename=${fileName}${dryRun ? '&dryRun=true' : ''}`, {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'application/octet-stream', 'x-requested-with': 'fetch' },
  })
const items = async (client: Client, id: string) =>
  (await client.get(`/collections/${id}/items?limit=2000`)).body.features as Feature<never>[]
const layerStatus = async () => (await app.anonymous.get('/api/place')).body.layers

describe.skipIf(!hasGdal)('POST /api/layers/townships/import (GDAL files in EPSG:4547)', () => {
  it('a zip with one township overlapping its neighbour: the overlap is named and drawn, nothing is written', async () => {
    const admin = await app.login('admin')
    const merged = union({ type: 'FeatureCollection', features: [a, b] })?.geometry as Area
    const rows = townshipRows(
      townships.map((t) => (t.id === a.id ? { ...t, geometry: merged } : t)),
      false,
    )
    const bytes = gdal('overlap', rows, 'zip')
    const dry = await upload(admin, 'townships', 'townships.zip', bytes, true)
    expect(dry.status).toBe(200)
    expect(dry.body.report.valid).toBe(false)
    expect(dry.body.report.crs).toMatch(/EPSG:4547/)
    const overlaps = dry.body.report.problems.filter((p: { kind: string }) => p.kind === 'overlap')
    expect(overlaps).toHaveLength(1)
    expect([...overlaps[0].codes].sort()).toEqual([a.id, b.id].sort())
    expect(overlaps[0].message).toMatch(/^乡镇 /)
    expect(dry.body.report.problemFeatures.features[0].geometry).toBeTruthy()

    const refused = await upload(admin, 'townships', 'townships.zip', bytes)
    expect(refused.status).toBe(400)
    expect(refused.body.code).toBe('ImportFailed')
    const after = await items(admin, 'townships')
    expect(after.every((t) => (t as Feature).properties.synthetic === true)).toBe(true)
    expect((await layerStatus()).townships.synthetic).toBe(true)
  }, 120_000)

  it('a file without a township the grids are coded in is refused, naming a grid of it', async () => {
    const admin = await app.login('admin')
    const rows = townshipRows(
      townships.filter((t) => t.id !== b.id),
      true,
    )
    const reply = await upload(admin, 'townships', 'missing.gpkg', gdal('missing', rows, 'gpkg'))
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].message).toMatch(new RegExp(`网格 ${b.id}\\d{6} 属于乡镇 ${b.id}`))
  }, 120_000)

  it('a code of another county is refused with the column named', async () => {
    const admin = await app.login('admin')
    const rows = townshipRows([{ ...a, id: '532927101' }], true)
    const reply = await upload(admin, 'townships', 'other.geojson', gdal('other', rows, 'geojson'))
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].column).toBe('乡镇代码')
    expect(reply.body.errors[0].message).toMatch(/不是本县的 9 位乡镇代码/)
  })

  it('a valid GeoPackage replaces the layer: issues re-attributed by location, 示意 gone from townships only', async () => {
    const admin = await app.login('admin')
    // A and B swap areas (codes and names stay together); C is renamed
    const c = townships.find((t) => t.id !== a.id && t.id !== b.id) as Feature
    const renamed = swapped.map((t) =>
      t.id === c.id ? { ...t, properties: { ...t.properties, name: '新设镇' } } : t,
    )
    const bytes = gdal('swapped', townshipRows(renamed, true), 'gpkg')
    // what location says each issue's township is, in the new layer
    const moved = issues.filter((i) => {
      const there = swapped.find((t) => booleanPointInPolygon(i.geometry.coordinates, t.geometry))
      return there && there.id !== i.properties.townshipCode
    })
    expect(moved.length).toBeGreaterThan(0)

    const dry = await upload(admin, 'townships', 'townships.gpkg', bytes, true)
    expect(dry.status).toBe(200)
    expect(dry.body.report.valid).toBe(true)
    expect(dry.body.changes.reattributed.issues).toBe(moved.length)
    expect(dry.body.imported).toBeUndefined()
    expect((await layerStatus()).townships.synthetic).toBe(true) // a dry run writes nothing

    const reply = await upload(admin, 'townships', 'townships.gpkg', bytes)
    expect(reply.status).toBe(200)
    expect(reply.body.changes.reattributed.issues).toBe(moved.length)
    expect(reply.body.changes.renamed).toEqual([
      { code: c.id, from: c.properties.name, to: '新设镇' },
    ])
    expect(reply.body.changes.added).toEqual([])
    expect(reply.body.changes.removed).toEqual([])

    const layer = await items(admin, 'townships')
    expect(layer).toHaveLength(townships.length)
    const aNow = layer.find((t) => (t as Feature).id === a.id) as unknown as Feature
    expect(aNow.properties).toMatchObject({ name: a.properties.name, synthetic: false })
    expect(booleanPointInPolygon(pointOnFeature(b).geometry.coordinates, aNow.geometry)).toBe(true)
    for (const issue of moved.slice(0, 10)) {
      const now = (await admin.get(`/api/issues/${issue.id}`)).body
      const there = swapped.find((t) =>
        booleanPointInPolygon(issue.geometry.coordinates, t.geometry),
      )
      expect(now.townshipCode).toBe(there?.id)
      expect(now.events.map((e: { action: string }) => e.action)).toContain('regrid')
    }
    expect(await layerStatus()).toEqual({
      townships: { synthetic: false },
      grids: { synthetic: true },
      checkpoints: { synthetic: true },
      issues: { synthetic: true },
    })
    // the OGC metadata says the same: no 示意 disclaimer on the imported layer, still on the others
    const listed = (await app.anonymous.get('/collections')).body.collections as {
      id: string
      disclaimer?: string
    }[]
    expect(listed.find((c) => c.id === 'townships')?.disclaimer).toBeUndefined()
    expect(listed.find((c) => c.id === 'grids')?.disclaimer).toBeTruthy()
    const one = (await app.anonymous.get('/collections/townships')).body
    expect(one.disclaimer).toBeUndefined()
  }, 120_000)
})

const checkpointRows = (list: Feature<unknown>[], chinese: boolean, withCode: boolean) =>
  list.map((c) => ({
    type: 'Feature',
    properties: chinese
      ? {
          ...(withCode ? { 点位编码: c.id } : {}),
          名称: c.properties.name,
          类别: c.properties.category,
        }
      : {
          ...(withCode ? { CODE: c.id } : {}),
          NAME: c.properties.name,
          CATEGORY: c.properties.category,
        },
    geometry: c.geometry,
  }))

describe.skipIf(!hasGdal)('POST /api/layers/checkpoints/import', () => {
  it('a WGS84 GeoJSON with a point outside the county is refused naming the point; nothing is written', async () => {
    const admin = await app.login('admin')
    const before = await items(admin, 'checkpoints')
    const outside = {
      ...(checkpoints[0] as Feature<unknown>),
      geometry: { type: 'Point', coordinates: [113.3, 34.0] }, // west of 长葛, beyond its outline
    }
    const rows = checkpointRows([checkpoints[1] as Feature<unknown>, outside], true, true)
    const reply = await upload(
      admin,
      'checkpoints',
      'points.geojson',
      gdal('outside', rows, 'geojson'),
    )
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toHaveLength(1)
    expect(reply.body.errors[0]).toMatchObject({ row: 2, column: '坐标' })
    expect(reply.body.errors[0].message).toMatch(/县/)
    expect(await items(admin, 'checkpoints')).toHaveLength(before.length)
  })

  it('a zip in EPSG:4547 replaces the layer keyed by code: named points keep their ids, 示意 gone', async () => {
    const admin = await app.login('admin')
    const kept = checkpoints.slice(0, 40) as Feature<unknown>[]
    const fresh = checkpoints.slice(40, 42).map((c) => ({ ...c, id: '' })) as Feature<unknown>[]
    const rows = [...checkpointRows(kept, false, true), ...checkpointRows(fresh, false, false)]
    const reply = await upload(admin, 'checkpoints', 'points.zip', gdal('points', rows, 'zip'))
    expect(reply.status).toBe(200)
    expect(reply.body.report.crs).toMatch(/EPSG:4547/)
    expect(reply.body.changes).toMatchObject({
      kept: 40,
      added: 2,
      removed: checkpoints.length - 40,
    })
    const layer = (await items(admin, 'checkpoints')) as Feature<{ coordinates: number[] }>[]
    expect(layer).toHaveLength(42)
    const first = layer.find((c) => c.id === kept[0]?.id)
    expect(first?.properties).toMatchObject({
      name: kept[0]?.properties.name,
      gridCode: kept[0]?.properties.gridCode,
      townshipCode: expect.stringMatching(/^411082\d{3}$/),
      synthetic: false,
    })
    const [x0 = 0, y0 = 0] = (kept[0] as Feature<{ coordinates: number[] }>).geometry.coordinates
    const [x1 = 0, y1 = 0] = first?.geometry.coordinates ?? []
    expect(Math.hypot((x1 - x0) * 92_000, (y1 - y0) * 110_900)).toBeLessThan(1)
    expect(layer.filter((c) => !kept.some((k) => k.id === c.id)).map((c) => c.id)).toHaveLength(2)
    expect((await layerStatus()).checkpoints.synthetic).toBe(false)
    expect((await layerStatus()).grids.synthetic).toBe(true)
  }, 120_000)

  it('a file over 20 MB, a zip bomb and garbage are refused with a 4xx naming the file; the layers stay', async () => {
    const admin = await app.login('admin')
    const before = {
      townships: await items(admin, 'townships'),
      checkpoints: await items(admin, 'checkpoints'),
    }
    const bomb = zipSync({ 'x.shp': new Uint8Array(80 * 1024 * 1024) }, { level: 9 })
    for (const layer of ['townships', 'checkpoints']) {
      const huge = await upload(admin, layer, 'x.geojson', new Uint8Array(21 * 1024 * 1024))
      expect(huge.status).toBe(413) // refused while reading: express.raw stops at the limit
      const zipped = await upload(admin, layer, 'x.zip', bomb)
      expect(zipped.status).toBe(400)
      expect(zipped.body.errors[0].message).toMatch(/解压后超过/)
      const junk = await upload(admin, layer, 'x.gpkg', new TextEncoder().encode('not sqlite'))
      expect(junk.status).toBe(400)
      expect(junk.body.code).toBe('ImportFailed')
    }
    expect(await items(admin, 'townships')).toEqual(before.townships)
    expect(await items(admin, 'checkpoints')).toEqual(before.checkpoints)
    expect((await app.anonymous.get('/healthz')).status).toBe(200)
  }, 120_000)

  it('only administrators may replace a layer', async () => {
    const planner = await app.login('planner')
    for (const layer of ['townships', 'checkpoints']) {
      const reply = await upload(planner, layer, 'x.geojson', new TextEncoder().encode('{}'))
      expect(reply.status).toBe(403)
      expect(reply.body.detail).toMatch(/无权|管理员/)
    }
  })
})
