// 创建规划 Planning: demonstration-point scores and plans, rehearsal, forecast, 1 km and corridors.
// The route file keeps its zod schemas private, so these request schemas are written by hand from
// them (limits from the same constants); the tests send each example to the server.

import { place } from '../../config/place.ts'
import { checkpointKinds } from '../../domain/checkpoint.ts'
import { corridorDefaults } from '../../planning/corridors.ts'
import { demoFactors, demoScoreSettings } from '../../planning/demo-points.ts'
import { planFormats } from '../../planning/plan-exchange.ts'
import { maxPlanSize } from '../../planning/plan-schemas.ts'
import { rehearsalLimits } from '../../planning/rehearsal.ts'
import { seatRadiusDefaults } from '../../planning/seat-radius.ts'
import {
  arrayOf,
  dateTime,
  errors,
  fileResponse,
  type Json,
  jsonBody,
  jsonResponse,
  noContent,
  type OpenApiPart,
  objectOf,
  operation,
  pathParameter,
  schemaRef,
  security,
  tags,
} from './common.ts'

// maxPlanSize comes from the route's schemas (planning/plan-schemas.ts)
const strict = (properties: Record<string, Json>, required: string[] = []): Json => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: false,
})
const integer = (minimum: number, maximum: number, description?: string): Json => ({
  type: 'integer',
  minimum,
  maximum,
  ...(description ? { description } : {}),
})

const weights = strict(
  Object.fromEntries(
    demoFactors.map((f) => [
      f,
      { type: 'number', minimum: 0, maximum: demoScoreSettings.maxWeight },
    ]),
  ),
)
weights.description = '各因子权重 0–10（缺省用默认值），不能全为 0'
const kinds = {
  type: 'array',
  minItems: 1,
  maxItems: 2,
  items: { type: 'string', enum: [...checkpointKinds] },
}
const checkpointIds = {
  type: 'array',
  maxItems: maxPlanSize,
  items: { type: 'string', minLength: 1, maxLength: 64 },
}
const categoryCounts = (max: number, description: string): Json => ({
  type: 'object',
  description,
  additionalProperties: integer(0, max),
})
const constraints = strict({
  size: integer(1, 100, '方案点位数（默认 12）'),
  minPerTownship: integer(0, 10, '每个乡镇至少几个'),
  requiredCategories: categoryCounts(100, '各类别至少几个（键为点位类别代码）'),
  minSpacingM: { type: 'number', minimum: 0, maximum: 10_000, description: '点位最小间距（米）' },
  kinds,
})
const seed = integer(0, rehearsalLimits.maxSeed, '随机种子（同一种子结果相同）')
const draws = integer(1, rehearsalLimits.maxDraws, '抽检次数（默认 1000）')
const perCategory = categoryCounts(rehearsalLimits.maxPerCategory, '每个随机类别抽几个（默认 2）')
const radiusM = {
  type: 'number',
  minimum: 10,
  maximum: 2000,
  description: '点位周边统计半径（米，默认 200）',
}
const planName = {
  type: 'string',
  minLength: 1,
  maxLength: 50,
  description: '方案名称（去掉首尾空格后 1–50 字，唯一）',
}
const planFields = { name: planName, checkpointIds, weights, constraints }

const dataAsOf = { ...dateTime, description: '计算所用数据的时间（规划结果比台账最多晚约一分钟）' }
/** A planning answer: its own properties plus dataAsOf. */
const answer = (properties: Record<string, Json>, required: string[] = []) =>
  objectOf({ ...properties, dataAsOf }, required)
const metresQuery = (
  name: string,
  minimum: number,
  maximum: number,
  def: number,
  description: string,
) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'number', minimum, maximum, default: def },
})

const planId = pathParameter('id', '方案编号，如 plan-0001')

