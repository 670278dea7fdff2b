// The default screen: every layer on one map, with the layer panel and a details side panel.
// A thin composition of the feature folders; the wall, grid-manager and planner screens of later
// issues compose the same pieces differently.
import type { PickingInfo } from '@deck.gl/core'
import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { Feature } from 'geojson'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { departmentUnits } from '../../../server/domain/units.ts'
import {
  countyQuery,
  neighborsQuery,
  type PlaceCollection,
  riversQuery,
  seatsQuery,
  townshipRadiiQuery,
  townshipsQuery,
  villagesQuery,
} from '../../features/boundaries/api.ts'
import {
  baseLegends,
  radiusLabel,
  toBaseSources,
  townshipRadiusLayerIds,
  townshipRadiusLayers,
  townshipRadiusLegend,
} from '../../features/boundaries/layers.ts'
import { type PlaceKind, placeDetails } from '../../features/boundaries/place-details.ts'
import { type CheckpointFeature, checkpointsQuery } from '../../features/checkpoints/api.ts'
import { checkpointDetails } from '../../features/checkpoints/checkpoint-details.ts'
import {
  checkpointLayerIds,
  checkpointLayers,
  checkpointLegend,
  splitCheckpoints,
} from '../../features/checkpoints/layers.ts'
import { type GridFeature, gridsQuery } from '../../features/grids/api.ts'
import { gridDetails } from '../../features/grids/grid-details.ts'
import { gridLayerId, gridLayers, gridLegend } from '../../features/grids/layers.ts'
import { type IssueFeature, issuesQuery } from '../../features/issues/api.ts'
import { issueDetails } from '../../features/issues/issue-details.ts'
import {
  heatmapLegend,
  issueLayerIds,
  issueLayers,
  issueLegend,
  issuePointsMinZoom,
  splitIssues,
} from '../../features/issues/layers.ts'
import type { FeaturePage } from '../../lib/api-client.ts'
import { preloadCharacters } from '../../lib/fonts.ts'
import {
  type DetailRow,
  type FeatureDetails,
  formatCount,
  formatDateTime,
  type NameLookup,
} from '../../lib/format.ts'
import { useUrlState } from '../../lib/url-state.ts'
import { type BaseToggle, baseLayerGroups, deckBeforeIds } from '../../map/base-style.ts'
import { type BBox, type MapClick, MapView } from '../../map/map-view.tsx'
import { selectionLayers } from '../../map/selection-layers.ts'
import { themes } from '../../map/themes.ts'
import { FeaturePanel } from '../../ui/feature-panel.tsx'
import { type LayerEntry, LayerPanel } from '../../ui/layer-panel.tsx'
import { MapCredits } from '../../ui/map-credits.tsx'

export const layerToggleIds = [
  'boundaries',
  'townships',
  'rivers',
  'villages',
  'radii',
  'grids',
  'fixed',
  'random',
  'heatmap',
  'issues',
] as const
type ToggleId = (typeof layerToggleIds)[number]

// County bbox (WGS84), the fallback view until the outline has loaded
const countyBounds: BBox = [99.925562, 24.943778, 100.423664, 25.539712]
const radiusLabelMinZoom = 11 // 1 km circles are too small to name below this
const villageLabelMinZoom = 11

interface Selection {
  collection: string
  id: string
  feature: Feature
}

const pointLayerIds: readonly string[] = [
  issueLayerIds.points,
  checkpointLayerIds.fixed,
  checkpointLayerIds.random,
]
const deckCollections: Record<string, string> = {
  [issueLayerIds.points]: 'issues',
  [checkpointLayerIds.fixed]: 'checkpoints',
  [checkpointLayerIds.random]: 'checkpoints',
  [gridLayerId]: 'grids',
  [townshipRadiusLayerIds.rings]: 'township-radii',
}
const baseCollections: Record<string, PlaceKind> = {
  'villages-circle': 'villages',
  'seats-circle': 'seats',
  'county-seat-dot': 'seats',
  'townships-fill': 'townships',
}

/** 1 at 1366×768; grows with the root font size (see styles.css) so a 4K wall is not tiny. */
function uiScale(): number {
  const rootPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 14
  return Math.min(Math.max(Math.round((rootPx / 14) * 20) / 20, 1), 3)
}

