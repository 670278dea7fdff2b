// The county's own grids, made with GDAL: 长葛市 (411082)'s grids reprojected to EPSG:4547 (CGCS2000
// 3° Gauss–Krüger, CM 114°E) as a zipped Shapefile and a GeoPackage. A file with one overlapping and
// one gapped grid is refused with exactly that overlap and that gap, and nothing is written; a valid
// file replaces the grids, positions round-trip within a metre, issues follow their grids and the
// grids are no longer 示意.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { booleanPointInPolygon, pointOnFeature, union } from '@turf/turf'
import { zipSync } from 'fflate'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.PLACE = '411082' // before the server's modules read it (and the parse worker inherits it)
})

const { startLedgerApp } = await import('./ledger-app.ts')
type LedgerApp = Awaited<ReturnType<typeof startLedgerApp>>

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
interface GridFeature {
  type: 'Feature'
  id: string
  geometry: Area
  properties: Record<string, string | number | boolean | null>
}
const grids = (
  JSON.parse(readFileSync(new URL('grids.geojson', placeDir), 'utf8')) as {
    features: GridFeature[]
  }
).features
const allIssues = JSON.parse(readFileSync(new URL('issues.geojson', placeDir), 'utf8')).features

// two neighbours for the overlap (A swallows B) and the merge, a third far away for the gap
const a = grids[0] as GridFeature
const neighbours = (g: GridFeature) =>
  grids.filter(
    (o) =>
      o.id !== g.id &&
      union({ type: 'FeatureCollection', features: [g, o] })?.geometry.type === 'Polygon',
  )
const b = neighbours(a)[0] as GridFeature
const c = grids.at(-1) as GridFeature
const issuesInB = allIssues.filter(
  (i: { properties: { gridCode: string } }) => i.properties.gridCode === b.id,
)
const issues = [
  ...issuesInB,
  ...allIssues
    .slice(0, 60)
    .filter((i: { properties: { gridCode: string } }) => i.properties.gridCode !== b.id),
]

/** A 40 m square hole in the middle of the grid: one gap of ~1,600 m². */
function withHole(g: GridFeature): Area {
  const [x = 0, y = 0] = pointOnFeature(g).geometry.coordinates
  const dx = 20 / (111_320 * Math.cos((y * Math.PI) / 180))
  const dy = 20 / 110_574
  const hole: Position[] = [
    [x - dx, y - dy],
    [x - dx, y + dy],
    [x + dx, y + dy],
    [x + dx, y - dy],
    [x - dx, y - dy],
  ]
  const polygons = g.geometry.type === 'Polygon' ? [g.geometry.coordinates] : g.geometry.coordinates
  const i = polygons.findIndex((p) =>
    booleanPointInPolygon([x, y], { type: 'Polygon', coordinates: p }),
  )
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((p, k) => (k === i ? [...p, hole] : p)),
  }
}

const merged = union({ type: 'FeatureCollection', features: [a, b] })?.geometry as Area

function fileRows(kind: 'bad' | 'good', chinese: boolean) {
  const rows = grids.flatMap((g) => {
    if (kind === 'good' && g.id === b.id) return []
    const geometry =
      kind === 'bad'
        ? g.id === a.id
          ? merged
          : g.id === c.id
            ? withHole(c)
            : g.geometry
        : g.id === a.id
          ? merged
          : g.geometry
    const p = g.properties
    const properties = chinese
      ? {
          网格编码: g.id,
          网格名称: p.name,
          责任单位: p.responsibleUnit,
          网格长: p.manager,
          联系电话: p.managerPhone,
        }
      : {
          GRIDCODE: g.id,
          NAME: p.name,
          UNITCODE: p.responsibleUnit,
          MANAGER: p.manager,
          PHONE: p.managerPhone,
        }
    return [{ type: 'Feature', properties, geometry }]
  })
  return { type: 'FeatureCollection', features: rows }
}

