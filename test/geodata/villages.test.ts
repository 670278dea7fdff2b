import { booleanPointInPolygon } from '@turf/turf'
import type { MultiPolygon, Point } from 'geojson'
import { describe, expect, test } from 'vitest'
import { readLayer, readNbs } from './read-geodata.ts'

const villages = readLayer<Point>('villages').features
const townships = readLayer<MultiPolygon>('townships').features

describe('villages', () => {
  test('are the 83 NBS 2023 村/社区 with their codes and names, in code order', () => {
    const nbs = readNbs('532927_villages.csv').map(([code, name]) => [code, name])
    expect(villages.map((v) => [v.properties.code, v.properties.name])).toEqual(nbs)
    expect(villages).toHaveLength(83)
    expect(villages.find((v) => v.id === '532927101001')?.properties.name).toBe('日昇街社区')
  })

  test('each code starts with its township code, and the township exists', () => {
    const codes = new Set(townships.map((t) => t.id))
    for (const v of villages) {
      expect(String(v.properties.code).slice(0, 9)).toBe(v.properties.townshipCode)
      expect(codes.has(String(v.properties.townshipCode))).toBe(true)
    }
  })

  test('each point lies inside its own township', () => {
    for (const v of villages) {
      const t = townships.find(
        (x) => x.id === v.properties.townshipCode,
      ) as (typeof townships)[number]
      expect(booleanPointInPolygon(v, t), `${v.id} ${v.properties.name}`).toBe(true)
    }
  })

  test('10 points come from Amap and 73 are synthetic, and say so', () => {
    const amap = villages.filter((v) => v.properties.coordSource === 'amap')
    expect(amap).toHaveLength(10)
    expect(villages.filter((v) => v.properties.coordSource === 'synthetic')).toHaveLength(73)
    for (const v of villages)
      expect(v.properties.synthetic).toBe(v.properties.coordSource !== 'amap')
  })

  test('社区 (suffix 0xx) and 村委会 (suffix 2xx) are typed community and village', () => {
    for (const v of villages) {
      const community = String(v.id).charAt(9) === '0'
      expect(v.properties.villageType).toBe(community ? 'community' : 'village')
    }
  })

  test('carry a known NBS urban–rural code', () => {
    for (const v of villages) expect(['121', '122', '210', '220']).toContain(v.properties.urCode)
  })

  test('are spread out: no two villages closer than 200 m', () => {
    const points = villages.map((v) => [v.id, v.geometry.coordinates as [number, number]] as const)
    for (const [i, [idA, [ax, ay]]] of points.entries()) {
      for (const [idB, [bx, by]] of points.slice(i + 1)) {
        const km = Math.hypot((ax - bx) * 100.7, (ay - by) * 111.3)
        expect(km, `${idA} – ${idB}`).toBeGreaterThan(0.2)
      }
    }
  })
})