function isSmallScreen(): boolean {
  return window.innerWidth < 900 || window.innerHeight < 560
}

export function OverviewScreen() {
  const [url, setUrl] = useUrlState(layerToggleIds)
  const [scale] = useState(uiScale)
  const [now] = useState(() => new Date())
  const [initialView] = useState(url.view)
  const [zoom, setZoom] = useState(url.view?.zoom ?? 9)
  const [panelCollapsed, setPanelCollapsed] = useState(isSmallScreen)
  const [legendsOpen] = useState(() => window.innerHeight >= 900)
  const [selection, setSelection] = useState<Selection | undefined>()

  const visible = useMemo(() => new Set<string>(url.layers ?? layerToggleIds), [url.layers])
  const isOn = (id: ToggleId) => visible.has(id)

  const county = useQuery(countyQuery())
  const neighbors = useQuery(neighborsQuery())
  const rivers = useQuery(riversQuery())
  const seats = useQuery(seatsQuery())
  const townships = useQuery(townshipsQuery())
  const villages = useQuery(villagesQuery())
  const radii = useQuery(townshipRadiiQuery())
  const grids = useQuery(gridsQuery())
  const checkpoints = useQuery(checkpointsQuery())
  const issues = useQuery(issuesQuery())
  const all = [
    county,
    neighbors,
    rivers,
    seats,
    townships,
    villages,
    radii,
    grids,
    checkpoints,
    issues,
  ]
  const settled = all.every((q) => !q.isPending)

  // Base map sources, one memo each so a late collection does not refill the others
  const countySources = useMemo(
    () => toBaseSources({ county: county.data, neighbors: neighbors.data }),
    [county.data, neighbors.data],
  )
  const riverSources = useMemo(() => toBaseSources({ rivers: rivers.data }), [rivers.data])
  const seatSources = useMemo(() => toBaseSources({ seats: seats.data }), [seats.data])
  const townshipSources = useMemo(
    () => toBaseSources({ townships: townships.data }),
    [townships.data],
  )
  const villageSources = useMemo(() => toBaseSources({ villages: villages.data }), [villages.data])
  const baseSources = useMemo(
    () => ({
      ...countySources,
      ...riverSources,
      ...seatSources,
      ...townshipSources,
      ...villageSources,
    }),
    [countySources, riverSources, seatSources, townshipSources, villageSources],
  )
  const baseVisibility = useMemo(
    () =>
      Object.fromEntries(Object.keys(baseLayerGroups).map((id) => [id, visible.has(id)])) as Record<
        BaseToggle,
        boolean
      >,
    [visible],
  )

  const lookup = useNameLookup(townships.data, villages.data, grids.data, checkpoints.data)

  // deck.gl TextLayer draws radius labels from the same font: load their characters first
  const radiusLabelsReady = usePreloaded(
    useMemo(
      () => (radii.data?.features ?? []).map((f) => radiusLabel(f.properties, lookup.township)),
      [radii.data, lookup],
    ),
  )

  const highZoom = zoom >= issuePointsMinZoom
  const labelZoom = zoom >= radiusLabelMinZoom
  const selectedFeature = selection?.feature
  const layers = useMemo(
    () => [
      ...gridLayers(grids.data, {
        visible: visible.has('grids'),
        scale,
        beforeId: deckBeforeIds.areas,
      }),
      ...townshipRadiusLayers(radiusLabelsReady ? radii.data : undefined, {
        visible: visible.has('radii'),
        labelsVisible: labelZoom,
        scale,
        beforeId: deckBeforeIds.overlays,
        townshipName: lookup.township,
      }),
      ...issueLayers(issues.data, {
        heatmapVisible: visible.has('heatmap'),
        pointsVisible: visible.has('issues') && highZoom,
        scale,
        now,
        beforeId: deckBeforeIds.overlays,
        pointsBeforeId: deckBeforeIds.points,
      }),
      ...checkpointLayers(checkpoints.data, {
        fixedVisible: visible.has('fixed'),
        randomVisible: visible.has('random'),
        scale,
        beforeId: deckBeforeIds.points,
      }),
      ...selectionLayers(selectedFeature, scale),
    ],
    [
      grids.data,
      radii.data,
      issues.data,
      checkpoints.data,
      visible,
      scale,
      highZoom,
      labelZoom,
      now,
      lookup,
      radiusLabelsReady,
      selectedFeature,
    ],
  )

  const select = useCallback(
    (next: Selection | undefined) => {
      setSelection(next)
      setUrl({ selected: next ? { collection: next.collection, id: next.id } : undefined })
    },
    [setUrl],
  )

  // Restore a shared selection once its collection has loaded
  const collectionsById: Record<string, FeaturePage | undefined> = {
    issues: issues.data as FeaturePage | undefined,
    checkpoints: checkpoints.data as FeaturePage | undefined,
    grids: grids.data as FeaturePage | undefined,
    'township-radii': radii.data as FeaturePage | undefined,
    villages: villages.data,
    seats: seats.data,
    townships: townships.data,
  }
  const wanted = url.selected
  const wantedData = wanted ? collectionsById[wanted.collection] : undefined
  useEffect(() => {
    if (!wanted || !wantedData || selection) return
    const feature = wantedData.features.find((f) => String(f.id) === wanted.id)
    if (feature) setSelection({ collection: wanted.collection, id: wanted.id, feature })
  }, [wanted, wantedData, selection])

  const collectionsRef = useRef(collectionsById)
  collectionsRef.current = collectionsById
  const onClick = useCallback(
    (click: MapClick) => select(pickSelection(click, collectionsRef.current)),
    [select],
  )

  const details = useMemo(
    () => (selection ? describe(selection, now, lookup, issues.data) : undefined),
    [selection, now, lookup, issues.data],
  )

  const entries = layerEntries({
    isOn,
    zoom,
    queries: {
      county,
      neighbors,
      rivers,
      seats,
      townships,
      villages,
      radii,
      grids,
      checkpoints,
      issues,
    },
    unitName: (code) => lookup.unit?.(code) ?? code,
  })

  const rootPx = 14 * scale
  const padding = {
    top: 2 * rootPx,
    bottom: 5 * rootPx,
    left: panelCollapsed ? 2 * rootPx : 22 * rootPx,
    right: 2 * rootPx,
  }
  const updatedAt = issues.data?.timeStamp

  return (
    <div className="app">
      <header className="app-header">
        <h1>巍山彝族回族自治县 · 文明创建巡查督导一张图</h1>
        <p className="app-header__meta">
          {updatedAt ? `数据获取于 ${formatDateTime(updatedAt)}（北京时间）` : '正在连接数据服务…'}
        </p>
      </header>
      <main className="map-area">
        <MapView
          theme={themes.light}
          scale={scale}
          bounds={countyBounds}
          padding={padding}
          initialView={initialView}
          baseSources={baseSources}
          baseVisibility={baseVisibility}
          layers={layers}
          ready={settled && radiusLabelsReady}
          onViewChange={(view) => {
            setZoom(view.zoom)
            setUrl({ view })
          }}
          onClick={onClick}
        />
        <LayerPanel
          entries={entries}
          onToggle={(id, on) => {
            const next = layerToggleIds.filter((t) => (t === id ? on : visible.has(t)))
            setUrl({ layers: next })
          }}
          collapsed={panelCollapsed}
          onCollapsedChange={setPanelCollapsed}
          legendsOpen={legendsOpen}
        />
        {details && <FeaturePanel details={details} onClose={() => select(undefined)} />}
        <MapCredits />
      </main>
    </div>
  )
}

