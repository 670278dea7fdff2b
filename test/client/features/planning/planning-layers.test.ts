import { describe, expect, test } from 'vitest'
import type { Candidate } from '../../../../client/features/planning/api.ts'
import {
  candidateCircleLayer,
  candidatePoints,
} from '../../../../client/features/planning/candidate-layer.ts'
import {
  drawLayers,
  forecastLegend,
  forecastTownshipLayers,
  planningLayerIds,
  roadLabelLayer,
  roadLabelOf,
  starAtlas,
  starLayers,
  toForecastAreas,
  toRoadLabelSource,
} from '../../../../client/features/planning/layers.ts'
import { scoreColor } from '../../../../client/features/planning/score-colors.ts'
import { toCssColor } from '../../../../client/lib/legend.ts'

function buildCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    checkpointId: 'cp-0001',
    name: '农贸市场（示例）',
    kind: 'fixed',
    category: 'market',
    townshipCode: '532927101',
    townshipName: '南诏镇',
    gridCode: '532927101001001',
    lngLat: [100.3, 25.22],
    score: 80,
    factors: { density: 1, closure: 0.5, overdue: 1, category: 1, location: 1, spacing: 1 },
    raw: {
      recentIssues: 0,
      openIssues: 0,
      overdueIssues: 0,
      gridClosureRate: 0.5,
      gridOverdue: 0,
      inRadius: true,
      onCorridor: false,
      nearestChosenM: null,
    },
    chosen: false,
    ...overrides,
  }
}

describe('planning layers', () => {
  test('candidates are circles filled by their score, 120 m across between 3.5 and 7 px', () => {
    const points = candidatePoints([buildCandidate({ score: 30 })])
    expect(points.features[0]?.properties).toEqual({
      id: 'cp-0001',
      color: toCssColor(scoreColor(30, 255)),
    })
    const layer = candidateCircleLayer('src', { visible: true, lat: 25.2 })
    const paint = layer.type === 'circle' ? layer.paint : undefined
    const [, , , z1, px1, z2, px2] = (paint?.['circle-radius'] ?? []) as number[]
    expect([px1, px2]).toEqual([3.5, 7])
    expect((z2 ?? 0) - (z1 ?? 0)).toBeCloseTo(1, 9) // 7 px is twice 3.5 px: one zoom further in
    // at the first stop 120 m of ground is 3.5 px wide
    const metresPerPx = (40_075_016.7 * Math.cos((25.2 * Math.PI) / 180)) / 512 / 2 ** (z1 ?? 0)
    expect(120 / metresPerPx).toBeCloseTo(3.5, 6)
    const dimmed = candidateCircleLayer('src', { visible: true, dimmed: true, lat: 25.2 })
    const opacity = (l: typeof layer) => (l.type === 'circle' ? l.paint?.['circle-opacity'] : 0)
    expect(opacity(dimmed)).toBeLessThan(opacity(layer) as number)
    const hidden = candidateCircleLayer('src', { visible: false, lat: 25.2 })
    expect(hidden.layout?.visibility).toBe('none')
  })

  test('the star atlas has one cell per star kind, side by side', () => {
    const { url, mapping } = starAtlas()
    expect(url.startsWith('data:image/svg+xml')).toBe(true)
    expect(Object.keys(mapping)).toEqual(['plan', 'onlyA', 'onlyB', 'both'])
    expect(mapping.onlyB.x).toBe(2 * mapping.onlyB.width)
  })

  test('no plan, no star layers (deck.gl need not start); otherwise a ring under each star', () => {
    expect(starLayers([], { visible: true })).toEqual([])
    const stars = starLayers([{ id: 'cp-1', lngLat: [100, 25], kind: 'both' }], { visible: true })
    expect(stars.map((l) => l.id)).toEqual([planningLayerIds.planRings, planningLayerIds.planStars])
    const [draw] = drawLayers([{ id: 'cp-2', lngLat: [100, 25], state: 'bad' }], { visible: true })
    expect(draw?.id).toBe(planningLayerIds.drawRings)
  })

  test('road names are a MapLibre line label per road (collision-checked), always saying synthetic', () => {
    const source = toRoadLabelSource({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [100.3, 25.2],
              [100.4, 25.3],
            ],
          },
          properties: { name: '县城—永建镇（示意道路）' },
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [100, 25] }, properties: {} },
      ],
    })
    expect(source.features.map((f) => f.properties?.label)).toEqual(['永建镇（示意道路）'])
    const layer = roadLabelLayer(['Noto'], { visible: false, scale: 2 })
    expect(layer.layout?.['symbol-placement']).toBe('line')
    expect(layer.layout?.['text-allow-overlap']).toBeUndefined() // MapLibre's default: no overlap
    expect(layer.layout?.visibility).toBe('none')
    expect(layer.layout?.['text-size']).toBe(24)
    expect(roadLabelOf({ name: '县城—庙街镇（示意道路）' })).toBe('庙街镇（示意道路）')
    expect(roadLabelOf({ name: '县城—庙街镇' })).toBe('庙街镇（示意道路）')
    expect(roadLabelOf(null)).toBe('示意道路')
  })

  test('townships are ranked on the ramp between the lowest and highest forecast', () => {
    const square = (x: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 0],
        ],
      ],
    })
    const township = (code: string, expected: number) => ({
      code,
      name: '',
      expected,
      low: expected - 1,
      high: expected + 1,
      fixedMean: 0.6,
      randomMean: 0.6,
    })
    const areas = toForecastAreas(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: square(0), properties: { code: 'a', name: '甲镇' } },
          { type: 'Feature', geometry: square(1), properties: { code: 'b', name: '乙乡' } },
          { type: 'Feature', geometry: square(2), properties: { code: 'c', name: '丙乡' } },
          { type: 'Feature', geometry: square(3), properties: { code: 'none', name: '无预测' } },
        ],
      },
      [township('a', 20), township('b', 30), township('c', 25)],
    )
    expect(areas.map((f) => [f.properties.name, f.properties.rank])).toEqual([
      ['甲镇', 0],
      ['乙乡', 100],
      ['丙乡', 50],
    ])
    const [layer] = forecastTownshipLayers(areas, { visible: true })
    expect(layer?.id).toBe(planningLayerIds.forecastTownships)
    expect(layer?.props.pickable).toBe(true)
    expect(forecastLegend([township('a', 20), township('b', 30)], 46.3)[0]?.label).toBe(
      '乡镇预期得分 20.0 → 30.0（满分 46.3）',
    )
    expect(forecastLegend([], 46.3)).toEqual([])
  })
})
