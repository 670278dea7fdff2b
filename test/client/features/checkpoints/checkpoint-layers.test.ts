import { describe, expect, test } from 'vitest'
import type {
  CheckpointCollection,
  CheckpointFeature,
} from '../../../../client/features/checkpoints/api.ts'
import { checkpointDetails } from '../../../../client/features/checkpoints/checkpoint-details.ts'
import {
  checkpointColor,
  checkpointLayerIds,
  checkpointLayers,
  checkpointLegend,
  checkStatusColors,
  fixedIconAtlas,
} from '../../../../client/features/checkpoints/layers.ts'
import { checkpointCategories } from '../../../../server/domain/checkpoint.ts'
import { buildCheckpoint } from '../../../builders.ts'

const checkpoints = {
  type: 'FeatureCollection',
  features: [
    buildCheckpoint({ properties: { kind: 'fixed', category: 'market' } }),
    buildCheckpoint({ properties: { kind: 'random', category: 'back-lane' } }),
    buildCheckpoint({ properties: { kind: 'random', category: 'urban-village' } }),
  ],
} as unknown as CheckpointCollection

describe('checkpoint layers', () => {
  const [random, fixed] = checkpointLayers(checkpoints, {
    fixedVisible: true,
    randomVisible: false,
  })

  test('fixed points are icons (filled squares), random points rings, with stable ids', () => {
    expect(fixed?.id).toBe(checkpointLayerIds.fixed)
    expect(fixed?.constructor.name).toBe('IconLayer')
    expect(random?.id).toBe(checkpointLayerIds.random)
    expect(random?.constructor.name).toBe('ScatterplotLayer')
    expect(random?.props).toMatchObject({ stroked: true, getFillColor: [255, 255, 255, 235] })
  })

  test('each layer gets its own kind of point', () => {
    const kinds = (layer: typeof fixed) =>
      ((layer?.props.data ?? []) as CheckpointFeature[]).map((f) => f.properties.kind)
    expect(kinds(fixed)).toEqual(['fixed'])
    expect(kinds(random)).toEqual(['random', 'random'])
  })

  test('toggles only change visibility', () => {
    expect(fixed?.props.visible).toBe(true)
    expect(random?.props.visible).toBe(false)
  })

  test('colours follow the category', () => {
    const [a, b, c] = checkpoints.features
    expect(checkpointColor(a as CheckpointFeature)).not.toEqual(
      checkpointColor(b as CheckpointFeature),
    )
    expect(checkpointColor(b as CheckpointFeature)).not.toEqual(
      checkpointColor(c as CheckpointFeature),
    )
  })

  test('the icon atlas is an inline SVG with a square for every category', () => {
    const atlas = fixedIconAtlas()
    expect(atlas.url.startsWith('data:image/svg+xml')).toBe(true)
    expect(decodeURIComponent(atlas.url)).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
    for (const category of checkpointCategories) expect(atlas.mapping[category]).toBeDefined()
    expect(atlas.mapping.unknown).toBeDefined()
  })

  test('legends list only the categories of their kind, in Chinese', () => {
    const fixedLabels = checkpointLegend('fixed').map((s) => s.label)
    const randomLabels = checkpointLegend('random').map((s) => s.label)
    expect(fixedLabels).toContain('农贸市场')
    expect(fixedLabels).not.toContain('背街小巷')
    expect(randomLabels).toContain('背街小巷')
    expect(new Set(checkpointLegend('random').map((s) => s.shape))).toEqual(new Set(['ring']))
    expect(new Set(checkpointLegend('fixed').map((s) => s.shape))).toEqual(new Set(['square']))
  })
})

test('checkpoint details name the kind and category in Chinese', () => {
  const details = checkpointDetails(checkpoints.features[1] as unknown as CheckpointFeature)
  expect(details.kind).toBe('随机点位')
  expect(details.rows.find((r) => r.key === 'category')?.value).toBe('背街小巷')
})

describe('点位测评 status halos', () => {
  test('with statuses, a halo under the shown points coloured by status; absent points are never', () => {
    const [fixedPoint, firstRandom] = checkpoints.features
    const statuses = new Map([[String(fixedPoint?.id), 'failing' as const]])
    const [halo] = checkpointLayers(checkpoints, {
      fixedVisible: true,
      randomVisible: true,
      checkStatuses: statuses,
    })
    if (!halo) throw new Error('no layers')
    expect(halo.id).toBe(checkpointLayerIds.status)
    const color = (halo.props as unknown as { getLineColor: (f: CheckpointFeature) => number[] })
      .getLineColor
    expect(color(fixedPoint as CheckpointFeature)).toEqual(checkStatusColors.failing)
    expect(color(firstRandom as CheckpointFeature)).toEqual(checkStatusColors.never)
    expect((halo.props.data as unknown[]).length).toBe(3)
  })

  test('without statuses there is no halo layer', () => {
    const layers = checkpointLayers(checkpoints, { fixedVisible: true, randomVisible: true })
    expect(layers.map((l) => l.id)).not.toContain(checkpointLayerIds.status)
  })
})
