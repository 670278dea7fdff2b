// The default screen: every layer on one map; a left panel with the layer list and the issue
// ledger (问题台账) as tabs; on the right the selected feature, the issue detail with its timeline
// and actions, or the 上报问题 form. A thin composition of the feature folders in the shared role
// layout; the panel tab and the selection live in the URL (back/forward step through them).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type * as maplibregl from 'maplibre-gl'
import { useCallback, useMemo, useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import type { IssueView } from '../../features/issues/api.ts'
import { toIssueFeature } from '../../features/issues/issue-detail-panel.tsx'
import { useLedgerFilter } from '../../features/issues/use-ledger-filter.ts'
import { can, sessionQuery } from '../../features/session/api.ts'
import { useUrlState } from '../../lib/url-state.ts'
import type { MapClick } from '../../map/map-view.tsx'
import { MapToast, useNotice } from '../../ui/map-toast.tsx'
import { RoleLayout } from '../shared/role-layout.tsx'
import { isSmallScreen, uiScale } from '../shared/ui-scale.ts'
import { useMapFocus } from '../shared/use-map-focus.ts'
import { pickOverview } from './issue-tile-pick.ts'
import { mapInsets } from './map-insets.ts'
import { OverviewDetail } from './overview-detail.tsx'
import { useOverviewHeader } from './overview-header.tsx'
import { layerToggleIds } from './overview-layer-entries.ts'
import { OverviewSidePanel } from './overview-side-panel.tsx'
import { useLogin } from './use-login.ts'
import { useOverviewNames } from './use-name-lookup.ts'
import { useOverviewCollections } from './use-overview-collections.ts'
import { useOverviewMap } from './use-overview-map.ts'
import { useOverviewTiles } from './use-overview-tiles.ts'
import { useReportMode } from './use-report-mode.ts'
import { useReportRounds } from './use-report-rounds.ts'
import { useSelection } from './use-selection.ts'
import { useSelectionDetails } from './use-selection-details.ts'

const focusZoom = 16 // a ledger row flies here: individual issues and their check points apart

export function OverviewScreen() {
  const [url, setUrl] = useUrlState(layerToggleIds)
  const [scale] = useState(uiScale)
  const [now] = useState(() => new Date())
  const [zoom, setZoom] = useState(url.view?.zoom ?? 9)
  const [panelCollapsed, setPanelCollapsed] = useState(isSmallScreen)
  const [ledgerFilter, setLedgerFilter] = useLedgerFilter()
  const [focus, flyTo] = useMapFocus(focusZoom)
  const queryClient = useQueryClient()
  const tab = url.panel ?? 'layers'
  const visible = useMemo(() => new Set<string>(url.layers ?? layerToggleIds), [url.layers])

  const session = useQuery(sessionQuery())
  const collections = useOverviewCollections()
  const [map, setMap] = useState<maplibregl.Map | null>(null)
  const { user, login, requestLogin, onUnauthorized, ...auth } = useLogin(session, collections)
  const [notice, setNotice] = useNotice(user)
  const mayReport = can(user, 'issue_report')
  const { reportRounds, ledgerRounds } = useReportRounds(user, mayReport)
  const [report, setReport] = useReportMode(mayReport)
  const { selection, select, pick } = useSelection(collections, url.selected, setUrl)

  const { lookup, unitName, townshipOptions, unitOptions, checkpointPlaces } =
    useOverviewNames(collections)
  const { issueCounts, ...tiles } = useOverviewTiles(map, ledgerFilter, visible, scale)

  const { content, baseMaps } = useOverviewMap(
    {
      collections,
      visible,
      zoom,
      scale,
      lookup,
      selectedFeature: selection?.feature,
      draftLngLat: report?.lngLat,
    },
    url,
  )

  const onClick = useCallback(
    (click: MapClick) =>
      report ? setReport({ lngLat: click.lngLat }) : select(pickOverview(click, pick, map, scale)),
    [select, pick, report, setReport, map, scale],
  )

  const { padding, focusOffsetXPx } = mapInsets(scale, panelCollapsed, tab)
  const selectIssue = useCallback(
    (issue: IssueView) => {
      setReport(undefined)
      select({ collection: 'issues', id: issue.id, feature: toIssueFeature(issue) })
      flyTo(issue.lngLat, [focusOffsetXPx, 0])
    },
    [select, flyTo, setReport, focusOffsetXPx],
  )

  const details = useSelectionDetails(selection, now, lookup, can(user, 'checkpoint_inspect'))
  const header = useOverviewHeader({
    updatedAt: issueCounts.timeStamp,
    user: session.isPending ? undefined : user,
    mayReport,
    report,
    setReport,
    onReportStart: () => select(undefined),
    onLoginRequest: () => requestLogin(),
    onSessionChange: auth.onSessionChange,
  })

  return (
    <RoleLayout
      className="app"
      header={header}
      map={{
        ...content,
        scale,
        padding,
        onViewChange: (view) => {
          setZoom(view.zoom)
          setUrl({ view })
        },
        onClick,
        cursor: report ? 'crosshair' : undefined,
        focus,
        onMap: setMap,
        ...tiles.mapProps,
      }}
      panel={
        <OverviewSidePanel
          tab={tab}
          setUrl={setUrl}
          collapsed={panelCollapsed}
          onCollapsedChange={setPanelCollapsed}
          ledger={{
            filter: ledgerFilter,
            onFilterChange: setLedgerFilter,
            townships: townshipOptions,
            units: unitOptions,
            unitName,
            selectedId: selection?.collection === 'issues' ? selection.id : undefined,
            onSelect: selectIssue,
            canImport: can(user, 'ledger_import'),
            signedIn: user !== undefined,
            onImported: () => {
              void queryClient.invalidateQueries({ queryKey: ['collections', 'issues'] })
              tiles.refreshTiles()
            },
            onLoginRequest: () => requestLogin('查看问题台账需要先登录。'),
            rounds: ledgerRounds,
          }}
          layers={{ collections, visible, zoom, issueCounts, baseMaps, baseMap: content.baseMap }}
        />
      }
      login={login}
      onLoggedIn={auth.onSessionChange}
      attributions={content.baseMap ? [content.baseMap.attribution] : []}
    >
      {report && !report.lngLat && (
        <p className="map-hint" role="status" data-testid="report-hint">
          在地图上点击问题所在位置（按 Esc 取消）
        </p>
      )}
      {notice && <MapToast notice={notice} onClose={() => setNotice(undefined)} />}
      <OverviewDetail
        report={report}
        reportForm={{
          checkpoints: checkpointPlaces,
          onCancel: () => setReport(undefined),
          onUnauthorized,
          rounds: reportRounds,
          onCreated: (issue, photoError) => {
            setReport(undefined)
            setNotice(photoError ?? `问题 ${issueLabel(issue)} 已上报，已列入问题台账（待交办）。`)
            setUrl({ panel: 'ledger' })
            selectIssue(issue)
          },
        }}
        selection={selection}
        issue={{
          signedIn: Boolean(user),
          units: unitOptions,
          lookup,
          unitName,
          now,
          onLoginRequest: () => (user ? onUnauthorized() : requestLogin()),
        }}
        details={details}
        onClose={() => select(undefined)}
      />
    </RoleLayout>
  )
}
