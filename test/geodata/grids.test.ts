import {
  area,
  difference,
  featureCollection,
  intersect,
  kinks,
  polygon,
  bbox as turfBbox,
  union,
} from '@turf/turf'
import type { MultiPolygon, Point, Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { departmentUnits, townshipUnitCode } from '../../server/domain/units.ts'
import { readLayer } from './read-geodata.ts'

const county = readLayer<Polygon>('county').features[0] as NonNullable<
  ReturnType<typeof readLayer<Polygon>>['features'][number]
>
const townships = readLayer<MultiPolygon>('townships').features
const villages = readLayer<Point>('villages').features
const grids = readLayer<MultiPolygon>('grids').features
const km2 = (f: Parameters<typeof area>[0]) => area(f) / 1e6
const countyKm2 = km2(county)

function boxesOverlap(a: number[], b: number[]): boolean {
  return (
    (a[0] as number) <= (b[2] as number) &&
    (b[0] as number) <= (a[2] as number) &&
    (a[1] as number) <= (b[3] as number) &&
    (b[1] as number) <= (a[3] as number)
  )
}

describe('grids', () => {
  test('have unique 15-digit codes: a real village code plus a 3-digit sequence', () => {
    const villageCodes = new Set(villages.map((v) => v.id))
    const codes = grids.map((g) => g.properties.gridCode as string)
    expect(new Set(codes).size).toBe(codes.length)
    for (const g of grids) {
      expect(g.id).toBe(g.properties.gridCode)
      expect(g.id).toMatch(/^\d{15}$/)
      expect(g.id.slice(0, 12)).toBe(g.properties.villageCode)
      expect(villageCodes.has(g.id.slice(0, 12))).toBe(true)
      expect(g.id.slice(0, 9)).toBe(g.properties.townshipCode)
      expect(Number(g.id.slice(12))).toBeGreaterThan(0)
    }
  })

  test('sequence numbers run 001, 002, … within each village', () => {
    const byVillage = new Map<string, number[]>()
    for (const g of grids) {
      const list = byVillage.get(g.id.slice(0, 12)) ?? []
      list.push(Number(g.id.slice(12)))
      byVillage.set(g.id.slice(0, 12), list)
    }
    for (const seq of byVillage.values())
      expect(seq.sort((a, b) => a - b)).toEqual(seq.map((_, i) => i + 1))
  })

  test('the urban core of 南诏镇 has 20–30 grids named 南诏镇-城区第N网格, owned by its 社区', () => {
    const core = grids.filter((g) => g.properties.urbanCore)
    expect(core.length).toBeGreaterThanOrEqual(20)
    expect(core.length).toBeLessThanOrEqual(30)
    const names = core.map((g) => g.properties.name as string)
    expect(names.sort()).toEqual(core.map((_, i) => `南诏镇-城区第${i + 1}网格`).sort())
    for (const g of core) {
      expect(g.properties.townshipCode).toBe('532927101')
      expect(String(g.properties.villageCode).charAt(9)).toBe('0') // a 社区
    }
  })

  test('every 村 outside the core has exactly one rural grid, every 社区 at least one grid', () => {
    for (const v of villages) {
      const own = grids.filter((g) => g.properties.villageCode === v.id)
      const coreCommunity =
        v.properties.townshipCode === '532927101' && v.properties.villageType === 'community'
      if (coreCommunity) expect(own.length, String(v.id)).toBeGreaterThanOrEqual(1)
      else
        expect(
          own.map((g) => g.properties.urbanCore),
          String(v.id),
        ).toEqual([false])
    }
  })

  test('responsible units: county departments in the core, the township government elsewhere', () => {
    const departments = new Set(departmentUnits.map((u) => u.code))
    const coreUnits = new Set<string>()
    for (const g of grids) {
      if (g.properties.urbanCore) {
        expect(departments.has(g.properties.responsibleUnit as string)).toBe(true)
        coreUnits.add(g.properties.responsibleUnit as string)
      } else {
        expect(g.properties.responsibleUnit).toBe(
          townshipUnitCode(g.properties.townshipCode as string),
        )
      }
    }
    expect(coreUnits.size).toBeGreaterThanOrEqual(6) // varied colouring by unit
  })

  test('have a fictitious manager with a masked phone number and are marked synthetic', () => {
    for (const g of grids) {
      expect(g.properties.managerId).toMatch(/^gm-\d{4}$/)
      expect(g.properties.manager).toMatch(/^[\u4e00-\u9fa5]{2,3}$/)
      expect(g.properties.managerPhone).toMatch(/^1\d{2}\*{4}\d{4}$/)
      expect(g.properties.synthetic).toBe(true)
    }
  })

  describe('managers: per-township teams', () => {
    const byManager = new Map<string, typeof grids>()
    for (const g of grids) {
      const id = g.properties.managerId as string
      byManager.set(id, [...(byManager.get(id) ?? []), g])
    }
    const ids = [...byManager.keys()].sort()

    test('are numbered gm-0001, gm-0002, … by township, then first grid code', () => {
      expect(ids).toEqual(ids.map((_, i) => `gm-${String(i + 1).padStart(4, '0')}`))
      const firstGrid = ids.map((id) => {
        const own = byManager.get(id) ?? []
        return own.map((g) => g.id).sort()[0] as string
      })
      expect(firstGrid).toEqual([...firstGrid].sort())
    })

    test('each has one name and phone on all their grids, and no two share a name', () => {
      const names = ids.map((id) => {
        const own = byManager.get(id) ?? []
        expect(new Set(own.map((g) => g.properties.manager)).size, id).toBe(1)
        expect(new Set(own.map((g) => g.properties.managerPhone)).size, id).toBe(1)
        return own[0]?.properties.manager
      })
      expect(new Set(names).size).toBe(names.length)
    })

    test('each holds 1–6 grids of one township, forming one connected piece', () => {
      for (const [id, own] of byManager) {
        expect(own.length, id).toBeGreaterThanOrEqual(1)
        expect(own.length, id).toBeLessThanOrEqual(6)
        expect(new Set(own.map((g) => g.properties.townshipCode)).size, id).toBe(1)
        if (own.length === 1) continue
        // grids touching only at a corner would union to several polygons
        const merged = union(featureCollection(own)) as NonNullable<ReturnType<typeof union>>
        const pieces = merged.geometry.type === 'Polygon' ? 1 : merged.geometry.coordinates.length
        expect(pieces, id).toBe(1)
      }
    })

    test('every township has a team of two or more, with uneven shares to rebalance', () => {
      const teams = new Map<string, Map<string, number>>()
      for (const g of grids) {
        const t = g.properties.townshipCode as string
        const team = teams.get(t) ?? new Map<string, number>()
        team.set(
          g.properties.managerId as string,
          (team.get(g.properties.managerId as string) ?? 0) + 1,
        )
        teams.set(t, team)
      }
      expect(teams.size).toBe(10)
      for (const [t, team] of teams) expect(team.size, t).toBeGreaterThanOrEqual(2)
      const counts = [...teams.values()].flatMap((team) => [...team.values()])
      expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThanOrEqual(4)
      expect(byManager.size).toBeGreaterThan(townships.length * 2)
    })
  })

  test('are valid, non-empty polygons without self-intersections', () => {
    for (const g of grids) {
      expect(g.geometry.coordinates.length).toBeGreaterThan(0)
      expect(km2(g)).toBeGreaterThan(0.05)
      for (const rings of g.geometry.coordinates)
        expect(kinks(polygon(rings)).features, g.id).toHaveLength(0)
    }
  })

  test('do not overlap each other', () => {
    let overlap = 0
    for (let i = 0; i < grids.length; i++) {
      for (let j = i + 1; j < grids.length; j++) {
        const a = grids[i] as (typeof grids)[number]
        const b = grids[j] as (typeof grids)[number]
        if (!boxesOverlap(turfBbox(a), turfBbox(b))) continue
        const x = intersect(featureCollection([a, b]))
        if (x) overlap += km2(x)
      }
    }
    expect(overlap).toBeLessThan(0.001 * countyKm2)
    expect(overlap).toBeLessThan(1e-6) // in fact they share their edges exactly
  })

  test('tile the county: gap plus overlap below 0.1 % of its area', () => {
    const all = union(featureCollection(grids)) as NonNullable<ReturnType<typeof union>>
    const gap = difference(featureCollection([county, all]))
    const outside = difference(featureCollection([all, county]))
    const sum = grids.reduce((s, g) => s + km2(g), 0)
    const overlap = sum - km2(all)
    const error = (gap ? km2(gap) : 0) + (outside ? km2(outside) : 0) + Math.abs(overlap)
    expect(error / countyKm2).toBeLessThan(0.001)
    expect(error).toBeLessThan(1e-6) // exact up to floating point
  })

  test('each grid lies in exactly one township, the one its code names', () => {
    for (const g of grids) {
      const own = townships.find(
        (t) => t.id === g.properties.townshipCode,
      ) as (typeof townships)[number]
      const inside = intersect(featureCollection([g, own]))
      expect(inside ? km2(inside) / km2(g) : 0, g.id).toBeGreaterThan(0.999)
    }
  })
})