let dir: string
function gdal(kind: 'bad' | 'good', format: 'zip' | 'gpkg'): Uint8Array {
  const name = `${kind}-${format}`
  const source = join(dir, `${name}.geojson`)
  writeFileSync(source, JSON.stringify(fileRows(kind, format === 'gpkg')))
  if (format === 'gpkg') {
    const out = join(dir, `${name}.gpkg`)
    execFileSync('ogr2ogr', [
      '-f',
      'GPKG',
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      'EPSG:4547',
      '-nln',
      'grids',
      out,
      source,
    ])
    return readFileSync(out)
  }
  const shpDir = join(dir, name)
  execFileSync('ogr2ogr', [
    '-f',
    'ESRI Shapefile',
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    'EPSG:4547',
    '-lco',
    'ENCODING=UTF-8',
    '-nln',
    'grids',
    shpDir,
    source,
  ])
  const files: Record<string, Uint8Array> = {}
  for (const f of readdirSync(shpDir)) files[f] = readFileSync(join(shpDir, f))
  return zipSync(files)
}

let app: LedgerApp
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-import-'))
  app = await startLedgerApp({ geodataDir: '../../geodata/places/411082/', issues })
}, 60_000)
afterAll(async () => {
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

let exportBeforeImport: Uint8Array = new Uint8Array() // the grids as they were, exported as GeoJSON

const upload = (
  client: Awaited<ReturnType<LedgerApp['login']>>,
  fileName: string,
  bytes: Uint8Array,
  dryRun = false,
) =>
  client.send(`/api/grids/import?filename=${fileName}${dryRun ? '&dryRun=true' : ''}`, {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'application/octet-stream', 'x-requested-with': 'fetch' },
  })

describe.skipIf(!hasGdal)('POST /api/grids/import (GDAL files in EPSG:4547)', () => {
  it.each(['zip', 'gpkg'] as const)(
    'a %s with one overlapping and one gapped grid: the report names exactly that overlap and that gap, and nothing is written',
    async (format) => {
      const admin = await app.login('admin')
      const before = (await admin.get('/api/grids')).body
      const bytes = gdal('bad', format)
      const dry = await upload(admin, `grids.${format}`, bytes, true)
      expect(dry.status).toBe(200)
      const report = dry.body.report
      expect(report.valid).toBe(false)
      expect(report.crs).toMatch(/EPSG:4547/)
      expect(report.problems.map((p: { kind: string }) => p.kind).sort()).toEqual([
        'gap',
        'overlap',
      ])
      const overlap = report.problems.find((p: { kind: string }) => p.kind === 'overlap')
      expect([...overlap.codes].sort()).toEqual([a.id, b.id].sort())
      expect(overlap.areaM2).toBeGreaterThan(1000)
      const gap = report.problems.find((p: { kind: string }) => p.kind === 'gap')
      expect(gap.areaM2).toBeGreaterThan(1500)
      expect(gap.areaM2).toBeLessThan(1700)
      expect(gap.codes).toContain(c.id)
      expect(report.problemFeatures.features).toHaveLength(2)
      expect(report.problemFeatures.features.every((f: { geometry: unknown }) => f.geometry)).toBe(
        true,
      )

      const refused = await upload(admin, `grids.${format}`, bytes)
      expect(refused.status).toBe(400)
      expect(refused.body.code).toBe('ImportFailed')
      expect(refused.body.report.problems).toHaveLength(2)
      const after = (await admin.get('/api/grids')).body
      expect(after.gridsVersion).toBe(before.gridsVersion)
      expect(after.total).toBe(before.total)
    },
    120_000,
  )

  it.each(['zip', 'geojson'] as const)(
    'the grids exported as .%s check as valid: export, edit in a GIS, import back',
    async (format) => {
      const admin = await app.login('admin')
      const exported = await admin.get(`/api/grids/export.${format}`)
      expect(exported.status).toBe(200)
      if (format === 'geojson') exportBeforeImport = exported.bytes
      const dry = await upload(admin, `grids.${format}`, exported.bytes, true)
      expect(dry.status).toBe(200)
      expect(dry.body.report).toMatchObject({
        valid: true,
        grids: grids.length,
        problems: [],
        errors: [],
      })
    },
    120_000,
  )

  it('a valid GeoPackage replaces the grids: positions within 1 m, issues re-attributed, 示意 gone', async () => {
    const admin = await app.login('admin')
    const before = (await admin.get('/api/grids')).body
    const reply = await upload(admin, 'grids.gpkg', gdal('good', 'gpkg'))
    expect(reply.status).toBe(200)
    expect(reply.body.report.valid).toBe(true)
    expect(reply.body.imported.retired).toBe(1)
    expect(reply.body.imported.reattributed.issues).toBe(issuesInB.length)
    expect(reply.body.imported.gridsVersion).toBe(before.gridsVersion + 1)

    const items = (await admin.get('/collections/grids/items?limit=1000')).body
    expect(items.features).toHaveLength(grids.length - 1)
    expect(items.features.some((f: GridFeature) => f.properties.synthetic)).toBe(false)
    const imported = items.features.find((f: GridFeature) => f.id === c.id) as GridFeature
    const first = (g: Area) =>
      (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0]) ?? []
    const [x0 = 0, y0 = 0] = first(c.geometry)[0] ?? []
    const [x1 = 0, y1 = 0] = first(imported.geometry)[0] ?? []
    const metres = Math.hypot(
      (x1 - x0) * 111_320 * Math.cos((y0 * Math.PI) / 180),
      (y1 - y0) * 110_574,
    )
    expect(metres).toBeLessThan(1)

    expect(issuesInB.length).toBeGreaterThan(0)
    for (const issue of issuesInB) {
      const now = (await admin.get(`/api/issues/${issue.id}`)).body
      expect(now.gridCode).toBe(a.id)
      expect(now.townshipCode).toBe(a.properties.townshipCode)
      expect(now.events.map((e: { action: string }) => e.action)).toContain('regrid')
    }
    const history = (await admin.get('/api/grids/history')).body
    expect(history.items[0].action).toBe('import')
    expect(history.items[0].changes.retired).toEqual([b.id])
  }, 120_000)

  it('an export from before the import names the code it retired in the check, not only on import', async () => {
    const admin = await app.login('admin')
    const dry = await upload(admin, 'old.geojson', exportBeforeImport, true)
    expect(dry.status).toBe(200)
    expect(dry.body.report.valid).toBe(false)
    expect(dry.body.report.errors).toEqual([
      expect.objectContaining({
        column: '网格编码',
        message: expect.stringContaining(`${b.id} 已注销`),
      }),
    ])
  }, 120_000)

  it("importing the grids' own export back changes no grid's unit or 网格长", async () => {
    const admin = await app.login('admin')
    const owners = async () =>
      Object.fromEntries(
        (await admin.get('/api/grids')).body.items.map(
          (r: { gridCode: string; unitCode: string; managerId: string | null }) => [
            r.gridCode,
            [r.unitCode, r.managerId],
          ],
        ),
      )
    const before = await owners()
    const exported = await admin.get('/api/grids/export.geojson')
    const reply = await upload(admin, 'grids.geojson', exported.bytes)
    expect(reply.status).toBe(200)
    expect(reply.body.imported).toMatchObject({ created: 0, retired: 0, managersCreated: 0 })
    expect(await owners()).toEqual(before)
  }, 120_000)

  it('grids outside the county (a wrong CRS declared) are refused with a clear message', async () => {
    const admin = await app.login('admin')
    const shifted = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            网格编码: a.id,
            网格名称: '东移一度',
            责任单位: a.properties.responsibleUnit,
          },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [114.9, 34.2],
                [114.91, 34.2],
                [114.91, 34.21],
                [114.9, 34.2],
              ],
            ],
          },
        },
      ],
    }
    const reply = await upload(
      admin,
      'east.geojson',
      new TextEncoder().encode(JSON.stringify(shifted)),
    )
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].message).toMatch(/不在县域范围内/)
  })

  it('a GeoJSON in an unknown CRS is refused with a message naming the file', async () => {
    const admin = await app.login('admin')
    const body = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
      features: [],
    })
    const reply = await upload(admin, 'mercator.geojson', new TextEncoder().encode(body))
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].message).toMatch(/mercator\.geojson.*坐标系/)
  })

  it('only administrators may import grids', async () => {
    const manager = await app.login('planner')
    const reply = await upload(manager, 'grids.geojson', new TextEncoder().encode('{}'))
    expect(reply.status).toBe(403)
  })
})
