// The grid managers' workspace API (/api/grids, /api/grid-managers, /api/units) and the grid
// geometries from the OGC collection. Query keys run generic → specific so a write can
// invalidate every grid-admin read at once.
import { queryOptions } from '@tanstack/react-query'
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { WorkloadWeights } from '../../../server/domain/grid-rebalance.ts'
import type {
  GridRow,
  WorkloadBy,
  WorkloadItem,
} from '../../../server/domain/grid-workspace-rows.ts'
import {
  ApiError,
  apiRequest,
  apiUrl,
  type FeaturePage,
  queryString,
} from '../../lib/api-client.ts'
import { collectionKeys, collectionQuery } from '../../lib/collection-query.ts'

// the server's own shapes, as JSON carries them
export type { GridRow, WorkloadBy, WorkloadItem, WorkloadWeights }

export interface GridList {
  items: GridRow[]
  total: number
  gridsVersion: number
  summary: { grids: number; unassigned: number; managers: number; units: number }
}

export interface GridManager {
  id: string
  name: string
  phone?: string | null
  active: boolean
  gridCount: number
  createdAt: string
}

export interface Unit {
  code: string
  name: string
  kind: string
  active: boolean
}

export interface Spread {
  max: number
  min: number
  ratio: number | null // max/min; JSON turns Infinity into null
  stdev: number
  owners: number
}

export interface Workload {
  by: WorkloadBy
  weights: WorkloadWeights
  items: WorkloadItem[]
  spread: Spread
}

export interface RebalanceMove {
  gridCode: string
  from: string
  to: string
  fromName?: string
  toName?: string
}

export interface RebalanceProposal {
  by: WorkloadBy
  gridsVersion: number
  moves: RebalanceMove[]
  before: Spread
  after: Spread
  owners: {
    owner: string
    before: number
    after: number
    gridsBefore: number
    gridsAfter: number
  }[]
}

export interface GridEvent {
  seq: number
  at: string
  actor: string
  actorName?: string
  action:
    | 'assign'
    | 'split'
    | 'merge'
    | 'reshape'
    | 'manager-create'
    | 'manager-update'
    | 'unit-create'
    | 'unit-update'
  gridCodes: string[]
  changes?: Record<string, unknown>
  note?: string
}

export interface GridHistory {
  items: GridEvent[]
  total: number
}

export interface Assignment {
  gridCode: string
  unitCode?: string
  managerId?: string | null // null = 取消指派
}

export interface AssignRequest {
  assignments: Assignment[]
  moveOpenIssues?: boolean
  note?: string
  gridsVersion?: number
}

export interface GeometryEditResult {
  retired?: string[]
  created?: GridRow[]
  changed?: GridRow[]
  reattributed: { checkpoints: number; issues: number }
  gridsVersion: number
}

export type GridGeometry = Polygon | MultiPolygon
export interface GridShapeProperties {
  gridCode: string
  name: string
  townshipCode: string
  responsibleUnit?: string
  managerId?: string | null
  synthetic?: boolean // the generated 示意 grids; the county's own (imported) grids carry none
}
export type GridShapes = FeaturePage<GridGeometry, GridShapeProperties>
export type GridShape = GridShapes['features'][number]

export const gridAdminKeys = {
  all: ['grid-admin'] as const,
  rows: () => [...gridAdminKeys.all, 'rows'] as const,
  workload: (by: WorkloadBy, township: string) =>
    [...gridAdminKeys.all, 'workload', by, township] as const,
  managers: () => [...gridAdminKeys.all, 'managers'] as const,
  units: () => [...gridAdminKeys.all, 'units'] as const,
  history: (grid: string, offset: number) =>
    [...gridAdminKeys.all, 'history', grid, offset] as const,
}

/** Every grid row; the table filters and sorts them here, so typing stays instant. */
export const gridRowsQuery = () =>
  queryOptions({
    queryKey: gridAdminKeys.rows(),
    queryFn: ({ signal }) => apiRequest<GridList>('api/grids', { signal }),
  })

/** The grid polygons; shares the OGC collection's cache entry with the other screens. */
export const gridShapesQuery = () => collectionQuery<GridGeometry, GridShapeProperties>('grids')
export const gridShapesKey = collectionKeys.items('grids')

export const workloadQuery = (by: WorkloadBy, township: string) =>
  queryOptions({
    queryKey: gridAdminKeys.workload(by, township),
    queryFn: ({ signal }) =>
      apiRequest<Workload>('api/grids/workload', {
        signal,
        query: queryString({ by, township }),
      }),
  })

export const managersQuery = () =>
  queryOptions({
    queryKey: gridAdminKeys.managers(),
    queryFn: ({ signal }) => apiRequest<GridManager[]>('api/grid-managers', { signal }),
  })

export const unitsQuery = () =>
  queryOptions({
    queryKey: gridAdminKeys.units(),
    queryFn: ({ signal }) => apiRequest<Unit[]>('api/units', { signal }),
  })

export const historyPageSize = 50

export const historyQuery = (grid: string, offset: number) =>
  queryOptions({
    queryKey: gridAdminKeys.history(grid, offset),
    queryFn: ({ signal }) =>
      apiRequest<GridHistory>('api/grids/history', {
        signal,
        query: queryString({ grid, limit: historyPageSize, offset }),
      }),
  })

export function assignGrids(request: AssignRequest) {
  return apiRequest<{ changed: number; issuesMoved: number; gridsVersion: number }>(
    'api/grids/assignments',
    { method: 'POST', json: request, action: '指派网格' },
  )
}

