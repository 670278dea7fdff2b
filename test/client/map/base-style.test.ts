import { describe, expect, test } from 'vitest'
import {
  baseLayerGroups,
  baseSourceIds,
  baseStyle,
  deckBeforeIds,
  pickableBaseLayers,
} from '../../../client/map/base-style.ts'
import { themes } from '../../../client/map/themes.ts'

const style = baseStyle(themes.light)
const ids = style.layers.map((layer) => layer.id)

describe('base style', () => {
  test('has no glyphs, sprite or tiles: labels are drawn locally and data comes from our GeoJSON', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson')
  })

  test('holds the data it is given from the start, and leaves the other sources empty', () => {
    const seats = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: { code: '1', label: '甲' },
          geometry: { type: 'Point' as const, coordinates: [100, 25] },
        },
      ],
    }
    const filled = baseStyle(themes.dark, { data: { seats } })
    for (const id of baseSourceIds) {
      const source = filled.sources[id] as { data: { features: unknown[] } }
      expect(source.data.features).toHaveLength(id === 'seats' ? 1 : 0)
    }
  })

  test('refers to no remote URL at all', () => {
    for (const theme of Object.values(themes)) {
      expect(JSON.stringify(baseStyle(theme))).not.toMatch(/https?:|\/\/|mapbox:|pmtiles:/)
    }
  })

  test('draws paper, neighbours, mask, townships, county, rivers, villages and seats in that order', () => {
    const order = [
      'background',
      'neighbors-fill',
      'mask-fill',
      'townships-fill',
      'rivers-line',
      'townships-line',
      'county-line',
      'villages-circle',
      'seats-circle',
      'county-seat-dot',
      'rivers-label',
      'villages-label',
      'neighbors-label',
      'seats-label',
    ]
    const positions = order.map((id) => ids.indexOf(id))
    expect(positions).not.toContain(-1)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  test('labels every symbol layer from `label` in the bundled Noto Sans SC', () => {
    const symbols = style.layers.filter((layer) => layer.type === 'symbol')
    expect(symbols.length).toBeGreaterThanOrEqual(5)
    for (const layer of symbols) {
      expect(layer.layout?.['text-font']).toEqual(['Noto Sans SC'])
      expect(layer.layout?.['text-field']).toEqual(['get', 'label'])
    }
  })

  test('shows village names only from zoom 11', () => {
    expect(style.layers.find((l) => l.id === 'villages-label')?.minzoom).toBe(11)
  })

  test('declares one empty GeoJSON source per base source id', () => {
    expect(Object.keys(style.sources).sort()).toEqual([...baseSourceIds].sort())
  })

  test('toggle groups, pick targets and deck.gl anchors name existing layers', () => {
    const named = [
      ...Object.values(baseLayerGroups).flat(),
      ...pickableBaseLayers.points,
      ...pickableBaseLayers.areas,
      ...Object.values(deckBeforeIds),
    ]
    for (const id of named) expect(ids).toContain(id)
  })

  test('every style layer except the background belongs to exactly one toggle group', () => {
    const grouped = Object.values(baseLayerGroups).flat()
    expect(new Set(grouped).size).toBe(grouped.length)
    expect(ids.filter((id) => id !== 'background').sort()).toEqual([...grouped].sort())
  })

  test('scale multiplies pixel sizes for big screens', () => {
    const big = baseStyle(themes.light, { scale: 2 })
    const width = (s: typeof style) =>
      s.layers.find((l) => l.id === 'county-line')?.paint as Record<string, unknown>
    expect(width(big)['line-width']).toBe(2 * Number(width(style)['line-width']))
  })
})
