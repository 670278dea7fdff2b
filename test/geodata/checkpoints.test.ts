import { booleanPointInPolygon } from '@turf/turf'
import type { MultiPolygon, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { pointUnits } from '../../geodata/build/checkpoints.ts'
import {
  checkpointCategories,
  checkpointKinds,
  fixedCheckpointCategories,
  randomCheckpointCategories,
} from '../../server/domain/checkpoint.ts'
import { departmentUnits } from '../../server/domain/units.ts'
import { readLayer } from './read-geodata.ts'

const checkpoints = readLayer<Point>('checkpoints').features
const grids = readLayer<MultiPolygon>('grids').features
const villages = readLayer<Point>('villages').features
const townships = readLayer<MultiPolygon>('townships').features
const gridById = new Map(grids.map((g) => [g.id, g]))

describe('checkpoints', () => {
  test('have ids cp-0001, cp-0002, … in order', () => {
    expect(checkpoints.map((c) => c.id)).toEqual(
      checkpoints.map((_, i) => `cp-${String(i + 1).padStart(4, '0')}`),
    )
  })

  test('use only known kinds and categories, fixed and random ones each from their own list', () => {
    for (const c of checkpoints) {
      expect(checkpointKinds).toContain(c.properties.kind)
      expect(checkpointCategories).toContain(c.properties.category)
      const list: readonly string[] =
        c.properties.kind === 'fixed' ? fixedCheckpointCategories : randomCheckpointCategories
      expect(list, String(c.id)).toContain(c.properties.category)
    }
  })

  test('number about 180–220 fixed and 350–500 random points', () => {
    const fixed = checkpoints.filter((c) => c.properties.kind === 'fixed').length
    const random = checkpoints.length - fixed
    expect(fixed).toBeGreaterThanOrEqual(180)
    expect(fixed).toBeLessThanOrEqual(220)
    expect(random).toBeGreaterThanOrEqual(350)
    expect(random).toBeLessThanOrEqual(500)
  })

  test('most fixed points lie in the urban core', () => {
    const fixed = checkpoints.filter((c) => c.properties.kind === 'fixed')
    const core = fixed.filter(
      (c) => gridById.get(c.properties.gridCode as string)?.properties.urbanCore,
    )
    expect(core.length / fixed.length).toBeGreaterThan(0.6)
  })

  test('reference an existing grid, village and township that agree with each other', () => {
    const villageCodes = new Set(villages.map((v) => v.id))
    const townshipCodes = new Set(townships.map((t) => t.id))
    for (const c of checkpoints) {
      const grid = gridById.get(c.properties.gridCode as string)
      expect(grid, String(c.id)).toBeDefined()
      expect(c.properties.villageCode).toBe(grid?.properties.villageCode)
      expect(c.properties.townshipCode).toBe(grid?.properties.townshipCode)
      expect(villageCodes.has(c.properties.villageCode as string)).toBe(true)
      expect(townshipCodes.has(c.properties.townshipCode as string)).toBe(true)
    }
  })

  test('each lies inside its grid', () => {
    const outside = checkpoints.filter((c) => {
      const grid = gridById.get(c.properties.gridCode as string)
      return !grid || !booleanPointInPolygon(c, grid)
    })
    expect(outside.map((c) => c.id)).toEqual([])
  })

  test('names are generic and marked （示例）, except the real landmarks, whose position is approximate', () => {
    const names = checkpoints.map((c) => c.properties.name as string)
    expect(new Set(names).size).toBe(names.length)
    for (const c of checkpoints) {
      if (c.properties.approxPosition) {
        expect(['巍山古城', '巍宝山']).toContain(c.properties.name)
        expect(c.properties.category).toBe('scenic-spot')
      } else {
        expect(c.properties.name).toMatch(/（示例）$/)
        expect(c.properties).not.toHaveProperty('approxPosition')
      }
      expect(c.properties.synthetic).toBe(true)
    }
    expect(checkpoints.filter((c) => c.properties.approxPosition)).toHaveLength(2)
  })

  test("点长制: the county town's fixed markets, schools, hospitals… carry their department as unitCode; township-seat and random points carry none", () => {
    const seatTownship = '532927101' // 南诏镇, the county town
    const departments = new Set(departmentUnits.map((u) => u.code))
    for (const c of checkpoints) {
      const p = c.properties
      const expected =
        p.kind === 'fixed' && p.townshipCode === seatTownship
          ? pointUnits[p.category as keyof typeof pointUnits]
          : undefined
      expect(p.unitCode, String(c.id)).toBe(expected)
      if (p.unitCode !== undefined) expect(departments.has(p.unitCode as string)).toBe(true)
    }
    const markets = checkpoints.filter((c) => c.properties.unitCode === 'market-regulation')
    expect(markets.length).toBeGreaterThanOrEqual(6)
    expect(markets.every((c) => c.properties.category === 'market')).toBe(true)
  })
})