const compute = (
  operationId: string,
  summary: string,
  body: Json,
  response: Json,
  description = '',
) =>
  operation('post', {
    tags: [tags.planning],
    operationId,
    summary,
    description: `${description}只计算不写入：任何可读用户都可调用（须带 X-Requested-With: fetch）；大屏令牌 → 403。`,
    security: security.anyoneWrites,
    requestBody: body,
    responses: { '200': jsonResponse(summary, response), ...errors(400, 401, 403, 415) },
  })

const planWriteNote = '需要 plan_edit（规划人员、管理员）：匿名 401，其他角色 403。'

export const planningPart: OpenApiPart = {
  paths: {
    '/api/planning/candidates': {
      post: compute(
        'rankCandidates',
        '示范点候选评分（按得分排序）',
        jsonBody(
          strict({
            weights,
            plan: { ...checkpointIds, description: '已选点位（用于间距因子）' },
            kinds,
          }),
          {
            weights: { density: 3, closure: 2, overdue: 2, category: 1, location: 1, spacing: 1 },
            kinds: ['fixed'],
          },
        ),
        answer(
          {
            weights: { type: 'object', additionalProperties: { type: 'number' } },
            items: arrayOf(
              objectOf({
                checkpointId: { type: 'string' },
                name: { type: 'string' },
                kind: { type: 'string', enum: [...checkpointKinds] },
                category: { type: 'string' },
                townshipCode: { type: 'string' },
                townshipName: { type: 'string' },
                gridCode: { type: 'string' },
                lngLat: arrayOf({ type: 'number' }),
                score: { type: 'number', minimum: 0, maximum: 100 },
                factors: { type: 'object', additionalProperties: { type: 'number' } },
                raw: { type: 'object' },
                chosen: { type: 'boolean' },
              }),
            ),
          },
          ['weights', 'items'],
        ),
        'kinds 只筛选返回的点位；plan 中的未知编号 → 400。',
      ),
    },
    '/api/planning/optimise': {
      post: compute(
        'optimisePlan',
        '一键优化示范点方案',
        jsonBody(
          strict(
            { weights, constraints, keep: { ...checkpointIds, description: '必须保留的点位' } },
            ['constraints'],
          ),
          { constraints: { size: 12, minPerTownship: 1, minSpacingM: 300 } },
        ),
        answer(
          {
            weights: { type: 'object' },
            constraints: { type: 'object' },
            checkpointIds: arrayOf({ type: 'string' }),
            summary: schemaRef('planSummary'),
            search: objectOf({
              greedyMeanScore: { type: 'number' },
              swaps: { type: 'integer' },
              passes: { type: 'integer' },
              converged: { type: 'boolean' },
            }),
            baseline: objectOf({
              randomMean: { type: 'number' },
              randomBest: { type: 'number' },
              samples: { type: 'integer' },
            }),
          },
          ['weights', 'constraints', 'checkpointIds', 'summary', 'search', 'baseline'],
        ),
        '约束无法满足 → 400（errors[0].field 如 constraints.minPerTownship）。',
      ),
    },
    '/api/planning/rehearsal': {
      post: compute(
        'rehearseDraws',
        '模拟抽检（随机点位）',
        jsonBody(
          strict(
            {
              seed,
              draws,
              perCategory,
              radiusM,
              township: {
                type: 'string',
                pattern: '^\\d{9}$',
                description: '只在此乡镇抽取（须存在）',
              },
            },
            ['seed'],
          ),
          { seed: 20261122, draws: 500, township: place.seatTownship.code },
        ),
        answer(
          {
            seed: { type: 'integer' },
            draws: { type: 'integer' },
            radiusM: { type: 'number' },
            perCategory: { type: 'object', additionalProperties: { type: 'integer' } },
            pointsPerDraw: { type: 'integer' },
            poolSize: { type: 'integer' },
            first: arrayOf({ type: 'object' }),
            firstScore: { type: 'number' },
            distribution: objectOf({
              mean: { type: 'number' },
              stdev: { type: 'number' },
              min: { type: 'number' },
              max: { type: 'number' },
              p5: { type: 'number' },
              p50: { type: 'number' },
              p95: { type: 'number' },
              histogram: arrayOf({ type: 'object' }),
            }),
            worst: arrayOf({ type: 'object' }),
          },
          ['seed', 'draws', 'first', 'firstScore', 'distribution', 'worst'],
        ),
        '返回第一次抽取的点位、抽检得分的分布（均值、标准差、p5/p50/p95、直方图）和“先整改”名单。',
      ),
    },
    '/api/planning/forecast': {
      post: compute(
        'forecastScore',
        '实地考察得分预测',
        jsonBody(
          strict(
            {
              seed,
              draws,
              fixedShare: {
                type: 'number',
                minimum: 0,
                maximum: 1,
                description: '固定点位占比（默认 0.5）',
              },
              perCategory,
              radiusM,
            },
            ['seed'],
          ),
          { seed: 7, fixedShare: 0.5 },
        ),
        answer(
          {
            assumptions: arrayOf({ type: 'string' }),
            model: { type: 'object' },
            county: objectOf({
              expected: { type: 'number' },
              low: { type: 'number' },
              high: { type: 'number' },
              fixedMean: { type: 'number' },
              randomMean: { type: 'number' },
            }),
            townships: arrayOf({ type: 'object' }),
            assessment: objectOf({
              shares: arrayOf(
                objectOf({
                  method: { type: 'string', enum: ['field', 'materials', 'survey', 'departments'] },
                  points: { type: 'number' },
                  expected: { type: 'number', nullable: true },
                  low: { type: 'number' },
                  high: { type: 'number' },
                  basis: { type: 'string' },
                }),
              ),
              total: { type: 'object' },
              vetoAlarms: arrayOf({ type: 'object' }),
              actions: arrayOf({ type: 'object' }),
            }),
          },
          ['assumptions', 'county', 'townships'],
        ),
      ),
    },
    '/api/planning/seat-radius': {
      get: operation('get', {
        tags: [tags.planning],
        operationId: 'getSeatRadius',
        summary: '乡镇驻地 1 公里范围内的村与问题',
        security: security.read,
        parameters: [
          metresQuery(
            'radiusM',
            seatRadiusDefaults.minRadiusM,
            seatRadiusDefaults.maxRadiusM,
            seatRadiusDefaults.radiusM,
            '半径（米）',
          ),
        ],
        responses: {
          '200': jsonResponse(
            `每个乡镇驻地一项（县城 ${place.code} 除外）`,
            answer({ radiusM: { type: 'number' }, townships: arrayOf({ type: 'object' }) }, [
              'radiusM',
              'townships',
            ]),
          ),
          ...errors(400, 401),
        },
      }),
    },
    '/api/planning/corridors': {
      get: operation('get', {
        tags: [tags.planning],
        operationId: 'getCorridors',
        summary: '道路、河流沿线的问题（含缓冲区 GeoJSON）',
        security: security.read,
        parameters: [
          metresQuery(
            'widthM',
            corridorDefaults.minWidthM,
            corridorDefaults.maxWidthM,
            corridorDefaults.widthM,
            '沿线两侧宽度（米）',
          ),
        ],
        responses: {
          '200': jsonResponse(
            '各条线路的统计',
            answer(
              {
                widthM: { type: 'number' },
                corridors: arrayOf({ type: 'object' }),
                geojson: objectOf({
                  type: { type: 'string', enum: ['FeatureCollection'] },
                  features: arrayOf({ type: 'object' }),
                }),
              },
              ['widthM', 'corridors', 'geojson'],
            ),
          ),
          ...errors(400, 401),
        },
      }),
    },
    '/api/plans': {
      get: operation('get', {
        tags: [tags.planning],
        operationId: 'listPlans',
        summary: '示范点方案（最早的在前）',
        security: security.read,
        responses: {
          '200': jsonResponse(
            '方案及其概况',
            answer({ items: arrayOf(schemaRef('planView')) }, ['items']),
          ),
          ...errors(400, 401),
        },
      }),
      post: operation('post', {
        tags: [tags.planning],
        operationId: 'createPlan',
        summary: '保存方案',
        description: `${planWriteNote}点位须已知且不重复（400，field 如 checkpointIds.3）；名称已被使用 → 409。`,
        security: security.write,
        requestBody: jsonBody(strict(planFields, ['name', 'checkpointIds']), {
          name: `${place.seatTownship.name}示范点方案`,
          checkpointIds: [],
          constraints: { size: 12 },
        }),
        responses: {
          '201': {
            ...jsonResponse('新方案', { allOf: [schemaRef('planView'), answer({})] }),
            headers: { Location: { description: '/api/plans/<id>', schema: { type: 'string' } } },
          },
          ...errors(400, 401, 403, 409, 415),
        },
      }),
    },
    '/api/plans/compare': {
      get: operation('get', {
        tags: [tags.planning],
        operationId: 'comparePlans',
        summary: '比较两个方案',
        security: security.read,
        parameters: ['a', 'b'].map((name) => ({
          name,
          in: 'query',
          required: true,
          description: `方案 ${name.toUpperCase()} 的编号`,
          schema: { type: 'string', minLength: 1, maxLength: 64 },
        })),
        responses: {
          '200': jsonResponse(
            '两个方案的差异与各自概况',
            answer(
              {
                plans: objectOf({ a: schemaRef('plan'), b: schemaRef('plan') }),
                onlyA: arrayOf({ type: 'string' }),
                onlyB: arrayOf({ type: 'string' }),
                both: arrayOf({ type: 'string' }),
                a: schemaRef('planSummary'),
                b: schemaRef('planSummary'),
              },
              ['plans', 'onlyA', 'onlyB', 'both', 'a', 'b'],
            ),
          ),
          ...errors(400, 401, 404),
        },
      }),
    },
    '/api/plans/{id}': {
      get: operation('get', {
        tags: [tags.planning],
        operationId: 'getPlan',
        summary: '一个方案及其概况',
        security: security.read,
        parameters: [planId],
        responses: {
          '200': jsonResponse('方案', { allOf: [schemaRef('planView'), answer({})] }),
          ...errors(400, 401, 404),
        },
      }),
      put: operation('put', {
        tags: [tags.planning],
        operationId: 'updatePlan',
        summary: '修改方案（至少一项）',
        description: planWriteNote,
        security: security.write,
        parameters: [planId],
        requestBody: jsonBody(
          { ...strict(planFields), minProperties: 1 },
          { name: `${place.seatTownship.name}示范点方案（修订）` },
        ),
        responses: {
          '200': jsonResponse('修改后的方案', { allOf: [schemaRef('planView'), answer({})] }),
          ...errors(400, 401, 403, 404, 409, 415),
        },
      }),
      delete: operation('delete', {
        tags: [tags.planning],
        operationId: 'deletePlan',
        summary: '删除方案',
        description: planWriteNote,
        security: security.write,
        parameters: [planId],
        responses: { '204': noContent, ...errors(401, 403, 404) },
      }),
    },
    '/api/plans/{id}/export.{format}': {
      get: operation('get', {
        tags: [tags.planning, tags.exchange],
        operationId: 'exportPlan',
        summary: '导出方案（XLSX：示范点、方案概况两张表；GeoJSON：按方案顺序的点位）',
        description: '文件名 示范点方案-<名称>-YYYYMMDD.<格式>（北京日期）；其他格式 → 404。',
        security: security.read,
        parameters: [
          planId,
          pathParameter('format', '文件格式', { type: 'string', enum: Object.keys(planFormats) }),
        ],
        responses: {
          '200': fileResponse('方案文件', Object.values(planFormats)),
          ...errors(400, 401, 404),
        },
      }),
    },
  },
}
