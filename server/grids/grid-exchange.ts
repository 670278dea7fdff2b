// The grid assignment table and the grids as files: XLSX (网格责任表, Chinese headers), GeoJSON, and a
// zipped Shapefile (.shp .shx .dbf .prj .cpg, UTF-8 attributes) for desktop GIS.
import { zipSync } from 'fflate'
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node'
import { type ExportFile, formatsOf } from '../exchange/export-file.ts'
import { toShanghaiText } from '../exchange/shanghai-time.ts'
import type { GeoJsonFeature } from '../storage/store.ts'
import type { GridRow, Workspace } from './grid-workspace.ts'
import { type DbfField, type PolygonRings, writePolygonShapefile } from './shapefile-writer.ts'

export const gridExportFormats = formatsOf('xlsx', 'geojson', 'zip')
export type GridExportFormat = keyof typeof gridExportFormats
export type { ExportFile }

export const gridSheetName = '网格责任表'

interface Column {
  header: string
  width: number // characters
  value: (row: GridRow) => string | number | null
  format?: string
}

export const gridColumns: readonly Column[] = [
  { header: '网格编码', width: 18, value: (r) => r.gridCode },
  { header: '网格名称', width: 26, value: (r) => r.name },
  { header: '乡镇', width: 10, value: (r) => r.townshipName },
  { header: '村（社区）代码', width: 15, value: (r) => r.villageCode },
  { header: '责任单位', width: 22, value: (r) => r.unitName },
  { header: '网格长', width: 10, value: (r) => r.managerName },
  { header: '联系电话', width: 14, value: (r) => r.managerPhone },
  { header: '面积（平方公里）', width: 10, value: (r) => r.areaKm2, format: '0.00' },
  { header: '固定点位', width: 8, value: (r) => r.fixedPoints },
  { header: '随机点位', width: 8, value: (r) => r.randomPoints },
  { header: '未办结问题', width: 8, value: (r) => r.openIssues },
  { header: '逾期问题', width: 8, value: (r) => r.overdueIssues },
  { header: '问题总数', width: 8, value: (r) => r.issuesTotal },
  { header: '办结率', width: 8, value: (r) => r.closureRate, format: '0.0%' },
  { header: '分配状态', width: 8, value: (r) => (r.unassigned ? '未分配' : '已分配') },
]

export async function exportGrids(
  ws: Workspace,
  rows: readonly GridRow[],
  format: GridExportFormat,
  now: Date,
): Promise<ExportFile> {
  const stamp = (toShanghaiText(now.toISOString()) ?? '').slice(0, 10).replaceAll('-', '')
  const body =
    format === 'xlsx'
      ? await toGridsXlsx(rows)
      : format === 'geojson'
        ? toGridsGeoJson(ws, rows)
        : toGridsShapefileZip(ws, rows, now)
  const name = format === 'xlsx' ? '网格责任表' : '责任网格'
  return { body, contentType: gridExportFormats[format], fileName: `${name}-${stamp}.${format}` }
}

export async function toGridsXlsx(rows: readonly GridRow[]): Promise<Buffer> {
  const header: Row = gridColumns.map((c) => ({ value: c.header, fontWeight: 'bold' }))
  const data: Row[] = rows.map((row) =>
    gridColumns.map((c): Cell => {
      const value = c.value(row)
      if (value === null) return null
      if (typeof value === 'number') return c.format ? { value, format: c.format } : value
      return { value, type: String }
    }),
  )
  return writeXlsxFile([header, ...data], {
    sheet: gridSheetName,
    columns: gridColumns.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  }).toBuffer()
}

/** Row fields as a feature's properties (the caller's `editable` stays out of a file). */
function properties(row: GridRow): Record<string, unknown> {
  const { editable: _editable, ...rest } = row
  return rest
}

export function toGridsGeoJson(ws: Workspace, rows: readonly GridRow[]): Buffer {
  const geometry = new Map(ws.grids.map((g) => [g.id, g.geometry]))
  const features: GeoJsonFeature[] = rows.map((row) => ({
    type: 'Feature',
    id: row.gridCode,
    geometry: geometry.get(row.gridCode) ?? null,
    properties: properties(row),
  }))
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }), 'utf8')
}

// DBF names are at most 10 ASCII characters
const shapeFields: readonly (DbfField & { value: (r: GridRow) => string | number | null })[] = [
  { name: 'GRIDCODE', type: 'C', value: (r) => r.gridCode },
  { name: 'NAME', type: 'C', value: (r) => r.name },
  { name: 'TOWNSHIP', type: 'C', value: (r) => r.townshipCode },
  { name: 'TOWNNAME', type: 'C', value: (r) => r.townshipName },
  { name: 'VILLAGE', type: 'C', value: (r) => r.villageCode },
  { name: 'UNITCODE', type: 'C', value: (r) => r.unitCode },
  { name: 'UNITNAME', type: 'C', value: (r) => r.unitName },
  { name: 'MANAGERID', type: 'C', value: (r) => r.managerId },
  { name: 'MANAGER', type: 'C', value: (r) => r.managerName },
  { name: 'PHONE', type: 'C', value: (r) => r.managerPhone },
  { name: 'AREA_KM2', type: 'N', decimals: 2, value: (r) => r.areaKm2 },
  { name: 'FIXED_PTS', type: 'N', value: (r) => r.fixedPoints },
  { name: 'RANDOM_PTS', type: 'N', value: (r) => r.randomPoints },
  { name: 'OPEN', type: 'N', value: (r) => r.openIssues },
  { name: 'OVERDUE', type: 'N', value: (r) => r.overdueIssues },
  { name: 'TOTAL', type: 'N', value: (r) => r.issuesTotal },
  { name: 'UNASSIGNED', type: 'N', value: (r) => (r.unassigned ? 1 : 0) },
]

export const shapefileLayerName = 'grids'

export function toGridsShapefileZip(ws: Workspace, rows: readonly GridRow[], now: Date): Buffer {
  const geometry = new Map(ws.grids.map((g) => [g.id, g.geometry]))
  const parts = writePolygonShapefile(
    shapeFields,
    rows.map((row) => {
      const g = geometry.get(row.gridCode)
      const polygons: PolygonRings[] =
        g?.type === 'Polygon'
          ? [g.coordinates as PolygonRings]
          : g?.type === 'MultiPolygon'
            ? (g.coordinates as PolygonRings[])
            : []
      return {
        polygons,
        values: Object.fromEntries(shapeFields.map((f) => [f.name, f.value(row)])),
      }
    }),
    now,
  )
  const text = new TextEncoder()
  const name = shapefileLayerName
  return Buffer.from(
    zipSync({
      [`${name}.shp`]: parts.shp,
      [`${name}.shx`]: parts.shx,
      [`${name}.dbf`]: parts.dbf,
      [`${name}.prj`]: text.encode(parts.prj),
      [`${name}.cpg`]: text.encode(parts.cpg),
    }),
  )
}
