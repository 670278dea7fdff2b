// areaKm2 on hand-made ~1 km squares near 巍山.
import { describe, expect, test } from 'vitest'
import { areaKm2 } from '../../server/domain/grid-rings.ts'
import { buildBox, buildCell, south, west } from '../fixtures/grids/build-squares.ts'

describe('areaKm2', () => {
  test('rounds to two decimals like the geodata', () => {
    // turf's sphere: 0.01° lng × 0.009° lat here is 1006 m × 1001 m
    expect(areaKm2(buildCell(0, 0))).toBe(1.01)
    expect(areaKm2(buildCell(0, 0, 2, 3))).toBe(6.04)
    expect(areaKm2(buildBox(west, south, west + 0.001, south + 0.001))).toBe(0.01)
  })
})
