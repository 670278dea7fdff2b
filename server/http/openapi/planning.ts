// 创建规划 Planning: demonstration-point scores and plans, rehearsal, forecast, 1 km and corridors.
// Request bodies and queries are the route's own zod schemas (planning/plan-schemas.ts); the tests
// send each example to the server.

import type { ZodType } from 'zod'
import { place } from '../../config/place.ts'
import { checkpointKinds } from '../../domain/checkpoint.ts'
import { corridorDefaults } from '../../planning/corridors.ts'
import { planFormats } from '../../planning/plan-exchange.ts'
import {
  candidatesSchema,
  compareSchema,
  corridorsQuery,
  forecastSchema,
  newPlanSchema,
  optimiseSchema,
  planChangesSchema,
  rehearsalSchema,
  seatRadiusQuery,
} from '../../planning/plan-schemas.ts'
import { seatRadiusDefaults } from '../../planning/seat-radius.ts'
import { anyObject, type Json, jsonResponse, pathParameter, schemaRef, t, tags } from './common.ts'
import { formatDownload, noContentAnswer, type Route, toPart } from './route-table.ts'

const dataAsOf = {
  ...t.dateTime,
  description: '计算所用数据的时间（规划结果比台账最多晚约一分钟）',
}
/** A planning answer: its own properties plus dataAsOf. */
const answer = (properties: Record<string, Json>, required: string[] = []) =>
  t.object({ ...properties, dataAsOf }, required)
const planId = pathParameter('id', '方案编号，如 plan-0001')
/** One plan with its summary, as a planning answer. */
const planAnswer = { allOf: [schemaRef('planView'), answer({})] }

/** A computation that writes nothing: any reader may call it (with the CSRF header); display token → 403. */
const compute = (
  route: `POST /api${string}`,
  operationId: string,
  summary: string,
  body: Route['body'],
  response: Json,
  description = '',
): Route => ({
  route,
  operationId,
  summary,
  description: `${description}只计算不写入：任何可读用户都可调用（须带 X-Requested-With: fetch）；大屏令牌 → 403。`,
  who: 'anyoneWrites',
  body,
  ok: jsonResponse(summary, response),
  errors: [401],
})

/** A query of one optional distance in metres, whose default the planning module applies. */
const metresQuery = (schema: ZodType, name: string, description: string, value: number) => ({
  schema,
  describe: { [name]: description },
  overrides: { [name]: { default: value } },
})

const planWriteNote = '需要 plan_edit（规划人员、管理员）：匿名 401，其他角色 403。'

