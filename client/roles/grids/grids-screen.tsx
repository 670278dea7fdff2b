// 网格化管理 (/grids): the grid managers' workspace. The map of grids coloured by unit or manager
// (unassigned hatched red) beside the grid table; select by click, shift-click, box or lasso;
// tabs to assign, balance workloads, edit boundaries, manage people and read the audit history.
// A thin composition of features/grid-admin over the shared map.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { LineString, Polygon } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  countyQuery,
  neighborsQuery,
  seatsQuery,
  townshipsQuery,
} from '../../features/boundaries/api.ts'
import { toBaseSources } from '../../features/boundaries/layers.ts'
import {
  type GridGeometry,
  type GridRow,
  gridAdminKeys,
  gridRowsQuery,
  gridShapesKey,
  gridShapesQuery,
  managersQuery,
  type RebalanceProposal,
  unitsQuery,
  type WorkloadBy,
} from '../../features/grid-admin/api.ts'
import { AssignPanel } from '../../features/grid-admin/assign-panel.tsx'
import { type DrawTool, useGridDraw } from '../../features/grid-admin/draw-tools.ts'
import { EditPanel } from '../../features/grid-admin/edit-panel.tsx'
import { type ColorMode, colorOf, toHex } from '../../features/grid-admin/grid-colors.ts'
import {
  emptyFilter,
  filterRows,
  type GridFilter,
  type GridSort,
  sortRows,
} from '../../features/grid-admin/grid-filter.ts'
import { GridTable } from '../../features/grid-admin/grid-table.tsx'
import { HistoryPanel } from '../../features/grid-admin/history-panel.tsx'
import { ImportDialog } from '../../features/grid-admin/import-dialog.tsx'
import {
  gridAdminLayers,
  pickedGrid,
  toMapGrids,
  toShapes,
} from '../../features/grid-admin/layers.ts'
import { PeoplePanel } from '../../features/grid-admin/people-panel.tsx'
import {
  anchorPoints,
  clickSelection,
  gridsInside,
  mergeSelection,
} from '../../features/grid-admin/selection.ts'
import { WorkloadPanel } from '../../features/grid-admin/workload-panel.tsx'
import { can, type SessionUser, sessionQuery } from '../../features/session/api.ts'
import { LoginDialog } from '../../features/session/login-dialog.tsx'
import { ApiError } from '../../lib/api-client.ts'
import { type BaseToggle, deckBeforeIds } from '../../map/base-style.ts'
import type { MapClick, MapFocus } from '../../map/map-view.tsx'
import { themes } from '../../map/themes.ts'
import { MapCredits } from '../../ui/map-credits.tsx'
import { MapToast, useNotice } from '../../ui/map-toast.tsx'
import { PlaceMap } from '../../ui/place-map.tsx'
import './grids.css'
import { mayCreateUnit, type Role } from '../../../server/domain/roles.ts'
import { useLayerStatus, usePlace, usePlaceTitle } from '../../lib/place.ts'
import { uiScale } from '../overview/map-insets.ts'
import {
  drawHint,
  GridLegend,
  GridMapToolbar,
  legendEntries,
  SignInNote,
  useShiftKey,
} from './grid-map-controls.tsx'
import { GridsHeader } from './grids-header.tsx'
import { ScreenErrorBoundary } from './screen-error-boundary.tsx'
import { useGridImport } from './use-grid-import.ts'
import { useGridOwners } from './use-grid-owners.ts'
import { useProposalDiff } from './use-proposal-diff.ts'

const baseVisibility: Record<BaseToggle, boolean> = {
  boundaries: true,
  townships: true,
  rivers: false,
  villages: false,
}
const noticeMs = 10_000
const focusZoom = 13

const tabs = [
  { id: 'list', label: '网格列表' },
  { id: 'workload', label: '工作量' },
  { id: 'edit', label: '边界编辑' },
  { id: 'people', label: '人员与单位' },
  { id: 'history', label: '调整记录' },
] as const
type TabId = (typeof tabs)[number]['id']

/** 1 at 1366×768; grows with the root font size (see styles.css) so a 4K screen is not tiny. */
export function GridsScreen() {
  return (
    <ScreenErrorBoundary>
      <GridsWorkspace />
    </ScreenErrorBoundary>
  )
}

