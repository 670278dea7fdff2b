// The invariants of the geodata tests, for every place with a build profile (geodata/places/*/
// build.json): byte-identical rebuilds, grids tiling the county inside their townships, references
// that resolve, and every coordinate of the county's own layers inside the county outline.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  area,
  booleanPointInPolygon,
  difference,
  featureCollection,
  intersect,
  point,
  union,
} from '@turf/turf'
import type { Feature, Geometry, MultiPolygon, Point, Polygon } from 'geojson'
import { afterAll, describe, expect, test } from 'vitest'
import { buildGeodataFiles, outputNames } from '../../geodata/build/build-geodata-files.ts'
import { loadPlaceBuild, placeCodes } from '../../geodata/build/place-profile.ts'
import { positionsOf } from './read-geodata.ts'

type Layer<G extends Geometry> = {
  features: (Feature<G, Record<string, unknown>> & { id: string })[]
}
const km2 = (f: Parameters<typeof area>[0]) => area(f) / 1e6

describe.each(placeCodes())('place %s', (code) => {
  const { outDir, sourcesDir } = loadPlaceBuild(code)
  const read = <G extends Geometry>(name: string) =>
    JSON.parse(readFileSync(join(outDir, `${name}.geojson`), 'utf8')) as Layer<G>
  const county = read<Polygon>('county').features[0] as Feature<Polygon>
  const townships = read<MultiPolygon>('townships').features
  const villages = read<Point>('villages').features
  const grids = read<MultiPolygon>('grids').features
  const checkpoints = read<Point>('checkpoints').features
  const issues = read<Point>('issues').features

  test('rebuilding from a copy of its sources gives the committed bytes', () => {
    const tmp = mkdtempSync(join(tmpdir(), `geodata-${code}-`))
    afterAll(() => rmSync(tmp, { recursive: true, force: true }))
    cpSync(sourcesDir, tmp, { recursive: true })
    const files = buildGeodataFiles({ place: code, sourcesDir: tmp })
    expect([...files.keys()]).toEqual(outputNames.map((n) => `${n}.geojson`))
    for (const [name, text] of files)
      expect(text === readFileSync(join(outDir, name), 'utf8'), name).toBe(true)
  })

  test('the county is its own code and name, and the townships are its NBS 2023 list', () => {
    expect(county.properties?.code).toBe(code)
    const nbs = readFileSync(join(sourcesDir, `nbs-2023/${code}_towns.csv`), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[0])
    expect(townships.map((t) => t.id)).toEqual(nbs)
    expect(townships.every((t) => t.properties.synthetic === true)).toBe(true)
  })

  test('grids tile the county: no overlap, no gap, each inside the township its code names', () => {
    const all = union(featureCollection(grids)) as Feature<MultiPolygon>
    const gap = difference(featureCollection<Polygon | MultiPolygon>([county, all]))
    const outside = difference(featureCollection<Polygon | MultiPolygon>([all, county]))
    const overlap = grids.reduce((s, g) => s + km2(g), 0) - km2(all)
    const error = (gap ? km2(gap) : 0) + (outside ? km2(outside) : 0) + Math.abs(overlap)
    expect(error).toBeLessThan(1e-6)
    for (const g of grids) {
      expect(g.properties.synthetic, g.id).toBe(true)
      expect(g.id.startsWith(g.properties.villageCode as string), g.id).toBe(true)
      const own = townships.find((t) => t.id === g.properties.townshipCode)
      expect(own, g.id).toBeDefined()
      const inside = intersect(featureCollection([g, own as Feature<MultiPolygon>]))
      expect(inside ? km2(inside) / km2(g) : 0, g.id).toBeGreaterThan(0.999)
    }
  })

  test('references resolve: villages, check points and issues name existing features', () => {
    const townshipCodes = new Set(townships.map((t) => t.id))
    const villageCodes = new Set(villages.map((v) => v.id))
    const gridById = new Map(grids.map((g) => [g.id, g]))
    const checkpointById = new Map(checkpoints.map((c) => [c.id, c]))
    const bad: string[] = []
    for (const v of villages)
      if (!townshipCodes.has(v.properties.townshipCode as string)) bad.push(v.id)
    for (const g of grids) if (!villageCodes.has(g.properties.villageCode as string)) bad.push(g.id)
    for (const c of checkpoints) {
      const grid = gridById.get(c.properties.gridCode as string)
      if (!grid || grid.properties.townshipCode !== c.properties.townshipCode) bad.push(c.id)
      else if (!booleanPointInPolygon(c, grid)) bad.push(`${c.id} outside its grid`)
    }
    for (const i of issues) {
      const c = checkpointById.get(i.properties.checkpointId as string)
      if (!c || c.properties.gridCode !== i.properties.gridCode) bad.push(i.id)
    }
    expect(bad).toEqual([])
  })

  // context layers lie around the county; a 1 km circle round a real seat near the county line
  // (南席镇, 朱古洞乡) crosses it, as the 乡镇政府所在地1公里范围 does on the ground
  const inCounty = outputNames.filter(
    (n) => n !== 'neighbors' && n !== 'rivers' && n !== 'township-radii',
  )
  test.each(inCounty)('every coordinate of %s lies inside the county', (name) => {
    const outside: string[] = []
    for (const f of read<Geometry>(name).features)
      for (const p of positionsOf(f.geometry))
        if (!booleanPointInPolygon(point(p), county)) outside.push(`${f.id}: ${p.join(',')}`)
    expect(outside.slice(0, 5)).toEqual([])
  })

  test('seats the sources lack are flagged as placed, and every seat is in its own township', () => {
    for (const s of read<Point>('seats').features.slice(1)) {
      expect(s.properties.coordSource === 'placed', s.id).toBe(s.properties.synthetic === true)
      const own = townships.find((t) => t.id === s.id) as Feature<MultiPolygon>
      expect(booleanPointInPolygon(s, own), s.id).toBe(true)
    }
  })
})
