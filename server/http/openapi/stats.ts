// 大屏统计 Stats: the wall's aggregates (each stamped generatedAt/asOfEventSeq), the recent events
// feed and the Server-Sent Events stream.
import {
  hexbinsSchema,
  rankingsSchema,
  recentSchema,
  streamSchema,
  townshipOnlySchema,
  trendSchema,
} from '../routes/stats-query.ts'
import {
  anyObject,
  type Json,
  jsonResponse,
  lngLat,
  nullableNumber,
  schemaRef,
  t,
  tags,
} from './common.ts'
import { tallyProperties } from './components.ts'
import { type QueryDoc, type Route, toPart } from './route-table.ts'

const descriptions = {
  township: '只统计此乡镇（9 位代码，须存在；轮播模式）',
  radiusMeters: '六边形中心到顶点的距离（米）',
  bbox: '西,南,东,北（WGS84）；默认为全部问题的范围；六边形过多 → 400',
  status: 'open：未办结问题；overdue：逾期问题；all：全部',
  days: '天数（Asia/Shanghai 日期，最后一天为今天）',
  by: '排名依据',
  level: '按乡镇或责任单位排名',
  top: '红榜、黑榜各几名',
  minIssues: '参与排名所需的最少问题数',
  limit: '条数',
  lastEventId: '从此事件序号之后续传（EventSource 无法设置 Last-Event-ID 请求头时）',
  views:
    '1：另推送 event: view（大屏共享视图的新版本 {"version", "asOfEventSeq", "spreadMs"}，无 id 行；各屏在 spreadMs 内随机时刻再取视图，避免同时请求）',
}

const viewDescription =
  '所有大屏共享的视图：每批变更（至多每秒一次）计算一次，各屏得到相同的内容；带 If-None-Match 且未变 → 304。' +
  '新版本经事件流（?views=1）的 event: view 通知。'

const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: '上次收到的 ETag',
  schema: t.string,
}

/** A shared wall view: answers 304 while it has not changed. */
const viewGet = (
  route: `GET /api${string}`,
  operationId: string,
  summary: string,
  query: QueryDoc | undefined,
  body: Json,
): Route => ({
  route,
  operationId,
  summary,
  description: viewDescription,
  who: 'read',
  query,
  parameters: [ifNoneMatch],
  ok: jsonResponse(summary, body),
  responses: { '304': { description: '与 If-None-Match 相同，未变' } },
  errors: [400],
})

const versioned = (properties: Record<string, Json>) =>
  stamped({ ...properties, version: { type: 'integer', minimum: 1 } })

const stamp = { generatedAt: t.dateTime, asOfEventSeq: { type: 'integer', minimum: 0 } }
const stamped = (properties: Record<string, Json>) =>
  t.object({ ...properties, ...stamp }, [...Object.keys(properties), 'generatedAt', 'asOfEventSeq'])
const tallied = (properties: Record<string, Json>) => ({
  allOf: [t.object(properties, Object.keys(properties)), schemaRef('tally')],
})

const statsGet = (
  route: `GET /api${string}`,
  operationId: string,
  summary: string,
  query: QueryDoc,
  body: Json,
  mediaType = 'application/json',
): Route => ({
  route,
  operationId,
  summary,
  description:
    '未知、重复或无效的参数 → 400（errors[].field 指出参数）。无写入时同一请求 1 秒内复用结果。',
  who: 'read',
  query,
  ok: jsonResponse(summary, body, mediaType),
})

/** The tally counts a unit's on-time completion rate is computed from. */
const completionCounts = Object.fromEntries(
  (['total', 'due', 'closedOnTime', 'closedLate', 'overdue', 'open'] as const).map((count) => [
    count,
    tallyProperties[count],
  ]),
)

const townshipOnly = { schema: townshipOnlySchema, describe: descriptions }

