// TileVersions and the tile arithmetic: a write moves the version of the tiles it lands in and no
// other; a reload moves all; old writes fold into the floor.
import { describe, expect, test } from 'vitest'
import { bufferedTileBbox } from '../../server/tiles/issue-tile.ts'
import { tileAt, tileBbox } from '../../server/tiles/tile-matrix.ts'
import { TileVersions } from '../../server/tiles/tile-versions.ts'

const seat: [number, number] = [100.30603, 25.230114]
const far: [number, number] = [100.251844, 25.30168]
const point = ([lng, lat]: [number, number]) => [lng, lat, lng, lat] as const

describe('tile arithmetic', () => {
  test.each([0, 5, 10, 14, 20])(
    'the tile at zoom %i holding a point has it inside its bbox',
    (z) => {
      const [w, s, e, n] = tileBbox(tileAt(seat[0], seat[1], z))
      expect(seat[0]).toBeGreaterThanOrEqual(w)
      expect(seat[0]).toBeLessThan(e)
      expect(seat[1]).toBeGreaterThan(s)
      expect(seat[1]).toBeLessThanOrEqual(n)
    },
  )

  test('zoom 0 covers the Web Mercator world', () => {
    const [w, s, e, n] = tileBbox({ z: 0, x: 0, y: 0 })
    expect([w, e]).toEqual([-180, 180])
    expect(n).toBeCloseTo(85.0511, 4)
    expect(s).toBeCloseTo(-85.0511, 4)
  })

  test('the buffered bbox grows by 1/16 of a tile on every side', () => {
    const tile = tileAt(seat[0], seat[1], 14)
    const [w, , e] = tileBbox(tile)
    const [bw, , be] = bufferedTileBbox(tile, 256)
    expect(w - bw).toBeCloseTo((e - w) / 16, 10)
    expect(be - e).toBeCloseTo((e - w) / 16, 10)
  })
})

describe('TileVersions', () => {
  const tileOf = (lngLat: [number, number], z: number) => tileBbox(tileAt(lngLat[0], lngLat[1], z))

  test('a write moves its own tile at every zoom and not a tile elsewhere', () => {
    const versions = new TileVersions()
    const before = versions.versionOf('issues', tileOf(far, 14))
    const seq = versions.noteWrite('issues', point(seat))
    for (const z of [0, 8, 12, 14, 18])
      expect(versions.versionOf('issues', tileOf(seat, z))).toBe(seq)
    expect(versions.versionOf('issues', tileOf(far, 14))).toBe(before)
  })

  test('collections keep their own versions', () => {
    const versions = new TileVersions()
    versions.noteWrite('issues', point(seat))
    expect(versions.versionOf('checkpoints', tileOf(seat, 14))).toBe(0)
  })

  test('a reset moves every tile of the collection', () => {
    const versions = new TileVersions()
    versions.noteWrite('issues', point(seat))
    const seq = versions.noteReset('issues')
    expect(versions.versionOf('issues', tileOf(far, 14))).toBe(seq)
    expect(versions.versionOf('issues', tileOf(seat, 14))).toBe(seq)
  })

  test('writes beyond the memory fold into the floor: then every tile moves, never none', () => {
    const versions = new TileVersions(2)
    const first = versions.noteWrite('issues', point(seat))
    versions.noteWrite('issues', point(seat))
    versions.noteWrite('issues', point(seat))
    expect(versions.versionOf('issues', tileOf(far, 14))).toBe(first)
  })
})
