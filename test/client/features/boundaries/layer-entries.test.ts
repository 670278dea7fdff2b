import { describe, expect, test } from 'vitest'
import type { PlaceCollection } from '../../../../client/features/boundaries/api.ts'
import {
  boundaryLayerEntry,
  villageLayerEntry,
} from '../../../../client/features/boundaries/place-layer-entries.ts'
import type { CheckpointCollection } from '../../../../client/features/checkpoints/api.ts'
import { checkpointLayerEntry } from '../../../../client/features/checkpoints/checkpoint-layer-entry.ts'
import type { GridCollection } from '../../../../client/features/grids/api.ts'
import { gridLayerEntry } from '../../../../client/features/grids/grid-layer-entry.ts'
import {
  issueHeatmapLayerEntry,
  issuePointsLayerEntry,
} from '../../../../client/features/issues/issue-layer-entries.ts'
import { issueCountsOf } from '../../../../client/features/issues/use-issue-counts.ts'
import type { CheckpointKind } from '../../../../server/domain/checkpoint.ts'
import { buildCheckpoint, buildGrid } from '../../../builders.ts'

function collectionOf<C>(features: unknown[]): C {
  return { type: 'FeatureCollection', features } as unknown as C
}

const checkpointsOf = (...kinds: CheckpointKind[]) =>
  collectionOf<CheckpointCollection>(kinds.map((kind) => buildCheckpoint({ properties: { kind } })))

describe('checkpoint layer entry', () => {
  test.each([
    ['fixed', '固定点位（必检点）', '1 个'],
    ['random', '随机点位（候选池）', '2 个'],
  ] as const)('%s points are titled %s and counted on their own', (kind, title, count) => {
    const entry = checkpointLayerEntry(kind, checkpointsOf('fixed', 'random', 'random'))
    expect(entry).toMatchObject({ title, count, empty: undefined })
    expect(entry.swatches.every((s) => s.shape === (kind === 'fixed' ? 'square' : 'ring'))).toBe(
      true,
    )
  })

  test.each([
    ['fixed', 'random', '服务返回的 2 个测评点位中没有固定点位。'],
    ['random', 'fixed', '服务返回的 2 个测评点位中没有随机点位。'],
  ] as const)('with no %s points the entry names how many came in all', (kind, other, empty) => {
    const onlyOther = checkpointsOf(other, other)
    expect(checkpointLayerEntry(kind, onlyOther)).toMatchObject({ count: '0 个', empty })
  })

  test('before the collection has loaded both kinds count 0 of 0', () => {
    expect(checkpointLayerEntry('random', undefined)).toMatchObject({
      count: '0 个',
      empty: '服务返回的 0 个测评点位中没有随机点位。',
    })
  })
})

describe('issue layer entries', () => {
  test('the heatmap counts open issues; the points layer counts the matching ones', () => {
    const counts = { all: 5, matched: 3, open: 2 }
    expect(issueHeatmapLayerEntry(counts)).toMatchObject({ count: '2 条', records: 5 })
    expect(issuePointsLayerEntry(counts, 14)).toMatchObject({ count: '3 条', records: 5 })
  })

  test('a heatmap over closed issues only says there is nothing left to show', () => {
    expect(issueHeatmapLayerEntry({ all: 1, matched: 1, open: 0 }).empty).toBe(
      '所有问题均已销号，没有需要显示的密度。',
    )
  })

  test('while the counts load nothing is called empty', () => {
    expect(issueHeatmapLayerEntry({}).empty).toBeUndefined()
    expect(issuePointsLayerEntry({}, 9).records).toBeUndefined()
  })

  // past 10,000 matches the server leaves numberMatched out: the count is a lower bound
  const exact = (matched: number) => ({ matched, atLeast: false })
  const capped = { matched: 10_000, atLeast: true }

  test('exact counts: open issues are the matching ones less the closed ones', () => {
    expect(issueCountsOf(exact(50_000), exact(300), exact(100), undefined)).toEqual({
      all: 50_000,
      matched: 300,
      open: 200,
    })
  })

  test('more matches than the server counts: the panel says 以上, open is a lower bound', () => {
    const counts = issueCountsOf(exact(50_000), capped, exact(4000), undefined)
    expect(counts).toMatchObject({ matched: 10_000, open: 6000 })
    expect(issuePointsLayerEntry(counts, 14).count).toBe('10,000 条以上')
    expect(issueHeatmapLayerEntry(counts).count).toBe('6,000 条以上')
  })

  test('when the closed issues are past the limit too, the open count is not made up', () => {
    const counts = issueCountsOf(exact(50_000), capped, capped, undefined)
    expect(counts.open).toBeUndefined()
    expect(issueHeatmapLayerEntry(counts).count).toBe('未计数')
  })

  test('an exact open count from the live tally replaces the unknown or bounded one', () => {
    const unknown = issueCountsOf(exact(900_000), exact(900_000), capped, undefined, 123_456)
    expect(unknown).toEqual({ all: 900_000, matched: 900_000, open: 123_456 })
    expect(issueHeatmapLayerEntry(unknown).count).toBe('123,456 条')
    const bounded = issueCountsOf(exact(50_000), capped, exact(4000), undefined, 7000)
    expect(issueHeatmapLayerEntry(bounded).count).toBe('7,000 条')
    // an exact difference is kept: the tally is only asked for what the items could not count
    expect(issueCountsOf(exact(50_000), exact(300), exact(100), undefined, 999).open).toBe(200)
  })

  test('a status filter makes the open count the matched one, or none for closed', () => {
    expect(issueCountsOf(exact(50_000), capped, undefined, 'pending')).toMatchObject({
      open: 10_000,
      atLeast: { open: true },
    })
    expect(issueCountsOf(exact(50_000), capped, undefined, 'closed').open).toBe(0)
  })

  test.each([
    [9, '放大到 13 级及以上显示单个问题（当前 9.0 级）'],
    [13, undefined],
  ])('at zoom %s the points layer hints: %s', (zoom, note) => {
    expect(issuePointsLayerEntry({ all: 1, matched: 1, open: 1 }, zoom).note).toBe(note)
  })
})

describe('grid and place layer entries', () => {
  test('grids are counted with Chinese grouping and legend the units in one column', () => {
    const grids = collectionOf<GridCollection>(
      Array.from({ length: 1200 }, (_, i) => buildGrid({ id: `grid-${i}` })),
    )
    expect(gridLayerEntry(grids, (code) => code)).toMatchObject({
      count: '1,200 个',
      records: 1200,
      legendColumns: 1,
    })
  })

  test('the boundary entry counts neighbours but reports the county as its records', () => {
    const neighbors = collectionOf<PlaceCollection>([{}, {}, {}])
    expect(boundaryLayerEntry(undefined, neighbors)).toMatchObject({
      count: '周边 3 县市',
      records: 0,
    })
  })

  test.each([
    [10.5, '放大到 11 级显示村名（当前 10.5 级）'],
    [11, undefined],
  ])('at zoom %s the village entry hints: %s', (zoom, note) => {
    expect(villageLayerEntry(collectionOf<PlaceCollection>([{}]), zoom).note).toBe(note)
  })
})
