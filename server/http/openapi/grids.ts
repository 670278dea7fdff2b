// 网格管理 Grids: the grid managers' workspace — list, workload, rebalance, assignments, split,
// merge, redraw, history, exports; grid managers and responsible units.

import { place } from '../../config/place.ts'
import { gridExportFormats } from '../../grids/grid-exchange.ts'
import { gridEventActions } from '../../storage/grid-store.ts'
import {
  assignmentsBody,
  geometryBody,
  historyQuery,
  listQuery,
  managerCreateBody,
  managerUpdateBody,
  mergeBody,
  rebalanceBody,
  splitBody,
  workloadQuery,
} from '../routes/grids.ts'
import { unitCreateBody, unitUpdateBody } from '../routes/units.ts'
import {
  anyObject,
  filterDescriptions,
  itemsOf,
  type Json,
  jsonResponse,
  pathParameter,
  schemaRef,
  t,
  tags,
} from './common.ts'
import { created, formatDownload, type Route, toPart } from './route-table.ts'

/** The list's filters, which its export takes too. */
const gridFilters = {
  schema: listQuery,
  describe: {
    township: filterDescriptions.township,
    unit: filterDescriptions.unit,
    manager: '网格长编号',
    unassigned: '只看未分配（无网格长、网格长或单位已停用）的网格：true/false（也接受 1/0）',
    q: '按编码或名称查找',
  },
}

const writeNote =
  '需要 grid_admin（网格长、管理员）；网格长只能改自己的网格（否则 403 并指出网格）。可带 gridsVersion：已过期 → 409（含当前 gridsVersion）。'

const spread = t.object({
  max: t.number,
  min: t.number,
  ratio: {
    type: 'number',
    description: 'max/min；min 为 0 时为 null（JSON 中的 Infinity）',
    nullable: true,
  },
  stdev: t.number,
  owners: t.integer,
})
const reattributed = t.object({ checkpoints: t.integer, issues: t.integer })
const edited = (key: 'created' | 'changed'): Json =>
  t.object(
    {
      ...(key === 'created' ? { retired: t.array(t.string) } : {}),
      [key]: t.array(schemaRef('gridRow')),
      reattributed,
      gridsVersion: t.integer,
    },
    [key, 'reattributed', 'gridsVersion'],
  )

// a small square near the county's default view centre, for the redraw example
const [cx, cy] = place.defaultView.center
const seat = place.seatTownship.code
const square = [
  [cx - 0.001, cy - 0.001],
  [cx + 0.001, cy - 0.001],
  [cx + 0.001, cy + 0.001],
  [cx - 0.001, cy + 0.001],
  [cx - 0.001, cy - 0.001],
]

