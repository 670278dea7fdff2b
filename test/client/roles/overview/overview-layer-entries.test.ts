import { describe, expect, test, vi } from 'vitest'
import { emptyLedgerFilter } from '../../../../client/features/issues/ledger-filter.ts'
import {
  layerToggleIds,
  ledgerFilterNotice,
  overviewLayerEntries,
  withLayerToggled,
} from '../../../../client/roles/overview/overview-layer-entries.ts'
import type { OverviewCollections } from '../../../../client/roles/overview/use-overview-collections.ts'
import { allSynthetic } from '../../../../server/domain/layer-status.ts'
import { buildCheckpoint, buildGrid } from '../../../builders.ts'

interface QueryState {
  data?: { type: 'FeatureCollection'; features: unknown[] }
  error?: Error
  pending?: boolean
}

// only the fields the layer panel reads from a TanStack query result
function buildQuery({ data, error, pending = false }: QueryState = {}) {
  return {
    data,
    error: error ?? null,
    isError: Boolean(error),
    isPending: pending,
    refetch: vi.fn(),
  }
}

function buildCollections(
  overrides: Partial<Record<keyof OverviewCollections, QueryState>> = {},
): OverviewCollections {
  const ids = [
    'county',
    'neighbors',
    'rivers',
    'seats',
    'townships',
    'villages',
    'radii',
    'grids',
    'checkpoints',
  ] as const
  const loaded = (id: (typeof ids)[number]) => ({
    type: 'FeatureCollection' as const,
    features: [id === 'grids' ? buildGrid() : { properties: {} }], // grids legend their unit
  })
  return Object.fromEntries(
    ids.map((id) => [id, buildQuery(overrides[id] ?? { data: loaded(id) })]),
  ) as unknown as OverviewCollections
}

const entriesFor = (collections: OverviewCollections, visible = new Set<string>(layerToggleIds)) =>
  overviewLayerEntries({
    collections,
    visible,
    zoom: 12,
    unitName: (code) => code,
    issueCounts: { all: 2, matched: 2, open: 1 },
    issueQueries: [buildQuery({}) as never],
    layers: allSynthetic,
  })

describe('overview layer entries', () => {
  test('the list runs base map first, then the thematic layers, in the toggle order', () => {
    const entries = entriesFor(buildCollections())
    expect(entries.map((e) => e.id)).toEqual([...layerToggleIds])
    expect(entries.map((e) => e.group)).toEqual([
      ...Array(4).fill('底图'),
      ...Array(6).fill('专题图层'),
    ])
  })

  test('fixed and random check points are two entries over the same collection', () => {
    const checkpoints = {
      type: 'FeatureCollection' as const,
      features: [buildCheckpoint({ properties: { kind: 'fixed' } })],
    }
    const entries = entriesFor(buildCollections({ checkpoints: { data: checkpoints } }))
    const byId = Object.fromEntries(entries.map((e) => [e.id, e]))
    expect(byId.fixed).toMatchObject({ progressId: 'checkpoints', count: '1 个', empty: undefined })
    expect(byId.random).toMatchObject({
      progressId: 'checkpoints',
      count: '0 个',
      empty: '服务返回的 1 个测评点位中没有随机点位。',
    })
  })

  test('a layer whose collection came back empty says the database lacks it', () => {
    const empty = { type: 'FeatureCollection' as const, features: [] }
    const grids = entriesFor(buildCollections({ grids: { data: empty } })).find(
      (e) => e.id === 'grids',
    )
    expect(grids?.empty).toMatch(/^服务返回 0 条记录/)
  })

  test.each([
    [{ pending: true }, 'loading'],
    [{ error: new Error('网络错误') }, 'error'],
    [{}, 'ready'],
  ] as const)('a source in state %o makes the entry %s', (state, status) => {
    const entries = entriesFor(buildCollections({ seats: state }))
    // seats feed both the county boundaries and the townships (their labels)
    expect(entries.filter((e) => e.status === status).map((e) => e.id)).toEqual(
      status === 'ready' ? [...layerToggleIds] : ['boundaries', 'townships'],
    )
  })

  test('retry refetches only the sources that failed', () => {
    const collections = buildCollections({ neighbors: { error: new Error('超时') } })
    const boundaries = entriesFor(collections).find((e) => e.id === 'boundaries')
    expect(boundaries?.error).toBe('超时')
    boundaries?.onRetry?.()
    expect(collections.neighbors.refetch).toHaveBeenCalledOnce()
    expect(collections.county.refetch).not.toHaveBeenCalled()
  })

  test('entries are visible as the visible set says', () => {
    const entries = entriesFor(buildCollections(), new Set(['random', 'issues']))
    expect(entries.filter((e) => e.visible).map((e) => e.id)).toEqual(['random', 'issues'])
  })
})

describe('layer toggles and the ledger notice', () => {
  test('toggling keeps the list order, whatever order the set was built in', () => {
    expect(withLayerToggled(new Set(['issues', 'grids']), 'radii', true)).toEqual([
      'radii',
      'grids',
      'issues',
    ])
    expect(withLayerToggled(new Set(['issues', 'grids']), 'issues', false)).toEqual(['grids'])
  })

  test('the notice appears only while the ledger filter narrows the issues', () => {
    const counts = { all: 2, matched: 1, open: 1 }
    expect(ledgerFilterNotice(emptyLedgerFilter(), counts)).toBeUndefined()
    expect(ledgerFilterNotice({ ...emptyLedgerFilter(), status: 'fixing' }, counts)).toBe(
      '问题图层已按“问题台账”的筛选条件显示 1 / 2 条。',
    )
    expect(ledgerFilterNotice({ ...emptyLedgerFilter(), q: '占道' }, counts)).toBe(
      '问题图层已按“问题台账”的筛选条件显示 1 / 2 条（文字搜索只作用于台账列表）。',
    )
  })
})

describe('示意 per layer (GET /api/place layers)', () => {
  const townshipEntry = (layers: typeof allSynthetic) =>
    overviewLayerEntries({
      collections: buildCollections(),
      visible: new Set(layerToggleIds),
      zoom: 12,
      unitName: (code) => code,
      issueCounts: { all: 2, matched: 2, open: 1 },
      issueQueries: [buildQuery({}) as never],
      layers,
    }).find((e) => e.id === 'townships')

  test('the townships entry says 示意 while the layer is synthetic, and not once it is the county’s own', () => {
    const synthetic = townshipEntry(allSynthetic)
    expect(synthetic?.title).toBe('乡镇（示意界线）')
    expect(synthetic?.swatches?.[0]?.label).toBe('乡镇界（示意）')
    const real = townshipEntry({ ...allSynthetic, townships: { synthetic: false } })
    expect(real?.title).toBe('乡镇界')
    expect(JSON.stringify(real?.swatches)).not.toContain('示意')
  })
})