const routes: Route[] = [
  statsGet('GET /api/stats/kpis', 'getStatsKpis', '总体指标', townshipOnly, {
    allOf: [schemaRef('tally'), stamped({})],
  }),
  statsGet(
    'GET /api/stats/townships',
    'getStatsTownships',
    '按乡镇统计（每个乡镇一行，按代码）',
    townshipOnly,
    stamped({ rows: t.array(tallied({ code: t.string, name: t.string })) }),
  ),
  statsGet(
    'GET /api/stats/units',
    'getStatsUnits',
    '按责任单位统计（有问题的单位）',
    townshipOnly,
    stamped({ rows: t.array(tallied({ code: t.string, name: t.string })) }),
  ),
  statsGet(
    'GET /api/stats/grids',
    'getStatsGrids',
    '按网格统计（有问题的网格）',
    townshipOnly,
    stamped({ rows: t.array(tallied({ gridCode: t.string })) }),
  ),
  statsGet(
    'GET /api/stats/hexbins',
    'getStatsHexbins',
    '六边形聚合（GeoJSON）',
    {
      schema: hexbinsSchema,
      describe: descriptions,
      overrides: {
        bbox: { type: 'string', example: '100.2,25.1,100.4,25.3' },
      },
    },
    stamped({
      type: { type: 'string', enum: ['FeatureCollection'] },
      radiusMeters: t.integer,
      total: t.integer,
      features: t.array(
        t.object({
          type: { type: 'string', enum: ['Feature'] },
          id: { type: 'string', description: 'q,r' },
          geometry: { type: 'object', description: 'Polygon（7 个位置，逆时针）' },
          properties: t.object({
            q: t.integer,
            r: t.integer,
            centre: lngLat,
            count: t.integer,
            overdue: t.integer,
          }),
        }),
      ),
    }),
    'application/geo+json',
  ),
  statsGet(
    'GET /api/stats/trend',
    'getStatsTrend',
    '每日趋势（最早的在前）',
    { schema: trendSchema, describe: descriptions },
    stamped({
      days: t.array(
        t.object({
          date: t.date,
          found: t.integer,
          closed: t.integer,
          openAtEnd: t.integer,
        }),
      ),
    }),
  ),
  statsGet(
    'GET /api/stats/rankings',
    'getStatsRankings',
    '红黑榜',
    { schema: rankingsSchema, describe: descriptions },
    stamped({
      by: { type: 'string', enum: ['closureRate', 'overdue'] },
      level: { type: 'string', enum: ['township', 'unit'] },
      minIssues: t.integer,
      red: t.array(
        t.object({
          rank: t.integer,
          code: t.string,
          name: t.string,
          value: t.number,
          tally: schemaRef('tally'),
        }),
      ),
      black: t.array(anyObject),
      ineligible: t.array(t.object({ code: t.string, name: t.string })),
      rule: t.string,
    }),
  ),
  statsGet(
    'GET /api/stats/completion',
    'getStatsCompletion',
    '责任单位按期完成率（高的在前）',
    townshipOnly,
    stamped({
      rows: t.array(
        t.object({
          unitCode: t.string,
          unitName: t.string,
          ...completionCounts,
          notDue: t.integer,
          rate: nullableNumber,
        }),
      ),
    }),
  ),
  viewGet(
    'GET /api/wall/view',
    'getWallView',
    '大屏面板视图：指标、趋势、按期完成率、红黑榜（两种排名）、最新动态（不含导入）',
    townshipOnly,
    versioned({
      township: { type: 'string', nullable: true },
      kpis: anyObject,
      trend: t.array(anyObject),
      completion: t.array(anyObject),
      rankings: anyObject,
      recent: t.array(anyObject),
    }),
  ),
  viewGet(
    'GET /api/wall/map',
    'getWallMap',
    '大屏地图视图：热力与逾期用细六边形、六边形、网格问题数（全县）',
    undefined,
    versioned({
      heat: anyObject,
      hexagons: anyObject,
      grids: t.array(anyObject),
    }),
  ),
  statsGet(
    'GET /api/events/recent',
    'getRecentEvents',
    '最新事件（最新的在前），附问题当前的状态',
    { schema: recentSchema, describe: descriptions },
    stamped({ events: t.array(schemaRef('recentEvent')) }),
  ),
  {
    route: 'GET /api/events/stream',
    operationId: 'streamEvents',
    summary: '实时事件推送（Server-Sent Events）',
    description:
      '先发 retry: 3000；每个问题事件为 id: <seq> / event: issue / data: <事件 JSON，另含 issue：问题此刻的状态>。' +
      '带 Last-Event-ID（或 ?lastEventId=）重连时先补发此后的事件；错过超过 1000 条或序号超出时发 event: reset（data: {"lastEventSeq": n}），客户端应全部重取。每 15 秒一条注释 : ping。',
    who: 'read',
    query: {
      schema: streamSchema,
      describe: descriptions,
      overrides: { lastEventId: { pattern: '^\\d{1,15}$' } },
    },
    parameters: [
      {
        name: 'Last-Event-ID',
        in: 'header',
        required: false,
        description: '上次收到的事件序号（EventSource 自动发送）',
        schema: { type: 'string', pattern: '^\\d{1,15}$' },
      },
    ],
    ok: {
      description: '事件流（不压缩，Cache-Control: no-cache, no-transform）',
      content: { 'text/event-stream': { schema: t.string } },
    },
  },
]

export const statsPart = toPart(tags.stats, routes)
