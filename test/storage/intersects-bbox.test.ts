import { bboxPolygon, booleanIntersects } from '@turf/turf'
import { describe, expect, test } from 'vitest'
import type { Bbox } from '../../server/ogc/feature-query.ts'
import { intersectsBbox } from '../../server/storage/intersects-bbox.ts'
import type { GeoJsonGeometry } from '../../server/storage/store.ts'
import { mulberry32 } from '../builders.ts'

// a right triangle whose envelope is [0,0,10,10]; the corner (10,10) is outside the triangle
const triangle: GeoJsonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [0, 10],
      [0, 0],
    ],
  ],
}
// a 10×10 square with a 6×6 hole in the middle, plus a far-away second part
const squareWithHole: GeoJsonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [2, 2],
        [2, 8],
        [8, 8],
        [8, 2],
        [2, 2],
      ],
    ],
    [
      [
        [20, 20],
        [21, 20],
        [21, 21],
        [20, 20],
      ],
    ],
  ],
}
// a diagonal line from (0,0) to (10,10)
const diagonal: GeoJsonGeometry = {
  type: 'LineString',
  coordinates: [
    [0, 0],
    [10, 10],
  ],
}

describe('intersectsBbox', () => {
  test('a box on the envelope corner of a triangle does not meet it; one on its hypotenuse does', () => {
    expect(intersectsBbox(triangle, [9, 9, 11, 11])).toBe(false)
    expect(intersectsBbox(triangle, [4, 4, 6, 6])).toBe(true) // crosses x + y = 10
    expect(intersectsBbox(triangle, [5, 5, 6, 6])).toBe(true) // touches it at (5, 5)
    expect(intersectsBbox(triangle, [5.01, 5, 6, 6])).toBe(false)
  })

  test('a box wholly inside a polygon meets it, wholly inside its hole does not', () => {
    expect(intersectsBbox(squareWithHole, [0.5, 0.5, 1.5, 1.5])).toBe(true) // in the ring
    expect(intersectsBbox(squareWithHole, [4, 4, 6, 6])).toBe(false) // in the hole
    expect(intersectsBbox(squareWithHole, [7, 7, 9, 9])).toBe(true) // over the hole's edge
    expect(intersectsBbox(squareWithHole, [-5, -5, 15, 15])).toBe(true) // around it all
  })

  test('a multipolygon matches through any of its parts, and not in the gap between them', () => {
    expect(intersectsBbox(squareWithHole, [20.6, 20.1, 20.9, 20.2])).toBe(true) // inside part 2
    expect(intersectsBbox(squareWithHole, [20.1, 20.6, 20.2, 20.9])).toBe(false) // envelope only
    expect(intersectsBbox(squareWithHole, [12, 12, 18, 18])).toBe(false)
  })

  test('a line meets boxes it crosses or touches, not boxes in its envelope beside it', () => {
    expect(intersectsBbox(diagonal, [8, 1, 9, 2])).toBe(false)
    expect(intersectsBbox(diagonal, [4, 4.5, 6, 5])).toBe(true)
    expect(intersectsBbox(diagonal, [10, 10, 11, 11])).toBe(true) // touches the end point
    expect(intersectsBbox(diagonal, [6, 4, 7, 5])).toBe(false)
  })

  test('a box crossing the antimeridian meets a line on either side', () => {
    const line: GeoJsonGeometry = {
      type: 'LineString',
      coordinates: [
        [-179.5, 0],
        [-179.5, 1],
      ],
    }
    expect(intersectsBbox(line, [179, -1, -179, 2])).toBe(true)
    expect(intersectsBbox(line, [179, -1, -179.9, 2])).toBe(false)
  })

  test('agrees with turf booleanIntersects on 2,000 random boxes', () => {
    const random = mulberry32(7)
    for (const geometry of [triangle, squareWithHole, diagonal]) {
      for (let i = 0; i < 2000; i++) {
        const x = random() * 24 - 2
        const y = random() * 24 - 2
        const box: Bbox = [x, y, x + random() * 3, y + random() * 3]
        const expected = booleanIntersects(
          { type: 'Feature', properties: {}, geometry } as never,
          bboxPolygon(box as [number, number, number, number]),
        )
        expect(intersectsBbox(geometry, box), JSON.stringify(box)).toBe(expected)
      }
    }
  })
})
