// 网格化管理 (/grids): the grid managers' workspace. The map of grids coloured by unit or manager
// (unassigned hatched red) beside the grid table; select by click, shift-click, box or lasso;
// tabs to assign, balance workloads, edit boundaries, manage people and read the audit history.
// A thin composition of features/grid-admin in the shared role layout; the tab (`?tab=`) and the
// selected grids (`?grids=`) live in the URL, so a link shares them and back/forward restore them.
import { useQuery } from '@tanstack/react-query'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useCallback, useState } from 'react'
import type { RebalanceProposal } from '../../features/grid-admin/api.ts'
import { ImportDialog } from '../../features/grid-admin/import-dialog.tsx'
import { can, type SessionUser, sessionQuery } from '../../features/session/api.ts'
import { usePlace, usePlaceTitle } from '../../lib/place.ts'
import { useUrlTab } from '../../lib/url-state.ts'
import type { BaseToggle } from '../../map/base-style.ts'
import { MapToast, useNotice } from '../../ui/map-toast.tsx'
import { RoleLayout } from '../shared/role-layout.tsx'
import { baseRootPx, uiScale } from '../shared/ui-scale.ts'
import { useMapFocus } from '../shared/use-map-focus.ts'
import { GridLegend, GridMapTools, legendEntries } from './grid-map-controls.tsx'
import { gridsHeader } from './grids-header.tsx'
import { GridsSide, gridTabIds } from './grids-side.tsx'
import './grids.css'
import { ScreenErrorBoundary } from './screen-error-boundary.tsx'
import { useGridImport } from './use-grid-import.ts'
import { useGridMapLayers } from './use-grid-map-layers.ts'
import { useColorMode, useGridOwners } from './use-grid-owners.ts'
import { useGridClick, useGridSelection, useRowClick } from './use-grid-selection.ts'
import { useGridTools } from './use-grid-tools.ts'
import { useGridWrites } from './use-grid-writes.ts'
import { useGridsData } from './use-grids-data.ts'
import { useGridsLogin } from './use-grids-login.ts'
import { useProposalDiff } from './use-proposal-diff.ts'

const baseVisibility: Record<BaseToggle, boolean> = {
  boundaries: true,
  townships: true,
  rivers: false,
  villages: false,
}
const noticeMs = 10_000
const focusZoom = 13

export function GridsScreen() {
  return (
    <ScreenErrorBoundary>
      <GridsWorkspace />
    </ScreenErrorBoundary>
  )
}

function GridsWorkspace() {
  const place = usePlace()
  usePlaceTitle((t) => t.grids)
  const [scale] = useState(uiScale)
  const [tab, setTab] = useUrlTab(gridTabIds)
  const [hovered, setHovered] = useState<string>()
  const [proposal, setProposal] = useState<RebalanceProposal>()
  const [notice, setNotice] = useNotice(undefined, noticeMs)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [focus, flyTo] = useMapFocus(focusZoom)
  const [zoom, setZoom] = useState(9)

  const session = useQuery(sessionQuery())
  const user: SessionUser | null | undefined = session.isError ? null : session.data
  const canEdit = can(user, 'grid_admin')
  const data = useGridsData(user)
  const { rows, allRows, anchors } = data
  const [selected, setSelected] = useGridSelection(Boolean(rows.data), data.rowsByCode)
  const tools = useGridTools(map, tab, anchors, setSelected, setNotice)
  const { tool, setTool } = tools
  const resetTools = useCallback(() => {
    setTool('pick')
    setProposal(undefined)
  }, [setTool])
  const { login, onSessionChange } = useGridsLogin(user, data, resetTools)

  const owners = useGridOwners(allRows, data.units.data, data.managers.data)
  const [colorMode, setColorMode, activeScale] = useColorMode(proposal, owners)
  const unassignedCount = allRows.filter((r) => r.unassigned).length
  const diffReady = useProposalDiff(proposal, owners, data.shapeByCode, anchors, map, scale)
  const { refresh, onWritten } = useGridWrites(setNotice, setSelected)
  const gridImport = useGridImport(map, scale, () => void refresh())
  const { overlay, layers } = useGridMapLayers(data, {
    colorMode,
    activeScale,
    selected,
    hovered,
    diff: diffReady,
    zoom,
    scale,
    importProblems: gridImport.problems,
  })

  const onMapHover = useCallback((feature?: { properties: Record<string, unknown> }) => {
    const code = feature?.properties.gridCode
    setHovered(typeof code === 'string' ? code : undefined)
  }, [])
  const onClick = useGridClick(tool, tools.shiftRef, setSelected)
  const onRowClick = useRowClick(anchors, flyTo, setSelected)

  const rootPx = baseRootPx * scale
  return (
    <RoleLayout
      className="app grids-app"
      header={gridsHeader({
        title: place?.titles.grids ?? '网格化管理',
        unassigned: rows.data ? unassignedCount : undefined,
        totals: rows.data && { ...rows.data.summary, grids: rows.data.total },
        user: session.isPending ? undefined : user,
        mayImport: can(user, 'layer_import'),
        onImport: gridImport.toggle,
        onLoginRequest: () => login.request(),
        onLoggedOut: onSessionChange,
      })}
      mapClassName="map-area grids-map"
      map={{
        scale,
        padding: { top: 3 * rootPx, bottom: 4 * rootPx, left: rootPx, right: rootPx },
        baseSources: data.baseSources,
        baseVisibility,
        layers,
        overlay,
        onHover: onMapHover,
        ready: data.settled,
        onClick,
        onMap: setMap,
        onViewChange: (view) => setZoom(view.zoom),
        focus,
        cursor: tool === 'pick' ? undefined : 'crosshair',
      }}
      panel={
        <GridMapTools
          tool={tool}
          onTool={setTool}
          drawReady={tools.draw.ready}
          line={tools.line}
          colorMode={colorMode}
          onColorMode={setColorMode}
        />
      }
      legend={
        <GridLegend
          colorMode={colorMode}
          unassigned={unassignedCount}
          entries={legendEntries(allRows, colorMode, activeScale, owners.nameOf)}
          synthetic={data.synthetic}
        />
      }
      aside={
        <GridsSide
          tab={tab}
          onTabChange={setTab}
          user={user}
          onLoginRequest={login.request}
          data={data}
          owners={owners}
          selected={selected}
          onClear={() => setSelected([])}
          hovered={hovered}
          onHover={setHovered}
          onRowClick={onRowClick}
          tools={tools}
          proposal={proposal}
          onProposal={setProposal}
          canEdit={canEdit}
          onWritten={onWritten}
          onConflict={() => void refresh()}
        />
      }
      asideClassName="grids-main"
      login={login}
      onLoggedIn={onSessionChange}
    >
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
    </RoleLayout>
  )
}
