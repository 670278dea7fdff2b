// The workspace's side: tabs to list and assign, balance workloads, edit boundaries, manage people
// and read the audit history. The table's filter and sort and the workload's choices outlive a tab
// switch, so they live here, not in the tab bodies.
import { useMemo, useState } from 'react'
import { mayCreateUnit, type Role } from '../../../server/domain/roles.ts'
import type { GridRow, RebalanceProposal, WorkloadBy } from '../../features/grid-admin/api.ts'
import { AssignPanel } from '../../features/grid-admin/assign-panel.tsx'
import { EditPanel } from '../../features/grid-admin/edit-panel.tsx'
import { colorOf, toHex } from '../../features/grid-admin/grid-colors.ts'
import {
  emptyFilter,
  filterRows,
  type GridFilter,
  type GridSort,
  sortRows,
} from '../../features/grid-admin/grid-filter.ts'
import { GridTable } from '../../features/grid-admin/grid-table.tsx'
import type { GridWrite } from '../../features/grid-admin/grid-write.ts'
import { HistoryPanel } from '../../features/grid-admin/history-panel.tsx'
import { PeoplePanel } from '../../features/grid-admin/people-panel.tsx'
import { WorkloadPanel, type WorkloadScope } from '../../features/grid-admin/workload-panel.tsx'
import type { SessionUser } from '../../features/session/api.ts'
import { TabList } from '../../ui/tab-list.tsx'
import { SignInNote } from './grid-map-controls.tsx'
import type { useGridOwners } from './use-grid-owners.ts'
import type { useGridTools } from './use-grid-tools.ts'
import type { GridsData } from './use-grids-data.ts'

export const gridTabs = [
  { id: 'list', label: '网格列表' },
  { id: 'workload', label: '工作量' },
  { id: 'edit', label: '边界编辑' },
  { id: 'people', label: '人员与单位' },
  { id: 'history', label: '调整记录' },
] as const
export type GridTab = (typeof gridTabs)[number]['id']
export const gridTabIds = gridTabs.map((t) => t.id)

export interface GridsSideProps {
  tab: GridTab
  onTabChange: (tab: GridTab) => void
  user: SessionUser | null | undefined
  onLoginRequest: (reason: string) => void
  data: GridsData
  owners: ReturnType<typeof useGridOwners>
  selected: string[]
  onClear: () => void
  hovered: string | undefined
  onHover: (code: string | undefined) => void
  onRowClick: (code: string, additive: boolean) => void
  tools: ReturnType<typeof useGridTools>
  proposal: RebalanceProposal | undefined
  onProposal: (proposal: RebalanceProposal | undefined) => void
  canEdit: boolean
  onWritten: (message: string, select?: string[]) => void
  onConflict: () => void
}

export function GridsSide(props: GridsSideProps) {
  const { tab, user, data, owners, selected, canEdit, onWritten, onConflict, tools } = props
  const [workload, setWorkload] = useState<WorkloadScope>({ by: 'manager', township: '' })
  const [filter, setFilter] = useState<GridFilter>(emptyFilter)
  const [sort, setSort] = useState<GridSort>({ key: 'gridCode', descending: false })
  const write: GridWrite = { gridsVersion: data.rows.data?.gridsVersion, onWritten, onConflict }
  const selectedRows = useMemo(
    () => selected.map((c) => data.rowsByCode.get(c)).filter((r): r is GridRow => Boolean(r)),
    [selected, data.rowsByCode],
  )
  const scaleOf = (by: WorkloadBy) => (by === 'unit' ? owners.unitScale : owners.managerScale)
  return (
    <section className="grids-side" aria-label="网格管理">
      <TabList
        className="grids-side__tabs"
        tabs={gridTabs}
        active={tab}
        onSelect={props.onTabChange}
      />
      <SignInNote
        user={user}
        onLogin={() => props.onLoginRequest('网格长或管理员登录后可指派和调整网格。')}
      />
      <div className="grids-side__body" role="tabpanel">
        {tab === 'list' && (
          <ListTab
            {...props}
            write={write}
            selectedRows={selectedRows}
            list={{ filter, setFilter, sort, setSort }}
          />
        )}
        {tab === 'workload' && (
          <WorkloadPanel
            scope={workload}
            onScopeChange={setWorkload}
            townships={owners.townshipOptions}
            proposal={props.proposal}
            onProposal={props.onProposal}
            canEdit={canEdit}
            write={write}
            colorOf={(owner) => toHex(colorOf(scaleOf(workload.by), owner))}
            nameOf={(owner) => owners.nameOf(workload.by, owner)}
          />
        )}
        {tab === 'edit' && (
          <EditPanel
            rows={selectedRows}
            canEdit={canEdit}
            tool={tools.tool}
            onToolChange={tools.setTool}
            line={tools.line}
            onLineClear={() => tools.setLine(undefined)}
            shapeOf={(code) => data.shapeByCode.get(code)}
            editPolygon={tools.draw.editPolygon}
            editedPolygon={tools.draw.editedPolygon}
            write={write}
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
            nameOf={(kind, id) => owners.nameOf(kind, id)}
          />
        )}
      </div>
    </section>
  )
}

/** 网格列表: the selection's assign panel over the filtered, sorted table. */
interface ListState {
  filter: GridFilter
  setFilter: (filter: GridFilter) => void
  sort: GridSort
  setSort: (sort: GridSort) => void
}

function ListTab(
  props: GridsSideProps & { write: GridWrite; selectedRows: GridRow[]; list: ListState },
) {
  const { data, owners, selected, selectedRows } = props
  const { rows } = data
  const { filter, setFilter, sort, setSort } = props.list
  const shownRows = useMemo(
    () => sortRows(filterRows(data.allRows, filter), sort),
    [data.allRows, filter, sort],
  )
  return (
    <>
      {selectedRows.length > 0 && (
        <AssignPanel
          key={selected.join(',')}
          rows={selectedRows}
          units={data.units.data ?? []}
          managers={data.managers.data ?? []}
          canEdit={props.canEdit}
          write={props.write}
          onClear={props.onClear}
        />
      )}
      <GridTable
        rows={shownRows}
        total={data.allRows.length}
        filter={filter}
        onFilterChange={setFilter}
        sort={sort}
        onSortChange={setSort}
        townships={owners.townshipOptions}
        units={owners.unitOptions}
        managers={owners.managerOptions}
        selected={selected}
        hovered={props.hovered}
        onHover={props.onHover}
        onRowClick={props.onRowClick}
        isManagerActive={(id) => owners.managerActive.get(id) ?? true}
        status={rows.isPending ? 'loading' : rows.isError ? 'error' : 'ready'}
        error={rows.error?.message}
        onRetry={() => void rows.refetch()}
      />
    </>
  )
}