const routes: Route[] = [
  {
    route: 'GET /api/grids',
    operationId: 'listGrids',
    summary: '网格列表与概况',
    who: 'read',
    query: gridFilters,
    ok: jsonResponse(
      '网格',
      itemsOf(schemaRef('gridRow'), {
        total: t.integer,
        gridsVersion: t.integer,
        summary: t.object({
          grids: t.integer,
          unassigned: t.integer,
          managers: t.integer,
          units: t.integer,
        }),
      }),
    ),
  },
  {
    route: 'GET /api/grids/export.{format}',
    operationId: 'exportGrids',
    summary: '导出网格（与列表相同的筛选；zip 为 Shapefile）',
    tags: [tags.grids, tags.exchange],
    who: 'read',
    ...formatDownload('网格文件', gridExportFormats),
    query: gridFilters,
  },
  {
    route: 'GET /api/grids/workload',
    operationId: 'getGridWorkload',
    summary: '工作量（按网格长或责任单位）',
    who: 'read',
    query: {
      schema: workloadQuery,
      describe: {
        by: '按网格长或责任单位',
        township: filterDescriptions.township,
      },
    },
    ok: jsonResponse(
      '工作量与离散程度',
      t.object(
        {
          by: { type: 'string', enum: ['manager', 'unit'] },
          weights: { type: 'object', additionalProperties: t.number },
          items: t.array(
            t.object({
              id: t.string,
              name: t.string,
              active: t.boolean,
              townshipCodes: t.array(t.string),
              grids: t.integer,
              openIssues: t.integer,
              overdueIssues: t.integer,
              points: t.integer,
              areaKm2: t.number,
              workload: t.number,
            }),
          ),
          spread,
        },
        ['by', 'weights', 'items', 'spread'],
      ),
    ),
  },
  {
    route: 'GET /api/grids/history',
    operationId: 'getGridHistory',
    summary: '网格变更历史（最新的在前）',
    who: 'read',
    query: {
      schema: historyQuery,
      describe: {
        grid: filterDescriptions.grid,
        limit: '条数',
        offset: filterDescriptions.offset,
      },
    },
    ok: jsonResponse(
      '历史',
      itemsOf(
        t.object({
          seq: t.integer,
          at: t.dateTime,
          actor: t.string,
          actorName: t.string,
          action: { type: 'string', enum: [...gridEventActions] },
          gridCodes: t.array(t.string),
          changes: anyObject,
          note: t.string,
        }),
        { total: t.integer },
      ),
    ),
  },
  {
    route: 'POST /api/grids/rebalance',
    operationId: 'suggestGridRebalance',
    summary: '工作量均衡建议（不写入；接受时用 assignments 提交 moves）',
    description: writeNote,
    who: 'write',
    body: {
      schema: rebalanceBody,
      example: {
        by: 'manager',
        township: seat,
        maxMoves: 5,
      },
    },
    ok: jsonResponse(
      '建议的调整',
      t.object(
        {
          by: { type: 'string', enum: ['manager', 'unit'] },
          gridsVersion: t.integer,
          moves: t.array(
            t.object({
              gridCode: t.string,
              from: t.string,
              to: t.string,
              fromName: t.string,
              toName: t.string,
            }),
          ),
          before: spread,
          after: spread,
          owners: t.array(anyObject),
        },
        ['by', 'gridsVersion', 'moves', 'before', 'after', 'owners'],
      ),
    ),
    errors: [409],
  },
  {
    route: 'POST /api/grids/assignments',
    operationId: 'assignGrids',
    summary: '分配网格的责任单位和/或网格长（managerId 为 null 即取消分配）',
    description: `未知或停用的网格、单位、网格长 → 400（如 assignments.3.managerId）。moveOpenIssues（默认 true）：原单位的未办结问题改派新单位。${writeNote}`,
    who: 'write',
    body: {
      schema: assignmentsBody,
      example: {
        assignments: [{ gridCode: `${seat}001002`, unitCode: 'urban-management' }],
        moveOpenIssues: true,
        note: '按工作量调整',
      },
    },
    ok: jsonResponse(
      '已分配',
      t.object(
        {
          changed: t.integer,
          issuesMoved: t.integer,
          gridsVersion: t.integer,
        },
        ['changed', 'issuesMoved', 'gridsVersion'],
      ),
    ),
    errors: [409],
  },
  {
    route: 'POST /api/grids/split',
    operationId: 'splitGrid',
    summary: '分割网格（原编码停用，各部分得到新编码）',
    description: `分割线须穿过网格；无效的编辑 → 400（errors[].field 为 line），什么都不改。${writeNote}`,
    who: 'write',
    body: {
      schema: splitBody,
      example: {
        gridCode: `${seat}001002`,
        line: [
          [cx - 0.005, cy - 0.02],
          [cx + 0.005, cy + 0.02],
        ],
      },
    },
    ok: jsonResponse('新网格', edited('created')),
    errors: [409],
  },
  {
    route: 'POST /api/grids/merge',
    operationId: 'mergeGrids',
    summary: '合并相邻网格（单位、网格长取最大的一块）',
    description: writeNote,
    who: 'write',
    body: {
      schema: mergeBody,
      example: {
        gridCodes: [`${seat}001001`, `${seat}001002`],
      },
    },
    ok: jsonResponse('合并后的网格', edited('created')),
    errors: [409],
  },
  {
    route: 'PUT /api/grids/{gridCode}/geometry',
    operationId: 'reshapeGrid',
    summary: '重绘网格边界（相邻网格随之调整，编码不变）',
    description: writeNote,
    who: 'write',
    params: [pathParameter('gridCode', filterDescriptions.grid)],
    body: {
      schema: geometryBody,
      example: {
        geometry: { type: 'Polygon', coordinates: [square] },
      },
    },
    ok: jsonResponse('改变了的网格', edited('changed')),
    errors: [404, 409],
  },
  {
    route: 'GET /api/grid-managers',
    operationId: 'listGridManagers',
    summary: '网格长',
    who: 'read',
    ok: jsonResponse('所有网格长', t.array(schemaRef('gridManager'))),
  },
  {
    route: 'POST /api/grid-managers',
    operationId: 'createGridManager',
    summary: '新增网格长（grid_admin）',
    who: 'write',
    body: {
      schema: managerCreateBody,
      example: {
        name: '李网格',
        phone: '13800000000',
      },
    },
    ...created('新网格长', schemaRef('gridManager')),
  },
  {
    route: 'PATCH /api/grid-managers/{id}',
    operationId: 'updateGridManager',
    summary: '修改或停用网格长（停用后其网格显示为未分配）',
    who: 'write',
    params: [pathParameter('id', '网格长编号，如 gm-0001')],
    body: { schema: managerUpdateBody, example: { phone: '13900000000' } },
    ok: jsonResponse('网格长', schemaRef('gridManager')),
    errors: [404],
  },
  {
    route: 'POST /api/units',
    operationId: 'createUnit',
    summary: '新增责任单位（grid_admin）',
    who: 'write',
    body: {
      schema: unitCreateBody,
      example: {
        name: '县住房和城乡建设局',
        kind: 'department',
        code: 'housing-construction',
      },
    },
    ...created('新单位', schemaRef('unit')),
  },
  {
    route: 'PATCH /api/units/{code}',
    operationId: 'updateUnit',
    summary: '改名或停用责任单位（grid_admin）',
    who: 'write',
    params: [pathParameter('code', '单位代码')],
    body: { schema: unitUpdateBody, example: { name: '县城市管理综合执法局' } },
    ok: jsonResponse('单位', schemaRef('unit')),
    errors: [404],
  },
]

export const gridsPart = toPart(tags.grids, routes)