function usePreloaded(texts: string[]): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let cancelled = false
    setReady(false)
    preloadCharacters(texts).then(() => {
      if (!cancelled) setReady(true)
    })
    return () => {
      cancelled = true
    }
  }, [texts])
  return ready
}

function useNameLookup(
  townships: PlaceCollection | undefined,
  villages: PlaceCollection | undefined,
  grids: { features: GridFeature[] } | undefined,
  checkpoints: { features: CheckpointFeature[] } | undefined,
): NameLookup {
  return useMemo(() => {
    const byCode = (c: PlaceCollection | undefined) =>
      new Map(
        (c?.features ?? []).map((f) => [String(f.properties.code), String(f.properties.name)]),
      )
    const townshipNames = byCode(townships)
    const villageNames = byCode(villages)
    const gridNames = new Map(
      (grids?.features ?? []).map((f) => [f.properties.gridCode, f.properties.name]),
    )
    const checkpointNames = new Map(
      (checkpoints?.features ?? []).map((f) => [String(f.id), f.properties.name]),
    )
    const departments = new Map(departmentUnits.map((u) => [u.code, u.name]))
    return {
      township: (code) => townshipNames.get(code),
      village: (code) => villageNames.get(code),
      grid: (code) => gridNames.get(code),
      checkpoint: (id) => checkpointNames.get(id),
      unit: (code) => {
        const department = departments.get(code)
        if (department) return department
        const township = /^township-(\d{9})$/.exec(code)?.[1]
        const name = township ? townshipNames.get(township) : undefined
        return name ? `${name}人民政府` : undefined
      },
    }
  }, [townships, villages, grids, checkpoints])
}