export function suggestRebalance(by: WorkloadBy, township: string) {
  return apiRequest<RebalanceProposal>('api/grids/rebalance', {
    method: 'POST',
    json: { by, ...(township ? { township } : {}) },
    action: '生成调整建议',
  })
}

export function splitGrid(gridCode: string, line: [number, number][], gridsVersion?: number) {
  return apiRequest<GeometryEditResult>('api/grids/split', {
    method: 'POST',
    json: { gridCode, line, ...(gridsVersion ? { gridsVersion } : {}) },
    action: '分割网格',
  })
}

export function mergeGrids(gridCodes: string[], gridsVersion?: number) {
  return apiRequest<GeometryEditResult>('api/grids/merge', {
    method: 'POST',
    json: { gridCodes, ...(gridsVersion ? { gridsVersion } : {}) },
    action: '合并网格',
  })
}

export function reshapeGrid(gridCode: string, geometry: GridGeometry, gridsVersion?: number) {
  return apiRequest<GeometryEditResult>(`api/grids/${encodeURIComponent(gridCode)}/geometry`, {
    method: 'PUT',
    json: { geometry, ...(gridsVersion ? { gridsVersion } : {}) },
    action: '重绘边界',
  })
}

export function createManager(body: { name: string; phone?: string }) {
  return apiRequest<GridManager>('api/grid-managers', {
    method: 'POST',
    json: body,
    action: '添加网格长',
  })
}

export function updateManager(
  id: string,
  body: { name?: string; phone?: string; active?: boolean },
) {
  return apiRequest<GridManager>(`api/grid-managers/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    json: body,
    action: '修改网格长',
  })
}

export function createUnit(body: { name: string; kind: string; code?: string }) {
  return apiRequest<Unit>('api/units', { method: 'POST', json: body, action: '添加责任单位' })
}

export function updateUnit(code: string, body: { name?: string; active?: boolean }) {
  return apiRequest<Unit>(`api/units/${encodeURIComponent(code)}`, {
    method: 'PATCH',
    json: body,
    action: '修改责任单位',
  })
}

export type ExportFormat = 'xlsx' | 'geojson' | 'zip'

/** The export link for the table's server-side filters (same parameters as GET /api/grids). */
export function gridExportUrl(format: ExportFormat, filter: Record<string, string>): string {
  return apiUrl(`api/grids/export.${format}`, queryString(filter))
}

// ---- import of the county's own grids (administrators) ----------------------------------------

export interface GridImportProblem {
  kind: 'overlap' | 'gap' | 'outside' | 'invalid'
  codes: string[]
  areaM2: number
  message: string
}

export interface GridImportReport {
  valid: boolean
  crs: string
  grids: number
  problems: GridImportProblem[]
  problemFeatures: FeatureCollection<GridGeometry | null, GridImportProblem>
  errors: { row: number; column: string; message: string }[]
}

export interface GridImportReply {
  report: GridImportReport
  imported?: {
    gridsVersion: number
    created: number
    replaced: number
    retired: number
    managersCreated: number
    reattributed: { checkpoints: number; issues: number; transferred: number }
  }
}

/** The layers a county replaces with its own file here: grids, township boundaries, check points. */
export type ImportLayer = 'grids' | 'townships' | 'checkpoints'

const importPaths: Record<ImportLayer, string> = {
  grids: 'api/grids/import',
  townships: 'api/layers/townships/import',
  checkpoints: 'api/layers/checkpoints/import',
}

/** What the township and check-point imports change (GET the OpenAPI for the full shape). */
export interface LayerChanges {
  added?: string[] | number
  removed?: string[] | number
  renamed?: { code: string; from: string; to: string }[]
  kept?: number
  reattributed?: { issues: number; checkpoints: number }
  gridsAcross?: string[]
  issuesNamingRemoved?: number
}

/** Uploads a layer file; dryRun only checks it. A refused file (400) still carries its report. */
export async function importLayerFile(
  layer: ImportLayer,
  file: File,
  dryRun: boolean,
): Promise<GridImportReply & { changes?: LayerChanges }> {
  try {
    const reply = await apiRequest<GridImportReply & { changes?: LayerChanges }>(
      importPaths[layer],
      {
        body: await file.arrayBuffer(),
        query: queryString({ filename: file.name, dryRun: dryRun || undefined }),
        action: '导入数据',
      },
    )
    return { ...reply, report: normalised(reply.report) }
  } catch (error) {
    const problem =
      error instanceof ApiError ? (error.problem as { report?: GridImportReport }) : {}
    if (problem?.report) return { report: normalised(problem.report) }
    // file-level failures (unknown CRS, unreadable file) come as errors without a tiling report
    const errors = error instanceof ApiError ? error.problem?.errors : undefined
    if (Array.isArray(errors) && errors.length > 0) {
      return { report: normalised({ valid: false, crs: '', errors } as never) }
    }
    throw error
  }
}

/** Every report with the grid report's fields: the check-point report has no tiling problems. */
function normalised(
  report: Partial<GridImportReport> & { townships?: number; checkpoints?: number },
): GridImportReport {
  return {
    valid: report.valid ?? false,
    crs: report.crs ?? '',
    grids: report.grids ?? report.townships ?? report.checkpoints ?? 0,
    problems: report.problems ?? [],
    problemFeatures: report.problemFeatures ?? { type: 'FeatureCollection', features: [] },
    errors: report.errors ?? [],
  }
}

/** Uploads a grid file; dryRun only checks it. */
export function importGridFile(file: File, dryRun: boolean): Promise<GridImportReply> {
  return importLayerFile('grids', file, dryRun)
}
