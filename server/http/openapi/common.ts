// Building blocks of the /api part of the OpenAPI document: tags, security requirements, answers,
// small shared schemas and zod schemas as JSON Schema. The route table (route-table.ts) turns them
// into operations.
import { type ZodType, z } from 'zod'

export type Json = Record<string, unknown>
export type Operation = Json
/** OpenAPI paths: path → method → operation. */
export type PathItems = Record<string, Record<string, Operation>>
/** What one module adds to the document. */
export interface OpenApiPart {
  paths: PathItems
  schemas?: Record<string, Json>
}

export const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })
export const schemaRef = (name: string) => ref('schemas', name)

export const tags = {
  ledger: '问题台账 Ledger',
  stats: '大屏统计 Stats',
  grids: '网格管理 Grids',
  planning: '创建规划 Planning',
  session: '会话 Session',
  exchange: '数据交换 Exchange',
  supervision: '督查 Supervision',
  notifications: '消息与催办 Notifications',
  assessment: '测评体系 Assessment',
  materials: '材料审核与问卷 Materials',
} as const

export const tagDefinitions = [
  {
    name: tags.ledger,
    description: '问题的列表、详情、上报、流转（交办、整改、复查、重新打开）、备注与照片；责任单位',
  },
  {
    name: tags.stats,
    description: '指挥部大屏的统计汇总（可用大屏令牌读取）与实时事件推送（SSE）',
  },
  {
    name: tags.grids,
    description: '网格长工作台：网格分配、工作量与均衡建议、分割/合并/重绘、网格长与责任单位、历史',
  },
  {
    name: tags.planning,
    description: '创建规划：示范点评分与优化、方案、模拟抽检、得分预测、1 公里与沿线统计',
  },
  { name: tags.session, description: '登录、当前用户、退出；用户列表（管理员）' },
  {
    name: tags.supervision,
    description:
      '督查轮次（队伍、对象、发现、路线、覆盖）、时段统计与环比、督查通报与整改通知书（DOCX/PDF）、签收',
  },
  {
    name: tags.notifications,
    description: '消息中心（到期提醒、逾期催办、升级、汇总）与人工催办',
  },
  {
    name: tags.assessment,
    description:
      '测评体系（项目、内容、标准，按年度；XLSX 导入导出）、点位测评清单与测评记录、全口径得分预测',
  },
  {
    name: tags.materials,
    description:
      '材料审核：台账任务（倒排工期）、文件与照片、说明报告五要素、创建办审核、完成率、签字移交、导出；问卷调查轮次、导入、趋势与置信区间',
  },
  {
    name: tags.exchange,
    description: '导出（XLSX、CSV、GeoJSON、Shapefile）与导入（问题台账、测评点位）',
  },
]

export const zodOptions = { target: 'openapi-3.0', unrepresentable: 'any' } as const

/** A zod schema as JSON Schema (OpenAPI 3.0 dialect), the side the client sends. */
export function requestSchema(schema: ZodType): Json {
  return z.toJSONSchema(schema, { ...zodOptions, io: 'input' }) as Json
}

export function pathParameter(name: string, description: string, schema: Json = t.string) {
  return { name, in: 'path', required: true, description, schema }
}

export function jsonResponse(description: string, schema: Json, mediaType = 'application/json') {
  return { description, content: { [mediaType]: { schema } } }
}

/** Raw bytes in any of these media types (parameters such as charset dropped, each type once). */
export function binaryContent(mediaTypes: readonly string[]): Json {
  return Object.fromEntries(
    [...new Set(mediaTypes.map((t) => t.split(';')[0] as string))].map((t) => [
      t,
      { schema: { type: 'string', format: 'binary' } },
    ]),
  )
}

/** A request body of raw bytes: a photo, document or file to import. */
export const bytesBody = (mediaTypes: readonly string[]) => ({
  required: true,
  content: binaryContent(mediaTypes),
})

/** A stored file served as it was uploaded (photo, document). */
export const bytesResponse = (description: string, mediaTypes: readonly string[]) => ({
  description,
  content: binaryContent(mediaTypes),
})

/** A file download: Content-Disposition names it (RFC 6266, UTF-8 name per RFC 8187). */
export function fileResponse(description: string, mediaTypes: readonly string[]) {
  return {
    description,
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="…"; filename*=UTF-8\'\'…（中文文件名）',
        schema: t.string,
      },
    },
    content: binaryContent(mediaTypes),
  }
}

export const noContent = { description: '成功，无响应体' }

// Security requirement lists. Reads: nothing under READ_ACCESS=public (the default), else a session
// or the display token. Every non-GET /api request carries X-Requested-With: fetch (csrfHeader).
export const security = {
  read: [{}, { session: [] }, { displayToken: [] }, { displayTokenQuery: [] }],
  signedInRead: [{ session: [] }],
  write: [{ session: [], csrfHeader: [] }],
  anyoneWrites: [{ csrfHeader: [] }, { session: [], csrfHeader: [] }],
}

/** What the filters several /api queries take mean, said once. */
export const filterDescriptions = {
  township: '乡镇代码（9 位数字）',
  grid: '网格编码（15 位数字）',
  unit: '责任单位代码',
  offset: '跳过的条数',
}

// shared small schemas
/** JSON Schema building blocks, as zod's `z` is for zod schemas: `t.string`, `t.array(t.integer)`. */
export const t = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  dateTime: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  array: (items: Json): Json => ({ type: 'array', items }),
  /** An object of these properties; `required` lists the ones it always has. */
  object: (properties: Record<string, Json>, required?: string[]): Json => ({
    type: 'object',
    properties,
    ...(required?.length ? { required } : {}),
  }),
}
/** An object described loosely (large answers). */
export const anyObject = { type: 'object' }
export const lngLat = {
  type: 'array',
  description: '[经度, 纬度]（WGS84）',
  minItems: 2,
  maxItems: 2,
  items: t.number,
}
export const nullableString = { type: 'string', nullable: true }
export const nullableNumber = { type: 'number', nullable: true }
/** A list answer: `items` of one schema, then further properties; all of them required. */
export const itemsOf = (item: Json, more: Record<string, Json> = {}): Json =>
  t.object({ items: t.array(item), ...more }, ['items', ...Object.keys(more)])
