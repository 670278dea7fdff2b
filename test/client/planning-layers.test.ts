import { describe, expect, test } from 'vitest'
import type { Candidate } from '../../client/features/planning/api.ts'
import {
  candidateLayers,
  drawLayers,
  lineMidpoint,
  planningLayerIds,
  roadLabelOf,
  starAtlas,
  starLayers,
} from '../../client/features/planning/layers.ts'
import { scoreColor } from '../../client/features/planning/score-colors.ts'

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
  test('candidates are filled by their score and dimmed on other tabs', () => {
    const [layer] = candidateLayers([buildCandidate({ score: 30 })], { visible: true })
    expect(layer?.id).toBe(planningLayerIds.candidates)
    if (!layer) throw new Error('no candidate layer')
    const fill = (layer.props as unknown as { getFillColor: (c: Candidate) => number[] })
      .getFillColor
    expect(fill(buildCandidate({ score: 30 }))).toEqual(scoreColor(30, 235))
    const [dimmed] = candidateLayers([buildCandidate()], { visible: true, dimmed: true })
    expect(dimmed?.props.pickable).toBe(false)
  })

  test('the star atlas has one cell per star kind, side by side', () => {
    const { url, mapping } = starAtlas()
    expect(url.startsWith('data:image/svg+xml')).toBe(true)
    expect(Object.keys(mapping)).toEqual(['plan', 'onlyA', 'onlyB', 'both'])
    expect(mapping.onlyB.x).toBe(2 * mapping.onlyB.width)
  })

  test('stars draw a ring under each star, and drawn points a ring each', () => {
    const stars = starLayers([{ id: 'cp-1', lngLat: [100, 25], kind: 'both' }], { visible: true })
    expect(stars.map((l) => l.id)).toEqual([planningLayerIds.planRings, planningLayerIds.planStars])
    const [draw] = drawLayers([{ id: 'cp-2', lngLat: [100, 25], state: 'bad' }], { visible: true })
    expect(draw?.id).toBe(planningLayerIds.drawRings)
  })

  test('a road is labelled along its way and always says it is synthetic', () => {
    expect(
      lineMidpoint({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
      }),
    ).toEqual([1, 1])
    expect(roadLabelOf({ name: '县城—庙街镇（示意道路）' })).toBe('庙街镇（示意道路）')
    expect(roadLabelOf({ name: '县城—庙街镇' })).toBe('庙街镇（示意道路）')
    expect(roadLabelOf(null)).toBe('示意道路')
  })
})
