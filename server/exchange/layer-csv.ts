// Any layer as CSV (UTF-8 with BOM, CRLF). Geometry: a layer of points gets 经度/纬度 columns (what Excel users
// expect); any other layer gets one WKT column, lossless and read by GDAL/QGIS — but Excel truncates a cell
// past 32,767 characters, so a detailed polygon opens whole only in GIS software.
import {
  checkpointCategoryLabels,
  checkpointKindLabels,
  issueCategoryLabels,
  issueStatusLabels,
  propertyLabels,
  urCodeLabels,
} from '../domain/labels-zh.ts'
import type { GeoJsonFeature } from '../storage/store.ts'
import { no, yes } from './columns.ts'
import { toCsvFile } from './csv-file.ts'
import { toWkt } from './wkt.ts'

export type CellValue = string | number | boolean | null | undefined

export interface LayerColumn {
  header: string
  value: (feature: GeoJsonFeature) => CellValue
}

// enum codes shown as their Chinese labels (issue and check point categories never share a code)
const valueLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: checkpointKindLabels,
  category: { ...checkpointCategoryLabels, ...issueCategoryLabels },
  status: issueStatusLabels,
  urCode: urCodeLabels,
}

/**
 * One column per property seen in the features, headed by its Chinese label where there is one;
 * enum codes (kind, category, status, urCode) become their labels.
 */
export function propertyColumns(features: readonly GeoJsonFeature[]): LayerColumn[] {
  const keys = new Set<string>()
  for (const f of features) for (const key of Object.keys(f.properties ?? {})) keys.add(key)
  const used = new Set<string>()
  return [...keys].map((key) => {
    const label = Object.hasOwn(propertyLabels, key) ? propertyLabels[key] : undefined
    // two properties may share a label (townshipCode, townshipName): keep headers unique
    const header = label && !used.has(label) ? label : key
    used.add(header)
    const labels = Object.hasOwn(valueLabels, key) ? valueLabels[key] : undefined
    return {
      header,
      value: (f) => {
        const value = f.properties?.[key]
        const label =
          labels && typeof value === 'string' && Object.hasOwn(labels, value)
            ? labels[value]
            : undefined
        return label ?? toCellValue(value)
      },
    }
  })
}

export function toLayerCsv(
  features: readonly GeoJsonFeature[],
  columns: readonly LayerColumn[],
): Buffer {
  const allPoints = features.every((f) => f.geometry === null || f.geometry.type === 'Point')
  const geometryHeaders = allPoints ? ['经度', '纬度'] : ['WKT']
  const data = features.map((f) => {
    const cells = columns.map((c) => encode(c.value(f)))
    if (!f.geometry) return [...cells, ...geometryHeaders.map(() => '')]
    if (allPoints) {
      const [lng, lat] = f.geometry.coordinates as number[]
      return [...cells, lng ?? '', lat ?? '']
    }
    return [...cells, toWkt(f.geometry)]
  })
  const fields = [...columns.map((c) => c.header), ...geometryHeaders]
  return toCsvFile(fields, data)
}

function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return value
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value
  return JSON.stringify(value)
}

function encode(value: CellValue): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? yes : no
  return value
}
