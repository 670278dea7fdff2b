// Files: the filtered ledger as XLSX/CSV/GeoJSON, any layer as CSV/GeoJSON, and imports of issues
// (XLSX/CSV) and check points (GeoJSON/KML/KMZ/zipped Shapefile), all or nothing.

import express, { type Response, Router } from 'express'
import { z } from 'zod'
import { importCheckpointLayer } from '../../grids/checkpoint-layer-import.ts'
import { importGrids } from '../../grids/grid-import.ts'
import { importTownships } from '../../grids/township-import.ts'
import {
  type ExportFile,
  exportLayer,
  exportLedger,
  importCheckpoints,
  importLedger,
  layerFormats,
  ledgerFormats,
} from '../../ledger/exchange.ts'
import { NotFound } from '../../ogc/exception.ts'
import { requireWriter, writerOf } from '../auth.ts'
import { parseApiQuery, rawBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { UnsupportedMediaType } from '../errors.ts'
import { idempotency } from '../idempotency.ts'
import { assertReader, isAnonymous } from '../personal-data.ts'
import { collectionOr404 } from './collection-param.ts'
import { issueExportSchema, toIssueListQuery } from './issue-query.ts'

const maxImportBytes = 20 * 1024 * 1024 // the importers check their own, smaller limits

const tableTypes: Record<string, 'xlsx' | 'csv'> = {
  [ledgerFormats.xlsx]: 'xlsx',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/plain': 'csv', // what some browsers send for .csv
}

export const checkpointImportQuery = z
  .object({
    filename: z
      .string()
      .min(1)
      .max(200)
      .regex(/\.(geojson|json|kml|kmz|zip)$/i, '文件扩展名须为 .geojson、.kml、.kmz 或 .zip'),
  })
  .strict()

export const gridImportQuery = z
  .object({
    filename: z
      .string()
      .min(1)
      .max(200)
      .regex(/\.(geojson|json|zip|gpkg)$/i, '文件扩展名须为 .geojson、.zip（Shapefile）或 .gpkg'),
    dryRun: z
      .enum(['true', 'false', '1', '0'])
      .transform((v) => v === 'true' || v === '1')
      .optional(),
  })
  .strict()

export function sendFile(res: Response, file: ExportFile): void {
  // RFC 6266: an ASCII fallback, and the Chinese name percent-encoded (RFC 8187)
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  )
  res.type(file.contentType).send(file.body)
}

export function exchangeRoutes(ctx: AppContext): Router {
  const { store, now } = ctx
  // the file is read by `raw`, within its limit, before the Idempotency-Key is checked
  const raw = express.raw({ type: () => true, limit: maxImportBytes })
  const once = idempotency(ctx)
  return (
    Router()
      .get('/api/issues/export.:format', async (req, res) => {
        assertReader(res, '问题台账')
        const format = req.params.format
        if (!Object.hasOwn(ledgerFormats, format))
          throw new NotFound(`不支持导出为 .${format.slice(0, 20)}（可用：xlsx、csv、geojson）`)
        const at = now()
        const query = toIssueListQuery(parseApiQuery(issueExportSchema, req.query), at)
        sendFile(res, await exportLedger(store, query, format as keyof typeof ledgerFormats, at))
      })
      .get('/api/layers/:collectionId/export.:format', async (req, res) => {
        const def = collectionOr404(req.params.collectionId)
        const format = req.params.format
        if (!Object.hasOwn(layerFormats, format))
          throw new NotFound(`不支持导出为 .${format.slice(0, 20)}（可用：csv、geojson）`)
        parseApiQuery(z.object({}).strict(), req.query)
        sendFile(
          res,
          await exportLayer(
            store,
            def,
            format as keyof typeof layerFormats,
            now(),
            isAnonymous(res),
          ),
        )
      })
      .post('/api/issues/import', requireWriter, raw, once, async (req, res) => {
        const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
        const format = tableTypes[type]
        if (!format) throw new UnsupportedMediaType('请上传 Excel（.xlsx）或 CSV 文件')
        res.json({
          imported: await importLedger(
            store,
            writerOf(res),
            { bytes: rawBody(req), format },
            now(),
          ),
        })
      })
      // administrators only (layer_import): the county's own grids replace the layer; dryRun=true checks
      .post('/api/grids/import', requireWriter, raw, once, async (req, res) => {
        const { filename, dryRun } = parseApiQuery(gridImportQuery, req.query)
        res.json(
          await importGrids(
            store,
            writerOf(res),
            { bytes: rawBody(req), fileName: filename, dryRun: dryRun ?? false },
            now(),
          ),
        )
      })
      // administrators only (layer_import): the county's own townships / check points replace the
      // layer, all or nothing; dryRun=true reports what would change
      .post('/api/layers/townships/import', requireWriter, raw, once, async (req, res) => {
        const { filename, dryRun } = parseApiQuery(gridImportQuery, req.query)
        const upload = { bytes: rawBody(req), fileName: filename, dryRun: dryRun ?? false }
        res.json(await importTownships(store, writerOf(res), upload, now()))
      })
      .post('/api/layers/checkpoints/import', requireWriter, raw, once, async (req, res) => {
        const { filename, dryRun } = parseApiQuery(gridImportQuery, req.query)
        const upload = { bytes: rawBody(req), fileName: filename, dryRun: dryRun ?? false }
        res.json(await importCheckpointLayer(store, writerOf(res), upload, now()))
      })
      .post('/api/checkpoints/import', requireWriter, raw, once, async (req, res) => {
        const { filename } = parseApiQuery(checkpointImportQuery, req.query)
        res.json({
          imported: await importCheckpoints(store, writerOf(res), {
            bytes: rawBody(req),
            fileName: filename,
          }),
        })
      })
  )
}