const routes: Route[] = [
  compute(
    'POST /api/planning/candidates',
    'rankCandidates',
    '示范点候选评分（按得分排序）',
    {
      schema: candidatesSchema,
      example: {
        weights: { density: 3, closure: 2, overdue: 2, category: 1, location: 1, spacing: 1 },
        kinds: ['fixed'],
      },
    },
    answer(
      {
        weights: { type: 'object', additionalProperties: t.number },
        items: t.array(
          t.object({
            checkpointId: t.string,
            name: t.string,
            kind: { type: 'string', enum: [...checkpointKinds] },
            category: t.string,
            townshipCode: t.string,
            townshipName: t.string,
            gridCode: t.string,
            lngLat: t.array(t.number),
            score: { type: 'number', minimum: 0, maximum: 100 },
            factors: { type: 'object', additionalProperties: t.number },
            raw: anyObject,
            chosen: t.boolean,
          }),
        ),
      },
      ['weights', 'items'],
    ),
    'kinds 只筛选返回的点位；plan 中的未知编号 → 400。',
  ),
  compute(
    'POST /api/planning/optimise',
    'optimisePlan',
    '一键优化示范点方案',
    {
      schema: optimiseSchema,
      example: { constraints: { size: 12, minPerTownship: 1, minSpacingM: 300 } },
    },
    answer(
      {
        weights: anyObject,
        constraints: anyObject,
        checkpointIds: t.array(t.string),
        summary: schemaRef('planSummary'),
        search: t.object({
          greedyMeanScore: t.number,
          swaps: t.integer,
          passes: t.integer,
          converged: t.boolean,
        }),
        baseline: t.object({
          randomMean: t.number,
          randomBest: t.number,
          samples: t.integer,
        }),
      },
      ['weights', 'constraints', 'checkpointIds', 'summary', 'search', 'baseline'],
    ),
    '约束无法满足 → 400（errors[0].field 如 constraints.minPerTownship）。',
  ),
  compute(
    'POST /api/planning/rehearsal',
    'rehearseDraws',
    '模拟抽检（随机点位）',
    {
      schema: rehearsalSchema,
      example: { seed: 20261122, draws: 500, township: place.seatTownship.code },
    },
    answer(
      {
        seed: t.integer,
        draws: t.integer,
        radiusM: t.number,
        perCategory: { type: 'object', additionalProperties: t.integer },
        pointsPerDraw: t.integer,
        poolSize: t.integer,
        first: t.array(anyObject),
        firstScore: t.number,
        distribution: t.object({
          mean: t.number,
          stdev: t.number,
          min: t.number,
          max: t.number,
          p5: t.number,
          p50: t.number,
          p95: t.number,
          histogram: t.array(anyObject),
        }),
        worst: t.array(anyObject),
      },
      ['seed', 'draws', 'first', 'firstScore', 'distribution', 'worst'],
    ),
    '返回第一次抽取的点位、抽检得分的分布（均值、标准差、p5/p50/p95、直方图）和“先整改”名单。',
  ),
  compute(
    'POST /api/planning/forecast',
    'forecastScore',
    '实地考察得分预测',
    { schema: forecastSchema, example: { seed: 7, fixedShare: 0.5 } },
    answer(
      {
        assumptions: t.array(t.string),
        model: anyObject,
        county: t.object({
          expected: t.number,
          low: t.number,
          high: t.number,
          fixedMean: t.number,
          randomMean: t.number,
        }),
        townships: t.array(anyObject),
        assessment: t.object({
          shares: t.array(
            t.object({
              method: { type: 'string', enum: ['field', 'materials', 'survey', 'departments'] },
              points: t.number,
              expected: { type: 'number', nullable: true },
              low: t.number,
              high: t.number,
              basis: t.string,
            }),
          ),
          total: anyObject,
          vetoAlarms: t.array(anyObject),
          actions: t.array(anyObject),
        }),
      },
      ['assumptions', 'county', 'townships'],
    ),
  ),
  {
    route: 'GET /api/planning/seat-radius',
    operationId: 'getSeatRadius',
    summary: '乡镇驻地 1 公里范围内的村与问题',
    who: 'read',
    query: metresQuery(seatRadiusQuery, 'radiusM', '半径（米）', seatRadiusDefaults.radiusM),
    ok: jsonResponse(
      `每个乡镇驻地一项（县城 ${place.code} 除外）`,
      answer({ radiusM: t.number, townships: t.array(anyObject) }, ['radiusM', 'townships']),
    ),
  },
  {
    route: 'GET /api/planning/corridors',
    operationId: 'getCorridors',
    summary: '道路、河流沿线的问题（含缓冲区 GeoJSON）',
    who: 'read',
    query: metresQuery(corridorsQuery, 'widthM', '沿线两侧宽度（米）', corridorDefaults.widthM),
    ok: jsonResponse(
      '各条线路的统计',
      answer(
        {
          widthM: t.number,
          corridors: t.array(anyObject),
          geojson: t.object({
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: t.array(anyObject),
          }),
        },
        ['widthM', 'corridors', 'geojson'],
      ),
    ),
  },
  {
    route: 'GET /api/plans',
    operationId: 'listPlans',
    summary: '示范点方案（最早的在前）',
    who: 'read',
    ok: jsonResponse('方案及其概况', answer({ items: t.array(schemaRef('planView')) }, ['items'])),
    errors: [400],
  },
  {
    route: 'POST /api/plans',
    operationId: 'createPlan',
    summary: '保存方案',
    description: `${planWriteNote}点位须已知且不重复（400，field 如 checkpointIds.3）；名称已被使用 → 409。`,
    who: 'write',
    body: {
      schema: newPlanSchema,
      example: {
        name: `${place.seatTownship.name}示范点方案`,
        checkpointIds: [],
        constraints: { size: 12 },
      },
    },
    status: 201,
    ok: {
      ...jsonResponse('新方案', planAnswer),
      headers: { Location: { description: '/api/plans/<id>', schema: t.string } },
    },
    errors: [409],
  },
  {
    route: 'GET /api/plans/compare',
    operationId: 'comparePlans',
    summary: '比较两个方案',
    who: 'read',
    query: { schema: compareSchema, describe: { a: '方案 A 的编号', b: '方案 B 的编号' } },
    ok: jsonResponse(
      '两个方案的差异与各自概况',
      answer(
        {
          plans: t.object({ a: schemaRef('plan'), b: schemaRef('plan') }),
          onlyA: t.array(t.string),
          onlyB: t.array(t.string),
          both: t.array(t.string),
          a: schemaRef('planSummary'),
          b: schemaRef('planSummary'),
        },
        ['plans', 'onlyA', 'onlyB', 'both', 'a', 'b'],
      ),
    ),
    errors: [404],
  },
  {
    route: 'GET /api/plans/{id}',
    operationId: 'getPlan',
    summary: '一个方案及其概况',
    who: 'read',
    params: [planId],
    ok: jsonResponse('方案', planAnswer),
    errors: [400, 404],
  },
  {
    route: 'PUT /api/plans/{id}',
    operationId: 'updatePlan',
    summary: '修改方案（至少一项）',
    description: planWriteNote,
    who: 'write',
    params: [planId],
    body: {
      schema: planChangesSchema,
      example: { name: `${place.seatTownship.name}示范点方案（修订）` },
    },
    ok: jsonResponse('修改后的方案', planAnswer),
    errors: [404, 409],
  },
  {
    route: 'DELETE /api/plans/{id}',
    operationId: 'deletePlan',
    summary: '删除方案',
    description: planWriteNote,
    who: 'write',
    params: [planId],
    ...noContentAnswer,
    errors: [404],
  },
  {
    route: 'GET /api/plans/{id}/export.{format}',
    operationId: 'exportPlan',
    summary: '导出方案（XLSX：示范点、方案概况两张表；GeoJSON：按方案顺序的点位）',
    description: '文件名 示范点方案-<名称>-YYYYMMDD.<格式>（北京日期）；其他格式 → 404。',
    tags: [tags.planning, tags.exchange],
    who: 'read',
    ...formatDownload('方案文件', planFormats, [planId], [400]),
  },
]

export const planningPart = toPart(tags.planning, routes)
