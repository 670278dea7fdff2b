// Files in and out of the ledger, wiring the pure converters of server/exchange/ to the store:
// exports of the filtered ledger (XLSX, CSV, GeoJSON) and of any layer (CSV, GeoJSON); imports of
// issues (XLSX/CSV) and check points (GeoJSON, KML/KMZ, zipped Shapefile), all or nothing.

import { type CollectionDef, findCollection } from '../collections.ts'
import { loadedBounds } from '../config/place-bounds.ts'
import { Forbidden, ImportFailed } from '../domain/errors.ts'
import { deadlineHours, type IssueProperties } from '../domain/issue.ts'
import { publicFeatureJson } from '../domain/personal-data.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { townshipUnitCode } from '../domain/units.ts'
import { ownUnitOf } from '../exchange/checkpoint-import.ts'
import type { LedgerLookups } from '../exchange/columns.ts'
import { type ExportFile, formatsOf } from '../exchange/export-file.ts'
import { toGeoJson } from '../exchange/geojson-export.ts'
import { capErrors, featureError, type ImportError, rowError } from '../exchange/import-error.ts'
import { propertyColumns, toLayerCsv } from '../exchange/layer-csv.ts'
import { toLedgerCsv } from '../exchange/ledger-csv.ts'
import type { Bbox, IssueDraft } from '../exchange/ledger-import.ts'
import { toLedgerXlsx } from '../exchange/ledger-xlsx.ts'
import { parseInWorker } from '../exchange/parse-in-worker.ts'
import type { TableFormat } from '../exchange/read-table.ts'
import { toShanghaiText } from '../exchange/shanghai-time.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { IssueListQuery } from '../storage/ledger-store.ts'
import type { GeoJsonFeature, Store } from '../storage/store.ts'
import { DuplicateId } from '../storage/store-errors.ts'
import { actorOf } from './issue-writes.ts'
import { locateGrid } from './locate.ts'

const hourMs = 3_600_000
export const maxExportRows = 200_000 // issues per export; the demo ledger holds a few thousand

export const ledgerFormats = formatsOf('xlsx', 'csv', 'geojson')
export type LedgerFormat = keyof typeof ledgerFormats
export type { ExportFile }

/** The ledger under the list's filters and sort (no paging) as one file. */
export async function exportLedger(
  store: Store,
  query: Omit<IssueListQuery, 'limit' | 'offset'>,
  format: LedgerFormat,
  now: Date,
): Promise<ExportFile> {
  const page = await store.listIssues({ ...query, limit: maxExportRows, offset: 0 })
  const features: GeoJsonFeature[] = page.items.map((s) => ({
    type: 'Feature',
    id: s.id,
    geometry: { type: 'Point', coordinates: s.lngLat },
    properties: s.properties as unknown as Record<string, unknown>,
  }))
  const lookups = await ledgerLookups(store)
  const body =
    format === 'xlsx'
      ? await toLedgerXlsx(features, lookups, now)
      : format === 'csv'
        ? toLedgerCsv(features, lookups, now)
        : toGeoJson(features)
  return {
    body,
    contentType: ledgerFormats[format],
    fileName: `问题台账-${dateStamp(now)}.${format}`,
  }
}

export const layerFormats = { csv: ledgerFormats.csv, geojson: ledgerFormats.geojson } as const
export type LayerFormat = keyof typeof layerFormats

/** Every feature of a layer as CSV (Chinese headers and labels) or GeoJSON. */
export async function exportLayer(
  store: Store,
  def: CollectionDef,
  format: LayerFormat,
  now: Date,
  anonymous = false, // without the properties that name a person
): Promise<ExportFile> {
  const count = (await store.collectionStats()).get(def.id)?.count ?? 0
  const page = await store.features(def.id, {
    properties: {},
    limit: Math.max(count, 1),
    offset: 0,
  })
  const features = page.features.map(
    (text) => JSON.parse(anonymous ? publicFeatureJson(def.id, text) : text) as GeoJsonFeature,
  )
  const body =
    format === 'csv' ? toLayerCsv(features, propertyColumns(features)) : toGeoJson(features)
  return {
    body,
    contentType: layerFormats[format],
    fileName: `${def.title}-${dateStamp(now)}.${format}`,
  }
}

