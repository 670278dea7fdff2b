// The default screen: every layer on one map; a left panel with the layer list and the issue
// ledger (问题台账) as tabs; on the right the selected feature, the issue detail with its timeline
// and actions, or the 上报问题 form. A thin composition of the feature folders.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type * as maplibregl from 'maplibre-gl'
import { useCallback, useMemo, useRef, useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import {
  type IssueFeature,
  type IssueView,
  issueCountQuery,
  unitsQuery,
} from '../../features/issues/api.ts'
import { IssueDetailPanel, toIssueFeature } from '../../features/issues/issue-detail-panel.tsx'
import { issueTileLayerIds, issueTileQuery } from '../../features/issues/issue-tiles.ts'
import { issuePointsMinZoom } from '../../features/issues/layers.ts'
import { LedgerPanel } from '../../features/issues/ledger-panel.tsx'
import { ReportPanel } from '../../features/issues/report-panel.tsx'
import { useIssueCounts } from '../../features/issues/use-issue-counts.ts'
import { issueTileStyle, useIssueTiles } from '../../features/issues/use-issue-tiles.ts'
import { useLedgerFilter } from '../../features/issues/use-ledger-filter.ts'
import { can, sessionQuery } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { roundsQuery } from '../../features/supervision/api.ts'
import { chosenBaseMap, offlineBaseMapId, useBaseMaps } from '../../lib/base-maps.ts'
import { formatDate } from '../../lib/format.ts'
import { useLayerStatus } from '../../lib/place.ts'
import { roleLabel } from '../../lib/role-label.ts'
import { type SidePanelTab, useUrlState } from '../../lib/url-state.ts'
import type { MapClick, MapFocus } from '../../map/map-view.tsx'
import { themes } from '../../map/themes.ts'
import { FeaturePanel } from '../../ui/feature-panel.tsx'
import { LayerPanel } from '../../ui/layer-panel.tsx'
import { MapCredits } from '../../ui/map-credits.tsx'
import { MapToast, useNotice } from '../../ui/map-toast.tsx'
import { PlaceMap } from '../../ui/place-map.tsx'
import { SidePanel } from '../../ui/side-panel.tsx'
import { isSmallScreen, mapInsets, uiScale } from './map-insets.ts'
import { describeSelection, type Selection } from './map-selection.ts'
import { OverviewHeader } from './overview-header.tsx'
import {
  layerToggleIds,
  ledgerFilterNotice,
  overviewLayerEntries,
  withLayerToggled,
} from './overview-layer-entries.ts'
import { useLogin } from './use-login.ts'
import { useFormOptions, useNameLookup } from './use-name-lookup.ts'
import { useOverviewCollections } from './use-overview-collections.ts'
import { useBaseMap, useDeckLayers } from './use-overview-map.ts'
import { useReportMode } from './use-report-mode.ts'
import { useSelection } from './use-selection.ts'

const focusZoom = 16 // a ledger row flies here: individual issues and their check points apart

export function OverviewScreen() {
  const [url, setUrl] = useUrlState(layerToggleIds)
  const [scale] = useState(uiScale)
  const [now] = useState(() => new Date())
  const [initialView] = useState(url.view)
  const [zoom, setZoom] = useState(url.view?.zoom ?? 9)
  const [panelCollapsed, setPanelCollapsed] = useState(isSmallScreen)
  const [legendsOpen] = useState(() => window.innerHeight >= 900)
  const [ledgerFilter, setLedgerFilter] = useLedgerFilter()
  const [focus, setFocus] = useState<MapFocus>()
  const queryClient = useQueryClient()
  const tab: SidePanelTab = url.panel ?? 'layers'
  const visible = useMemo(() => new Set<string>(url.layers ?? layerToggleIds), [url.layers])

  const session = useQuery(sessionQuery())
  const units = useQuery(unitsQuery())
  const collections = useOverviewCollections()
  const layerStatus = useLayerStatus()
  const [map, setMap] = useState<maplibregl.Map | null>(null)
  const settled = Object.values(collections).every((q) => !q.isPending)
  const login = useLogin(session, collections)
  const { user, requestLogin, onUnauthorized, onSessionChange } = login
  const [notice, setNotice] = useNotice(user)
  const mayReport = can(user, 'issue_report')
  // 督导员 and 管理员 record issues into a 督查轮次; the round in progress is offered first
  const rounds = useQuery({ ...roundsQuery(), enabled: mayReport && can(user, 'round_edit') })
  const reportRounds = useMemo(() => {
    if (!rounds.data) return undefined
    const today = formatDate(new Date().toISOString())
    return rounds.data.map((r) => ({
      id: r.id,
      name: r.name,
      current: r.startsOn <= today && today <= r.endsOn,
    }))
  }, [rounds.data])
  const [report, setReport] = useReportMode(mayReport)
  const { selection, select, pick } = useSelection(collections, url.selected, setUrl)

  const lookup = useNameLookup(collections, units.data)
  const unitName = useCallback((code: string) => lookup.unit?.(code) ?? code, [lookup])
  const { townshipOptions, unitOptions, checkpointPlaces } = useFormOptions(collections, units.data)
  // the ledger's filter narrows the issue tiles too, so map and list tell the same story
  const tileQuery = issueTileQuery(ledgerFilter)
  const issueCounts = useIssueCounts(tileQuery, ledgerFilter.status)
  const [tileRevision, setTileRevision] = useState(0)
  const countsUpdatedAt = issueCounts.queries[0]?.dataUpdatedAt ?? 0
  const firstCountsAt = useRef(0)
  if (!firstCountsAt.current) firstCountsAt.current = countsUpdatedAt
  const tileOptions = {
    scale,
    heatmapVisible: visible.has('heatmap'),
    pointsVisible: visible.has('issues'),
    // above the radii and village dots, under the seats and the check points (deck.gl, which
    // re-inserts its layers before their anchors): an anchor no deck.gl layer uses keeps the order
    beforeId: 'seats-circle',
  }
  useIssueTiles(
    map,
    tileQuery,
    tileOptions,
    // a write anywhere refetches the counts (invalidateIssues): the tiles on screen are asked again
    // (not when the counts first arrive: the tiles on screen are as new)
    tileRevision + countsUpdatedAt - firstCountsAt.current,
  )
  // the first style holds the tiles already (MapView reads it once)
  const [firstTileStyle] = useState(() => issueTileStyle(tileQuery, tileOptions))

  const { baseSources, baseVisibility } = useBaseMap(collections, visible)
  const baseMaps = useBaseMaps()
  const baseMap = chosenBaseMap(baseMaps, url.base)
  const { layers, radiusLabelsReady } = useDeckLayers({
    collections,
    visible,
    zoom,
    scale,
    lookup,
    selectedFeature: selection?.feature,
    draftLngLat: report?.lngLat,
  })

  const reporting = report !== undefined
  const onClick = useCallback(
    (click: MapClick) => {
      if (reporting) setReport({ lngLat: click.lngLat })
      else {
        // check points draw above the issues, so they win a click on both
        const picked = pick(click)
        select(
          picked?.collection === 'checkpoints'
            ? picked
            : (pickIssueTile(map, click, scale) ?? picked),
        )
      }
    },
    [select, pick, reporting, setReport, map, scale],
  )

  const { padding, focusOffsetXPx } = mapInsets(scale, panelCollapsed, tab)
  const flyTo = useCallback(
    (lngLat: [number, number]) =>
      setFocus((previous) => ({
        key: (previous?.key ?? 0) + 1,
        center: lngLat,
        minZoom: focusZoom,
        offsetPx: [focusOffsetXPx, 0],
      })),
    [focusOffsetXPx],
  )
  const selectIssue = useCallback(
    (issue: IssueView) => {
      setReport(undefined)
      select({ collection: 'issues', id: issue.id, feature: toIssueFeature(issue) })
      flyTo(issue.lngLat)
    },
    [select, flyTo, setReport],
  )

  const gridCounts = useGridIssueCounts(selection)
  const details = useMemo(
    () => (selection ? describeSelection(selection, now, lookup, gridCounts) : undefined),
    [selection, now, lookup, gridCounts],
  )
  const issueSelected = selection?.collection === 'issues' ? selection : undefined

  return (
    <div className="app">
      <OverviewHeader
        updatedAt={issueCounts.timeStamp}
        user={session.isPending ? undefined : user}
        mayReport={mayReport}
        reporting={reporting}
        onReportToggle={() => {
          if (reporting) return setReport(undefined)
          select(undefined)
          setReport({})
        }}
        onLoginRequest={() => requestLogin()}
        onLoggedOut={() => {
          setReport(undefined)
          onSessionChange()
        }}
      />
      <main className="map-area">
        <PlaceMap
          theme={themes.light}
          scale={scale}
          padding={padding}
          initialView={initialView}
          baseSources={baseSources}
          baseVisibility={baseVisibility}
          baseMap={baseMap}
          layers={layers}
          ready={settled && radiusLabelsReady}
          onViewChange={(view) => {
            setZoom(view.zoom)
            setUrl({ view })
          }}
          onClick={onClick}
          cursor={reporting ? 'crosshair' : undefined}
          focus={focus}
          onMap={setMap}
          styleAdditions={firstTileStyle}
        />
        <SidePanel
          tabs={[
            { id: 'layers', label: '图层与图例' },
            { id: 'ledger', label: '问题台账' },
          ]}
          active={tab}
          onActiveChange={(id) => setUrl({ panel: id as SidePanelTab })}
          collapsed={panelCollapsed}
          onCollapsedChange={setPanelCollapsed}
          wide={tab === 'ledger'}
        >
          {tab === 'ledger' ? (
            <LedgerPanel
              filter={ledgerFilter}
              onFilterChange={setLedgerFilter}
              townships={townshipOptions}
              units={unitOptions}
              unitName={unitName}
              selectedId={issueSelected?.id}
              onSelect={selectIssue}
              canImport={can(user, 'ledger_import')}
              signedIn={user !== undefined}
              onImported={() => {
                void queryClient.invalidateQueries({ queryKey: ['collections', 'issues'] })
                setTileRevision((r) => r + 1)
              }}
              onLoginRequest={() => requestLogin('查看问题台账需要先登录。')}
            />
          ) : (
            <LayerPanel
              entries={overviewLayerEntries({
                collections,
                visible,
                zoom,
                unitName,
                issueCounts: issueCounts.counts,
                issueQueries: issueCounts.queries,
                layers: layerStatus,
              })}
              notice={ledgerFilterNotice(ledgerFilter, issueCounts.counts)}
              baseMaps={{
                options: [{ id: offlineBaseMapId, name: '离线底图' }, ...baseMaps],
                selected: baseMap?.id ?? offlineBaseMapId,
                onSelect: (id) => setUrl({ base: id === offlineBaseMapId ? undefined : id }),
              }}
              onToggle={(id, on) => setUrl({ layers: withLayerToggled(visible, id, on) })}
              legendsOpen={legendsOpen}
            />
          )}
        </SidePanel>
        {report && !report.lngLat && (
          <p className="map-hint" role="status" data-testid="report-hint">
            在地图上点击问题所在位置（按 Esc 取消）
          </p>
        )}
        {notice && <MapToast notice={notice} onClose={() => setNotice(undefined)} />}
        {report ? (
          <ReportPanel
            lngLat={report.lngLat}
            checkpoints={checkpointPlaces}
            onCancel={() => setReport(undefined)}
            onUnauthorized={onUnauthorized}
            rounds={reportRounds}
            onCreated={(issue, photoError) => {
              setReport(undefined)
              setNotice(
                photoError ?? `问题 ${issueLabel(issue)} 已上报，已列入问题台账（待交办）。`,
              )
              setUrl({ panel: 'ledger' })
              selectIssue(issue)
            }}
          />
        ) : issueSelected ? (
          <IssueDetailPanel
            key={issueSelected.id}
            id={issueSelected.id}
            fallback={issueSelected.feature as IssueFeature}
            signedIn={Boolean(user)}
            units={unitOptions}
            lookup={lookup}
            names={{ role: roleLabel, unit: unitName }}
            now={now}
            onClose={() => select(undefined)}
            onLoginRequest={() => (user ? onUnauthorized() : requestLogin())}
          />
        ) : (
          details && <FeaturePanel details={details} onClose={() => select(undefined)} />
        )}
        {login.loginPrompt && (
          <LoginDialog
            reason={login.loginPrompt.reason}
            onClose={login.closeLoginPrompt}
            onLoggedIn={onSessionChange}
          />
        )}
        <MapCredits attributions={baseMap ? [baseMap.attribution] : []} />
      </main>
    </div>
  )
}

const pickRadiusPx = 6

/** An issue drawn from the tiles under the click (zoom ≥ 13), with the properties its tile holds. */
function pickIssueTile(
  map: maplibregl.Map | null,
  click: MapClick,
  scale: number,
): { collection: 'issues'; id: string; feature: IssueFeature } | undefined {
  if (!map?.getLayer(issueTileLayerIds.points) || map.getZoom() < issuePointsMinZoom) return
  const { x, y } = map.project(click.lngLat)
  const r = pickRadiusPx * scale
  const [hit] = map.queryRenderedFeatures(
    [
      [x - r, y - r],
      [x + r, y + r],
    ],
    { layers: [issueTileLayerIds.points] },
  )
  const id = hit?.properties.id
  if (typeof id !== 'string' || hit?.geometry.type !== 'Point') return
  const feature = {
    type: 'Feature',
    id,
    geometry: hit.geometry,
    properties: hit.properties,
  } as unknown as IssueFeature
  return { collection: 'issues', id, feature }
}

/** A selected grid's issues, all and open, counted by the server. */
function useGridIssueCounts(selection: Selection | undefined) {
  const props = selection?.collection === 'grids' ? selection.feature.properties : undefined
  const code = typeof props?.gridCode === 'string' ? encodeURIComponent(props.gridCode) : ''
  const total = useQuery({ ...issueCountQuery(`gridCode=${code}`), enabled: code !== '' })
  const closed = useQuery({
    ...issueCountQuery(`gridCode=${code}&status=closed`),
    enabled: code !== '',
  })
  const all = total.data?.matched
  const done = closed.data?.matched
  return useMemo(
    () =>
      code && all !== undefined && done !== undefined
        ? { total: all, open: all - done }
        : undefined,
    [code, all, done],
  )
}
