// The grid managers' workspace API (/api/grids, /api/grid-managers): assignments, workload and
// rebalance, geometry edits, people, history and exports.

import { type Response, Router } from 'express'
import { z } from 'zod'
import { defaultWorkloadWeights } from '../../domain/grid-rebalance.ts'
import type { GridGeometry } from '../../domain/grid-shape.ts'
import { publicGridRow } from '../../domain/personal-data.ts'
import type { GeometryEditResult } from '../../grids/geometry-edit-steps.ts'
import { assignGrids } from '../../grids/grid-assignments.ts'
import { assertGridAdmin } from '../../grids/grid-edit-scope.ts'
import { type ExportFile, exportGrids, gridExportFormats } from '../../grids/grid-exchange.ts'
import { createManager, updateManager } from '../../grids/grid-manager-edits.ts'
import { mergeGrids } from '../../grids/grid-merge-edit.ts'
import { reshapeGrid } from '../../grids/grid-reshape-edit.ts'
import { splitGrid } from '../../grids/grid-split-edit.ts'
import {
  filterRows,
  loadWorkspace,
  rebalance,
  summarise,
  workload,
} from '../../grids/grid-workspace.ts'
import type { LiveLedger } from '../../live/live-ledger.ts'
import { NotFound } from '../../ogc/exception.ts'
import { callerOf, writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { assertReader, isAnonymous } from '../personal-data.ts'

const gridCode = z.string().regex(/^\d{15}$/, '网格编码须为 15 位数字')
const townshipCode = z.string().regex(/^\d{9}$/, '乡镇代码须为 9 位数字')
const code = z.string().trim().min(1).max(64)
const gridsVersion = z.number().int().min(1)
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const lng = z.number().min(-180).max(180)
const lat = z.number().min(-90).max(90)
const position = z.tuple([lng, lat])

export const listQuery = z
  .object({
    township: townshipCode.optional(),
    unit: code.optional(),
    manager: code.optional(),
    unassigned: bool.optional(),
    q: z.string().max(100).optional(),
  })
  .strict()

export const workloadQuery = z
  .object({ by: z.enum(['manager', 'unit']).default('manager'), township: townshipCode.optional() })
  .strict()

export const historyQuery = z
  .object({
    grid: gridCode.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

const weight = z.number().min(0).max(1000)
const weightsSchema = z
  .object({ openIssues: weight, overdueIssues: weight, points: weight, areaKm2: weight })
  .partial()
  .strict()

export const assignmentsBody = z
  .object({
    assignments: z
      .array(
        z
          .object({
            gridCode,
            unitCode: code.optional(),
            managerId: code.nullable().optional(),
          })
          .strict()
          .refine((a) => a.unitCode !== undefined || a.managerId !== undefined, {
            message: '每一项须给出 unitCode 或 managerId',
          }),
      )
      .min(1)
      .max(500),
    moveOpenIssues: z.boolean().optional(),
    note: z.string().trim().min(1).max(500).optional(),
    gridsVersion: gridsVersion.optional(),
  })
  .strict()

export const rebalanceBody = z
  .object({
    by: z.enum(['manager', 'unit']),
    township: townshipCode.optional(),
    weights: weightsSchema.optional(),
    maxMoves: z.number().int().min(0).max(500).optional(),
  })
  .strict()

export const splitBody = z
  .object({
    gridCode,
    line: z.array(position).min(2).max(500),
    gridsVersion: gridsVersion.optional(),
  })
  .strict()

export const mergeBody = z
  .object({ gridCodes: z.array(gridCode).min(2).max(50), gridsVersion: gridsVersion.optional() })
  .strict()

const ring = z.array(position).min(4).max(5000)
const polygonCoordinates = z.array(ring).min(1).max(100)
export const geometryBody = z
  .object({
    geometry: z.discriminatedUnion('type', [
      z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinates }).strict(),
      z
        .object({
          type: z.literal('MultiPolygon'),
          coordinates: z.array(polygonCoordinates).min(1).max(100),
        })
        .strict(),
    ]),
    gridsVersion: gridsVersion.optional(),
  })
  .strict()

const managerName = z.string().trim().min(1).max(40)
const phone = z.string().trim().max(40)
export const managerCreateBody = z.object({ name: managerName, phone: phone.optional() }).strict()
export const managerUpdateBody = z
  .object({
    name: managerName.optional(),
    phone: phone.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项（name、phone 或 active）' })

// RFC 6266: an ASCII fallback, and the Chinese name percent-encoded (RFC 8187), as the ledger's exports
function sendFile(res: Response, file: ExportFile): void {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  )
  res.type(file.contentType).send(file.body)
}

export function gridRoutes({ store, now }: AppContext, live: LiveLedger): Router {
  const userOf = (res: Response) => callerOf(res)?.user

  /** A geometry edit's answer: the rows of the grids it made or changed, as they are now. */
  async function editAnswer(
    res: Response,
    result: { gridsVersion: number; value: GeometryEditResult },
    key: 'created' | 'changed',
  ) {
    const ws = await loadWorkspace(store, live, userOf(res), now())
    const codes = key === 'created' ? result.value.created : result.value.changed
    const body: Record<string, unknown> = {
      [key]: ws.rows.filter((r) => codes.includes(r.gridCode)),
      reattributed: result.value.reattributed,
      gridsVersion: result.gridsVersion,
    }
    if (key === 'created') body.retired = result.value.retired
    res.json(body)
  }

  return Router()
    .get('/api/grids', async (req, res) => {
      const filter = parseApiQuery(listQuery, req.query)
      const ws = await loadWorkspace(store, live, userOf(res), now())
      const rows = filterRows(ws.rows, filter)
      const items = isAnonymous(res) ? rows.map(publicGridRow) : rows
      res.json({
        items,
        total: items.length,
        gridsVersion: ws.gridsVersion,
        summary: summarise(items),
      })
    })
    .get('/api/grids/export.:format', async (req, res) => {
      assertReader(res, '网格台账')
      const format = req.params.format
      if (!Object.hasOwn(gridExportFormats, format)) {
        throw new NotFound(`不支持导出为 .${format.slice(0, 20)}（可用：xlsx、geojson、zip）`)
      }
      const filter = parseApiQuery(listQuery, req.query)
      const at = now()
      const ws = await loadWorkspace(store, live, userOf(res), at)
      const rows = filterRows(ws.rows, filter)
      sendFile(res, await exportGrids(ws, rows, format as keyof typeof gridExportFormats, at))
    })
    .get('/api/grids/workload', async (req, res) => {
      assertReader(res, '网格工作量')
      const query = parseApiQuery(workloadQuery, req.query)
      const ws = await loadWorkspace(store, live, userOf(res), now())
      res.json(workload(ws, query.by, query.township))
    })
    .get('/api/grids/history', async (req, res) => {
      assertReader(res, '网格调整记录')
      const query = parseApiQuery(historyQuery, req.query)
      res.json(
        await store.gridEvents({
          limit: query.limit,
          offset: query.offset,
          ...(query.grid !== undefined ? { gridCode: query.grid } : {}),
        }),
      )
    })
    .post('/api/grids/rebalance', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(rebalanceBody, req)
      assertGridAdmin(user)
      const ws = await loadWorkspace(store, live, user, now())
      res.json(
        rebalance(store, ws, {
          by: body.by,
          weights: { ...defaultWorkloadWeights, ...body.weights },
          ...(body.township !== undefined ? { township: body.township } : {}),
          ...(body.maxMoves !== undefined ? { maxMoves: body.maxMoves } : {}),
        }),
      )
    })
    .post('/api/grids/assignments', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(assignmentsBody, req)
      const result = await assignGrids(store, user, body, now())
      res.json({ ...result.value, gridsVersion: result.gridsVersion })
    })
    .post('/api/grids/split', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(splitBody, req)
      await editAnswer(res, await splitGrid(store, user, body, now()), 'created')
    })
    .post('/api/grids/merge', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(mergeBody, req)
      await editAnswer(res, await mergeGrids(store, user, body, now()), 'created')
    })
    .put('/api/grids/:gridCode/geometry', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(geometryBody, req)
      const input = {
        gridCode: req.params.gridCode,
        geometry: body.geometry as GridGeometry,
        ...(body.gridsVersion !== undefined ? { gridsVersion: body.gridsVersion } : {}),
      }
      await editAnswer(res, await reshapeGrid(store, user, input, now()), 'changed')
    })
    .get('/api/grid-managers', async (_req, res) => {
      assertReader(res, '网格长名单')
      const [managers, grids] = await Promise.all([store.gridManagers(), store.gridFeatures()])
      const counts = new Map<string, number>()
      for (const g of grids) {
        const id = g.properties.managerId
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1)
      }
      res.json(
        managers.map((m) => ({
          id: m.id,
          name: m.name,
          phone: m.phone,
          active: m.active,
          gridCount: counts.get(m.id) ?? 0,
          createdAt: m.createdAt,
        })),
      )
    })
    .post('/api/grid-managers', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(managerCreateBody, req)
      const result = await createManager(store, user, body, now())
      res.status(201).json({ ...result.value, gridCount: 0 })
    })
    .patch('/api/grid-managers/:id', async (req, res) => {
      const user = writerOf(res)
      const body = parseJsonBody(managerUpdateBody, req)
      const result = await updateManager(store, user, req.params.id, body, now())
      const grids = await store.gridFeatures()
      res.json({
        ...result.value,
        gridCount: grids.filter((g) => g.properties.managerId === result.value.id).length,
      })
    })
}