/** Issues from a spreadsheet; row errors (with row numbers) or every row imported. */
export async function importLedger(
  store: Store,
  user: User,
  upload: { bytes: Uint8Array; format: TableFormat },
  now: Date,
): Promise<number> {
  if (!hasPermission(user, 'ledger_import')) throw new Forbidden('您无权导入问题台账')
  const units = await store.units()
  const parsed = await parseInWorker({
    kind: 'ledger',
    bytes: upload.bytes,
    format: upload.format,
    options: {
      bbox: await countyBbox(store),
      unitNames: new Map(units.map((u) => [u.code, u.name])),
    },
  })
  if ('errors' in parsed) throw new ImportFailed(parsed.errors)
  const errors: ImportError[] = []
  const seen = new Set<string>()
  const at = toIsoString(now.getTime())
  const events = []
  for (const draft of parsed.rows) {
    const place = await locateGrid(store, draft.lngLat)
    if (!place) errors.push(rowError(draft.row, '经度', '位置不在任何责任网格内（县域外）'))
    if (draft.id !== undefined) {
      if (seen.has(draft.id))
        errors.push(rowError(draft.row, '编号', `编号 ${draft.id} 在文件中重复`))
      else if (await store.issue(draft.id))
        errors.push(rowError(draft.row, '编号', `编号 ${draft.id} 已存在`))
      seen.add(draft.id)
    }
    if (draft.status === 'closed' && !draft.closedAt) {
      errors.push(rowError(draft.row, '销号时间', '状态为“已销号”的问题须填写销号时间'))
    }
    if (!place || errors.length > 0) continue
    const properties = toImportedProperties(draft, place, at)
    events.push({
      ...actorOf(user),
      ...(draft.id !== undefined ? { issueId: draft.id } : {}),
      at,
      action: 'import' as const,
      to: properties.status,
      changes: { ...properties, lngLat: draft.lngLat },
    })
  }
  if (errors.length > 0) throw new ImportFailed(capErrors(errors))
  try {
    return (await store.createIssues(events)).length
  } catch (error) {
    if (error instanceof DuplicateId) {
      throw new ImportFailed([rowError(0, '编号', `编号 ${error.id} 已存在`)])
    }
    throw error
  }
}

/** Check points from GeoJSON, KML/KMZ or a zipped Shapefile, added to the check point layer. */
export async function importCheckpoints(
  store: Store,
  user: User,
  upload: { bytes: Uint8Array; fileName: string },
): Promise<number> {
  if (!hasPermission(user, 'checkpoint_import')) throw new Forbidden('您无权导入测评点位')
  const parsed = await parseInWorker({
    kind: 'checkpoints',
    bytes: upload.bytes,
    fileName: upload.fileName,
    options: { bbox: await countyBbox(store) },
  })
  if ('errors' in parsed) throw new ImportFailed(parsed.errors)
  const errors: ImportError[] = []
  const features: GeoJsonFeature[] = []
  const units = await store.units()
  for (const [i, draft] of parsed.features.entries()) {
    const place = await locateGrid(store, draft.geometry.coordinates)
    if (!place) {
      errors.push(featureError(i + 1, '', '位置不在任何责任网格内（县域外）'))
      continue
    }
    const own = ownUnitOf(units, draft, i + 1, errors)
    if (!own) continue
    const { unit, properties } = own
    features.push({
      type: 'Feature',
      geometry: draft.geometry,
      properties: {
        ...properties,
        ...(unit ? { unitCode: unit.code } : {}),
        townshipCode: place.townshipCode,
        villageCode: place.villageCode ?? '',
        gridCode: place.gridCode,
        synthetic: false,
      },
    })
  }
  if (errors.length > 0) throw new ImportFailed(capErrors(errors))
  const def = findCollection('checkpoints') as CollectionDef
  return (await store.addFeatures(def, features, { prefix: 'cp-', digits: 4 })).length
}

function toImportedProperties(
  draft: IssueDraft,
  place: { gridCode: string; townshipCode: string; responsibleUnit?: string },
  at: string,
): IssueProperties {
  const status = draft.status ?? 'pending'
  const reportedAt = draft.reportedAt ?? at
  const properties: IssueProperties = {
    category: draft.category,
    description: draft.description,
    status,
    reportedAt,
    updatedAt: at,
    deadlineAt:
      draft.deadlineAt ??
      toIsoString(Date.parse(reportedAt) + deadlineHours[draft.category] * hourMs),
    responsibleUnit:
      draft.responsibleUnit ?? place.responsibleUnit ?? townshipUnitCode(place.townshipCode),
    gridCode: place.gridCode,
    townshipCode: place.townshipCode,
    synthetic: false,
  }
  if (draft.statusNotes !== undefined) properties.statusNotes = draft.statusNotes
  if (status === 'closed' && draft.closedAt) properties.closedAt = draft.closedAt
  if (draft.checkpointId !== undefined) properties.checkpointId = draft.checkpointId
  if (draft.source !== undefined) properties.source = draft.source
  return properties
}

/** Unit and township names for the exports' Chinese columns. */
async function ledgerLookups(store: Store): Promise<LedgerLookups> {
  const units = await store.units()
  const townships = await store.features('townships', { properties: {}, limit: 1000, offset: 0 })
  return {
    unitNames: new Map(units.map((u) => [u.code, u.name])),
    townshipNames: new Map(
      townships.features.map((text) => {
        const p = (JSON.parse(text) as { properties: { code: string; name: string } }).properties
        return [p.code, p.name]
      }),
    ),
  }
}

/** Imported positions must fall in the place's bounds (then in a grid); anywhere with none loaded. */
async function countyBbox(store: Store): Promise<Bbox> {
  return (await loadedBounds(store)) ?? [-180, -90, 180, 90]
}

// the file name's date is the Beijing date: 问题台账-20261122.xlsx
function dateStamp(now: Date): string {
  return (toShanghaiText(now.toISOString()) ?? '').slice(0, 10).replaceAll('-', '')
}
