import type { Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import type { HexCollection } from '../../../../client/features/stats/api.ts'
import {
  countBreaks,
  countClass,
  countColor,
  countLegend,
  countRamp,
  hexCentres,
  pulseSpots,
  statsLayerIds,
  statsLayers,
} from '../../../../client/features/stats/layers.ts'

function hexes(cells: [lng: number, lat: number, count: number, overdue: number][]): HexCollection {
  return {
    type: 'FeatureCollection',
    features: cells.map(([lng, lat, count, overdue]) => ({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lng - 1, lat],
            [lng, lat - 1],
            [lng + 1, lat],
            [lng, lat + 1],
            [lng - 1, lat],
          ],
        ],
      } satisfies Polygon,
      properties: { count, overdue },
    })),
  }
}

describe('the choropleth colour scale', () => {
  test('classes follow 1-2-5 below the maximum, the finest dropped when there are too many', () => {
    expect(countBreaks(120, 6)).toEqual({ bounds: [5, 10, 20, 50, 100] })
    expect(countBreaks(60, 6)).toEqual({ bounds: [2, 5, 10, 20, 50] })
    expect(countBreaks(4, 6)).toEqual({ bounds: [1, 2] })
    expect(countBreaks(1, 6)).toEqual({ bounds: [] })
    expect(countBreaks(0, 6)).toEqual({ bounds: [] })
  })

  test.each([
    [0, -1],
    [1, 0],
    [5, 0],
    [6, 1],
    [50, 3],
    [51, 4],
    [100, 4],
    [101, 5],
    [10_000, 5],
  ])('with bounds 5, 10, 20, 50, 100 a count of %i is class %i', (count, cls) => {
    expect(countClass(count, { bounds: [5, 10, 20, 50, 100] })).toBe(cls)
  })

  test('zero is transparent; the lowest and highest classes take the ends of the ramp', () => {
    const breaks = { bounds: [5, 10, 20, 50, 100] }
    expect(countColor(0, breaks)[3]).toBe(0)
    expect(countColor(1, breaks, countRamp, 255)).toEqual(countRamp[0])
    expect(countColor(999, breaks, countRamp, 255)).toEqual(countRamp.at(-1))
  })

  test('with a single class every count takes the top colour', () => {
    expect(countColor(1, { bounds: [] }, countRamp, 255)).toEqual(countRamp.at(-1))
  })

  test('more issues never get an earlier colour of the ramp', () => {
    const breaks = countBreaks(300)
    const index = (n: number) =>
      countRamp.findIndex((c) => c.join() === countColor(n, breaks, countRamp, 255).join())
    for (let n = 1; n < 400; n++) expect(index(n + 1)).toBeGreaterThanOrEqual(index(n))
  })

  test('the legend names each class, the last open-ended', () => {
    expect(countLegend({ bounds: [5, 10] }).map((c) => c.label)).toEqual(['1–5', '6–10', '≥ 11'])
    expect(countLegend({ bounds: [1, 2] }).map((c) => c.label)).toEqual(['1', '2', '≥ 3'])
    expect(countLegend({ bounds: [] }).map((c) => c.label)).toEqual(['≥ 1'])
  })
})

describe('the wall map layers', () => {
  test('a hexagon is placed at the mean of its distinct corners', () => {
    expect(hexCentres(hexes([[100, 25, 3, 1]]))[0]).toEqual({
      position: [100, 25],
      count: 3,
      overdue: 1,
    })
  })

  test('pulses go to the cells with the most overdue issues, at most the cap', () => {
    const bins = hexes([
      [100, 25, 9, 0],
      [100.1, 25, 9, 2],
      [100.2, 25, 9, 7],
      [100.3, 25, 9, 5],
    ])
    expect(pulseSpots(bins, 2).map((p) => p.overdue)).toEqual([7, 5])
    expect(pulseSpots(undefined)).toEqual([])
  })

  test.each(['heatmap', 'hexagon', 'grids'] as const)(
    'showing %s keeps every layer id and hides the other views',
    (shown) => {
      const layers = statsLayers({
        shown,
        scale: 2,
        heatBins: hexes([[100, 25, 4, 1]]),
        hexagons: hexes([[100, 25, 4, 1]]),
        overdueDots: true,
      })
      expect(layers.map((l) => l.id)).toEqual([
        statsLayerIds.grids,
        statsLayerIds.hexagons,
        statsLayerIds.heatmap,
        statsLayerIds.overdue,
      ])
      const visible = Object.fromEntries(layers.map((l) => [l.id, l.props.visible]))
      expect(visible).toEqual({
        [statsLayerIds.grids]: shown === 'grids',
        [statsLayerIds.hexagons]: shown === 'hexagon',
        [statsLayerIds.heatmap]: shown === 'heatmap',
        [statsLayerIds.overdue]: true,
      })
    },
  )

  test('county-wide, the overdue dots stay off (the pulses mark the worst places)', () => {
    const layers = statsLayers({
      shown: 'heatmap',
      scale: 1,
      heatBins: hexes([[100, 25, 4, 1]]),
      overdueDots: false,
    })
    expect(layers.find((l) => l.id === statsLayerIds.overdue)?.props.visible).toBe(false)
  })
})