/** Topmost first: deck.gl points, base-map points, deck.gl areas, then base-map areas. */
function pickSelection(
  click: MapClick,
  collections: Record<string, FeaturePage | undefined>,
): Selection | undefined {
  const fromDeck = (info: PickingInfo | undefined): Selection | undefined => {
    const layerId = info?.layer?.id
    const feature = info?.object as Feature | undefined
    const collection = layerId ? deckCollections[layerId] : undefined
    if (!collection || !feature) return undefined
    return { collection, id: String(feature.id ?? ''), feature }
  }
  const deckPoint = click.deckPicks.find((p) => pointLayerIds.includes(p.layer?.id ?? ''))
  const deckArea = click.deckPicks.find((p) => !pointLayerIds.includes(p.layer?.id ?? ''))
  const fromBase = (points: boolean): Selection | undefined => {
    for (const f of click.baseFeatures) {
      const collection = baseCollections[f.layer.id]
      if (!collection) continue
      if (points === (collection === 'townships')) continue
      const fid = String(f.properties.fid ?? '')
      const original = collections[collection]?.features.find((o) => String(o.id) === fid)
      if (original) return { collection, id: fid, feature: original }
    }
    return undefined
  }
  return fromDeck(deckPoint) ?? fromBase(true) ?? fromDeck(deckArea) ?? fromBase(false)
}

function describe(
  selection: Selection,
  now: Date,
  lookup: NameLookup,
  issues: { features: IssueFeature[] } | undefined,
): FeatureDetails {
  const { collection, feature } = selection
  if (collection === 'issues') return issueDetails(feature as IssueFeature, now, lookup)
  if (collection === 'checkpoints') {
    const details = checkpointDetails(feature as CheckpointFeature, lookup)
    const related = (issues?.features ?? []).filter(
      (i) => i.properties.checkpointId === String(feature.id),
    )
    return { ...details, rows: [...details.rows, issueCountRow(related)] }
  }
  if (collection === 'grids') {
    const details = gridDetails(feature as GridFeature, lookup)
    const code = (feature as GridFeature).properties.gridCode
    const related = (issues?.features ?? []).filter((i) => i.properties.gridCode === code)
    return { ...details, rows: [...details.rows, issueCountRow(related)] }
  }
  return placeDetails(collection as PlaceKind, feature.properties ?? {}, lookup)
}

function issueCountRow(related: IssueFeature[]): DetailRow {
  const open = related.filter((i) => i.properties.status !== 'closed').length
  return {
    key: 'issues',
    label: '问题',
    value: `共 ${formatCount(related.length)} 条，其中未销号 ${formatCount(open)} 条`,
    tone: open > 0 ? 'warn' : undefined,
  }
}

interface EntryInputs {
  isOn: (id: ToggleId) => boolean
  zoom: number
  queries: Record<
    | 'county'
    | 'neighbors'
    | 'rivers'
    | 'seats'
    | 'townships'
    | 'villages'
    | 'radii'
    | 'grids'
    | 'checkpoints'
    | 'issues',
    UseQueryResult<{ features: unknown[] }>
  >
  unitName: (code: string) => string
}