function GridsWorkspace() {
  const queryClient = useQueryClient()
  const place = usePlace()
  usePlaceTitle((t) => t.grids)
  const [scale] = useState(uiScale)
  const [tab, setTab] = useState<TabId>('list')
  const [colorMode, setColorMode] = useState<ColorMode>('unit')
  const [filter, setFilter] = useState<GridFilter>(emptyFilter)
  const [sort, setSort] = useState<GridSort>({ key: 'gridCode', descending: false })
  const [selected, setSelected] = useState<string[]>([])
  const [hovered, setHovered] = useState<string>()
  const [tool, setTool] = useState<DrawTool>('pick')
  const [line, setLine] = useState<LineString>()
  const [proposal, setProposal] = useState<RebalanceProposal>()
  const [workloadBy, setWorkloadBy] = useState<WorkloadBy>('manager')
  const [workloadTownship, setWorkloadTownship] = useState('')
  const [notice, setNotice] = useNotice(undefined, noticeMs)
  const [loginPrompt, setLoginPrompt] = useState<{ reason?: string }>()
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [focus, setFocus] = useState<MapFocus>()
  const [zoom, setZoom] = useState(9)
  const shiftRef = useShiftKey(tool, setTool)

  const session = useQuery(sessionQuery())
  const user: SessionUser | null | undefined = session.isError ? null : session.data
  const canEdit = can(user, 'grid_admin')

  const rows = useQuery(gridRowsQuery())
  const shapes = useQuery(gridShapesQuery())
  // managers are people: signed-in readers only (http/personal-data.ts)
  const managers = useQuery({ ...managersQuery(), enabled: Boolean(user) })
  const units = useQuery(unitsQuery())
  const county = useQuery(countyQuery())
  const neighbors = useQuery(neighborsQuery())
  const townships = useQuery(townshipsQuery())
  const seats = useQuery(seatsQuery())

  const baseSources = useMemo(
    () =>
      toBaseSources({
        county: county.data,
        neighbors: neighbors.data,
        townships: townships.data,
        seats: seats.data,
      }),
    [county.data, neighbors.data, townships.data, seats.data],
  )

  const allRows = rows.data?.items ?? []
  const rowsByCode = useMemo(
    () => new Map((rows.data?.items ?? []).map((r) => [r.gridCode, r])),
    [rows.data],
  )
  const shapeList = useMemo(() => toShapes(shapes.data?.features ?? []), [shapes.data])
  const shapeByCode = useMemo(
    () => new Map(shapeList.map((s) => [s.code, s.geometry] as [string, GridGeometry])),
    [shapeList],
  )
  const anchors = useMemo(() => anchorPoints(shapeList), [shapeList])

  const owners = useGridOwners(allRows, units.data, managers.data)
  const { unitScale, managerScale, nameOf } = owners
  const scaleOf = (mode: ColorMode) => (mode === 'unit' ? unitScale : managerScale)
  const activeScale = colorMode === 'unit' ? unitScale : managerScale

  const shownRows = useMemo(
    () => sortRows(filterRows(allRows, filter), sort),
    [allRows, filter, sort],
  )
  const selectedRows = useMemo(
    () => selected.map((c) => rowsByCode.get(c)).filter((r): r is GridRow => Boolean(r)),
    [selected, rowsByCode],
  )
  const unassignedCount = allRows.filter((r) => r.unassigned).length

  const diffReady = useProposalDiff(proposal, owners, shapeByCode, anchors, map, scale)
  const gridImport = useGridImport(map, scale, () => void refresh())
  useEffect(() => {
    if (proposal) setColorMode(proposal.by)
  }, [proposal])

  const mapGrids = useMemo(
    () => toMapGrids(shapeList, rowsByCode, colorMode, activeScale),
    [shapeList, rowsByCode, colorMode, activeScale],
  )
  const layers = useMemo(
    () =>
      gridAdminLayers({
        grids: mapGrids,
        colorVersion: `${colorMode}:${rows.dataUpdatedAt}`,
        selected,
        hovered,
        diff: diffReady,
        zoom,
        scale,
        beforeId: deckBeforeIds.areas,
        onHover: setHovered,
        ...(gridImport.problems ? { importProblems: gridImport.problems } : {}),
      }),
    [
      mapGrids,
      colorMode,
      rows.dataUpdatedAt,
      selected,
      hovered,
      diffReady,
      zoom,
      scale,
      gridImport.problems,
    ],
  )

  // drawing: box and lasso select, the split line goes to the edit tab
  const draw = useGridDraw(map, tool, {
    onArea: (polygon: Polygon, additive: boolean) => {
      const found = gridsInside(anchors, polygon)
      setSelected((current) => mergeSelection(current, found, additive || shiftRef.current))
      setNotice(
        found.length
          ? `圈选到 ${found.length} 个网格。`
          : '圈选范围内没有网格的中心，请画大一些或改用点选。',
      )
    },
    onLine: setLine,
  })

  const onClick = useCallback(
    (click: MapClick) => {
      if (tool !== 'pick') return
      const code = pickedGrid(click.deckPicks)
      if (!code) {
        if (!shiftRef.current) setSelected([])
        return
      }
      setSelected((current) => clickSelection(current, code, shiftRef.current))
    },
    [tool, shiftRef.current],
  )

  const onRowClick = useCallback(
    (code: string, additive: boolean) => {
      setSelected((current) => clickSelection(current, code, additive))
      const anchor = anchors.get(code)
      if (anchor && !additive) {
        setFocus((previous) => ({
          key: (previous?.key ?? 0) + 1,
          center: [anchor[0] ?? 0, anchor[1] ?? 0],
          minZoom: focusZoom,
          offsetPx: [0, 0], // MapLibre 6 needs an offset for flyTo
        }))
      }
    },
    [anchors],
  )

  // after a write: every grid-admin read and the grid shapes are stale; issues moved too
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: gridAdminKeys.all }),
      queryClient.invalidateQueries({ queryKey: gridShapesKey }),
      queryClient.invalidateQueries({ queryKey: ['collections', 'issues'] }),
    ])
  }, [queryClient])
  const onWritten = useCallback(
    (message: string, select?: string[]) => {
      setNotice(message)
      if (select) setSelected(select)
      void refresh()
    },
    [refresh, setNotice],
  )

  // grids that vanished (split, merged) leave the selection
  useEffect(() => {
    if (!rows.data) return
    setSelected((current) => {
      const kept = current.filter((c) => rowsByCode.has(c))
      return kept.length === current.length ? current : kept
    })
  }, [rows.data, rowsByCode])

  // signing in or out changes what is editable
  const onSessionChange = useCallback(() => {
    setLoginPrompt(undefined)
    setTool('pick')
    setProposal(undefined)
    void queryClient.invalidateQueries({ queryKey: gridAdminKeys.all })
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' })
  }, [queryClient])

  const needsLogin =
    user === null &&
    [rows, shapes].some((q) => q.error instanceof ApiError && q.error.status === 401)
  useEffect(() => {
    if (needsLogin) setLoginPrompt({ reason: '本系统需要登录后才能查看网格，请先登录。' })
  }, [needsLogin])

  // leaving the edit tab ends any drawing that belongs to it
  useEffect(() => {
    if (tab !== 'edit' && (tool === 'line' || tool === 'reshape')) {
      draw.editPolygon(undefined)
      setLine(undefined)
      setTool('pick')
    }
  }, [tab, tool, draw])

  const settled = [rows, shapes, county, neighbors, townships, seats].every((q) => !q.isPending)
  // 示意 until the county's own grids are imported (as the server says, GET /api/place layers)
  const synthetic = useLayerStatus().grids.synthetic
  const rootPx = 14 * scale
  const padding = { top: 3 * rootPx, bottom: 4 * rootPx, left: rootPx, right: rootPx }
  const activeHint = drawHint(tool, line)

  return (
    <div className="app grids-app">
      <GridsHeader
        title={place?.titles.grids ?? '网格化管理'}
        unassigned={rows.data ? unassignedCount : undefined}
        totals={rows.data && { ...rows.data.summary, grids: rows.data.total }}
        user={session.isPending ? undefined : user}
        mayImport={can(user, 'layer_import')}
        onImport={gridImport.toggle}
        onLoginRequest={() => setLoginPrompt({})}
        onLoggedOut={onSessionChange}
      />
      <div className="grids-main">
        <main className="map-area grids-map">
          <PlaceMap
            theme={themes.light}
            scale={scale}
            padding={padding}
            baseSources={baseSources}
            baseVisibility={baseVisibility}
            layers={layers}
            ready={settled}
            onClick={onClick}
            onMap={setMap}
            onViewChange={(view) => setZoom(view.zoom)}
            focus={focus}
            cursor={tool === 'pick' ? undefined : 'crosshair'}
          />
          <GridMapToolbar
            tool={tool}
            onTool={setTool}
            drawReady={draw.ready}
            colorMode={colorMode}
            onColorMode={setColorMode}
          />
          {activeHint && (
            <p className="map-hint" role="status" data-testid="draw-hint">
              {activeHint}
            </p>
          )}
          <GridLegend
            colorMode={colorMode}
            unassigned={unassignedCount}
            entries={legendEntries(allRows, colorMode, activeScale, nameOf)}
            synthetic={synthetic}
          />
          {notice && (
            <MapToast notice={notice} onClose={() => setNotice(undefined)} testId="grid-notice" />
          )}
          {gridImport.importing && (
            <ImportDialog
              onReport={gridImport.setReport}
              onImported={gridImport.imported}
              onClose={gridImport.close}
            />
          )}
          <MapCredits />
        </main>
        <section className="grids-side" aria-label="网格管理">
          <div className="tabs grids-side__tabs" role="tablist">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={`tab${tab === t.id ? ' is-active' : ''}`}
                data-tab={t.id}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <SignInNote
            user={user}
            onLogin={() => setLoginPrompt({ reason: '网格长或管理员登录后可指派和调整网格。' })}
          />
          <div className="grids-side__body" role="tabpanel">
            {tab === 'list' && (
              <>
                {selectedRows.length > 0 && (
                  <AssignPanel
                    key={selected.join(',')}
                    rows={selectedRows}
                    units={units.data ?? []}
                    managers={managers.data ?? []}
                    canEdit={canEdit}
                    gridsVersion={rows.data?.gridsVersion}
                    onAssigned={(message) => onWritten(message)}
                    onConflict={() => void refresh()}
                    onClear={() => setSelected([])}
                  />
                )}
                <GridTable
                  rows={shownRows}
                  total={allRows.length}
                  filter={filter}
                  onFilterChange={setFilter}
                  sort={sort}
                  onSortChange={setSort}
                  townships={owners.townshipOptions}
                  units={owners.unitOptions}
                  managers={owners.managerOptions}
                  selected={selected}
                  hovered={hovered}
                  onHover={setHovered}
                  onRowClick={onRowClick}
                  isManagerActive={(id) => owners.managerActive.get(id) ?? true}
                  status={rows.isPending ? 'loading' : rows.isError ? 'error' : 'ready'}
                  error={rows.error?.message}
                  onRetry={() => void rows.refetch()}
                />
              </>
            )}
            {tab === 'workload' && (
              <WorkloadPanel
                by={workloadBy}
                onByChange={setWorkloadBy}
                township={workloadTownship}
                onTownshipChange={setWorkloadTownship}
                townships={owners.townshipOptions}
                proposal={proposal}
                onProposal={setProposal}
                canEdit={canEdit}
                gridsVersion={rows.data?.gridsVersion}
                colorOf={(owner) => toHex(colorOf(scaleOf(workloadBy), owner))}
                nameOf={(owner) => nameOf(workloadBy, owner)}
                onAccepted={(message) => onWritten(message)}
                onConflict={() => void refresh()}
              />
            )}
            {tab === 'edit' && (
              <EditPanel
                rows={selectedRows}
                canEdit={canEdit}
                tool={tool}
                onToolChange={setTool}
                line={line}
                onLineClear={() => setLine(undefined)}
                shapeOf={(code) => shapeByCode.get(code)}
                editPolygon={draw.editPolygon}
                editedPolygon={draw.editedPolygon}
                gridsVersion={rows.data?.gridsVersion}
                onEdited={(message, select) => onWritten(message, select)}
                onConflict={() => void refresh()}
              />
            )}
            {tab === 'people' && (
              <PeoplePanel
                canEdit={canEdit}
                canAddUnits={canEdit && mayCreateUnit(user && { role: user.role as Role })}
                onChanged={(message) => onWritten(message)}
              />
            )}
            {tab === 'history' && (
              <HistoryPanel
                selectedGrid={selected.length === 1 ? selected[0] : undefined}
                nameOf={(kind, id) => nameOf(kind, id)}
              />
            )}
          </div>
        </section>
      </div>
      {loginPrompt && (
        <LoginDialog
          reason={loginPrompt.reason}
          onClose={() => setLoginPrompt(undefined)}
          onLoggedIn={onSessionChange}
        />
      )}
    </div>
  )
}
