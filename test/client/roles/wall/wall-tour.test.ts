import type { Geometry } from 'geojson'
import { describe, expect, test } from 'vitest'
import {
  geometryBBox,
  nextStop,
  tourStart,
  tourStops,
} from '../../../../client/roles/wall/wall-tour.ts'

function township(code: string | undefined, geometry: Geometry | null, name = `乡镇${code}`) {
  return { geometry, properties: { code, name } }
}

const square = (x: number, y: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
})

describe('the township tour', () => {
  test('visits the townships in code order, each with its bounding box', () => {
    const stops = tourStops([
      township('532927201', square(100, 25), '紫金乡'),
      township('532927101', square(99, 24), '南诏镇'),
    ])
    expect(stops).toEqual([
      { code: '532927101', name: '南诏镇', bbox: [99, 24, 100, 25] },
      { code: '532927201', name: '紫金乡', bbox: [100, 25, 101, 26] },
    ])
  })

  test('skips a township without a code or a geometry', () => {
    expect(tourStops([township(undefined, square(0, 0)), township('532927102', null)])).toEqual([])
    expect(tourStops(undefined)).toEqual([])
  })

  test('a multipolygon box covers every part', () => {
    expect(
      geometryBBox({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 1],
            ],
          ],
          [
            [
              [5, -3],
              [6, -3],
              [6, 0],
              [5, -3],
            ],
          ],
        ],
      }),
    ).toEqual([1, -3, 6, 2])
  })

  test('starts at the township in the URL, else the first', () => {
    const stops = tourStops([
      township('532927101', square(0, 0)),
      township('532927102', square(1, 1)),
    ])
    expect(tourStart(stops, '532927102')).toBe(1)
    expect(tourStart(stops, '532927999')).toBe(0)
    expect(tourStart(stops, undefined)).toBe(0)
  })

  test.each([
    [0, 10, 1],
    [9, 10, 0],
    [3, 0, 0],
    [-1, 10, 0],
  ])('after stop %i of %i comes %i', (index, count, next) => {
    expect(nextStop(index, count)).toBe(next)
  })
})