function layerEntries({ isOn, zoom, queries: q, unitName }: EntryInputs): LayerEntry[] {
  const entry = (
    id: ToggleId,
    group: string,
    title: string,
    sources: UseQueryResult<{ features: unknown[] }>[],
    progressId: string,
    rest: Partial<LayerEntry> & Pick<LayerEntry, 'swatches'>,
  ): LayerEntry => {
    const failed = sources.find((s) => s.isError)
    return {
      id,
      group,
      title,
      visible: isOn(id),
      status: failed ? 'error' : sources.some((s) => s.isPending) ? 'loading' : 'ready',
      progressId,
      error: failed?.error instanceof Error ? failed.error.message : undefined,
      onRetry: () => {
        for (const s of sources) if (s.isError) s.refetch()
      },
      ...rest,
    }
  }
  const n = (query: UseQueryResult<{ features: unknown[] }>) => query.data?.features.length ?? 0
  const none = '服务返回 0 条记录：数据库中没有这一图层的数据，请确认服务端已加载演示数据。'

  const checkpointSplit = q.checkpoints.data
    ? splitCheckpoints(q.checkpoints.data as never)
    : { fixed: [], random: [] }
  const issueSplit = q.issues.data ? splitIssues(q.issues.data as never) : { open: [], all: [] }
  const base = '底图'
  const thematic = '专题图层'

  return [
    entry('boundaries', base, '县界及周边县市', [q.county, q.neighbors, q.seats], 'neighbors', {
      count: `周边 ${n(q.neighbors)} 县市`,
      empty: n(q.county) === 0 ? none : undefined,
      swatches: baseLegends.boundaries,
    }),
    entry('townships', base, '乡镇（示意界线）', [q.townships, q.seats], 'townships', {
      count: `${n(q.townships)} 个`,
      empty: n(q.townships) === 0 ? none : undefined,
      swatches: baseLegends.townships,
    }),
    entry('rivers', base, '河流', [q.rivers], 'rivers', {
      count: `${n(q.rivers)} 条`,
      empty: n(q.rivers) === 0 ? none : undefined,
      note: '取自 1:1000 万 Natural Earth，位置为示意',
      swatches: baseLegends.rivers,
    }),
    entry('villages', base, '村（社区）', [q.villages], 'villages', {
      count: `${n(q.villages)} 个`,
      empty: n(q.villages) === 0 ? none : undefined,
      note:
        zoom < villageLabelMinZoom
          ? `放大到 ${villageLabelMinZoom} 级显示村名（当前 ${zoom.toFixed(1)} 级）`
          : undefined,
      swatches: baseLegends.villages,
    }),
    entry('radii', thematic, '乡镇政府所在地1公里范围', [q.radii], 'township-radii', {
      count: `${n(q.radii)} 个`,
      empty: n(q.radii) === 0 ? none : undefined,
      swatches: townshipRadiusLegend(),
    }),
    entry('grids', thematic, '责任网格', [q.grids], 'grids', {
      count: `${formatCount(n(q.grids))} 个`,
      empty: n(q.grids) === 0 ? none : undefined,
      note: '按责任单位着色',
      swatches: gridLegend(q.grids.data as never, unitName, 6),
      legendColumns: 1,
    }),
    entry('fixed', thematic, '固定点位（必检点）', [q.checkpoints], 'checkpoints', {
      count: `${formatCount(checkpointSplit.fixed.length)} 个`,
      empty:
        checkpointSplit.fixed.length === 0
          ? `服务返回的 ${n(q.checkpoints)} 个测评点位中没有固定点位。`
          : undefined,
      swatches: checkpointLegend('fixed'),
    }),
    entry('random', thematic, '随机点位（候选池）', [q.checkpoints], 'checkpoints', {
      count: `${formatCount(checkpointSplit.random.length)} 个`,
      empty:
        checkpointSplit.random.length === 0
          ? `服务返回的 ${n(q.checkpoints)} 个测评点位中没有随机点位。`
          : undefined,
      swatches: checkpointLegend('random'),
    }),
    entry('heatmap', thematic, '问题密度（未销号）', [q.issues], 'issues', {
      count: `${formatCount(issueSplit.open.length)} 条`,
      empty:
        n(q.issues) === 0
          ? none
          : issueSplit.open.length === 0
            ? '所有问题均已销号，没有需要显示的密度。'
            : undefined,
      swatches: heatmapLegend(),
    }),
    entry('issues', thematic, '问题点位（按状态）', [q.issues], 'issues', {
      count: `${formatCount(n(q.issues))} 条`,
      empty: n(q.issues) === 0 ? none : undefined,
      note:
        zoom < issuePointsMinZoom
          ? `放大到 ${issuePointsMinZoom} 级及以上显示单个问题（当前 ${zoom.toFixed(1)} 级）`
          : undefined,
      swatches: issueLegend(),
    }),
  ]
}
