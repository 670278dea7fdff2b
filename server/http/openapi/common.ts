// Building blocks of the /api part of the OpenAPI document: tags, security, the problem responses,
// and zod schemas turned into request-body and query-parameter schemas (what the routes validate
// with is what the document says).
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

const zodOptions = { target: 'openapi-3.0', unrepresentable: 'any' } as const

/** A zod schema as JSON Schema (OpenAPI 3.0 dialect), the side the client sends. */
export function requestSchema(schema: ZodType): Json {
  return z.toJSONSchema(schema, { ...zodOptions, io: 'input' }) as Json
}

interface ObjectSchema {
  properties?: Record<string, Json>
  required?: string[]
}

/**
 * The query parameters of a strict zod object schema. Numbers arrive as digit strings and are
 * parsed by a transform, so their type, range and default come from the parsed (output) side;
 * everything else is documented as sent. `overrides` patch a parameter's schema where a range sits
 * inside a nested pipe that the output side cannot show.
 */
export function queryParameters(
  schema: ZodType,
  descriptions: Record<string, string> = {},
  overrides: Record<string, Json> = {},
): Json[] {
  const input = z.toJSONSchema(schema, { ...zodOptions, io: 'input' }) as ObjectSchema
  const output = z.toJSONSchema(schema, { ...zodOptions, io: 'output' }) as ObjectSchema
  const required = new Set(input.required ?? [])
  return Object.entries(input.properties ?? {}).map(([name, sent]) => {
    const parsed = output.properties?.[name]
    const numeric = parsed?.type === 'number' || parsed?.type === 'integer'
    const digitsOnly = typeof sent.pattern === 'string' && !sent.pattern.includes('.')
    const documented = numeric
      ? { ...parsed, type: digitsOnly ? 'integer' : parsed.type }
      : { ...sent, ...(parsed && 'default' in parsed ? { default: parsed.default } : {}) }
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(descriptions[name] ? { description: descriptions[name] } : {}),
      schema: { ...documented, ...overrides[name] },
    }
  })
}

export function pathParameter(
  name: string,
  description: string,
  schema: Json = { type: 'string' },
) {
  return { name, in: 'path', required: true, description, schema }
}

/** A JSON request body with an example the tests send to the server. */
export function jsonBody(schema: Json, example: unknown, description?: string): Json {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema, example } },
  }
}

export function jsonResponse(description: string, schema: Json, mediaType = 'application/json') {
  return { description, content: { [mediaType]: { schema } } }
}

/** A file download: Content-Disposition names it (RFC 6266, UTF-8 name per RFC 8187). */
export function fileResponse(description: string, mediaTypes: readonly string[]) {
  return {
    description,
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="…"; filename*=UTF-8\'\'…（中文文件名）',
        schema: { type: 'string' },
      },
    },
    content: Object.fromEntries(
      [...new Set(mediaTypes.map((t) => t.split(';')[0] as string))].map((t) => [
        t,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  }
}

export const noContent = { description: '成功，无响应体' }

const errorResponseNames: Record<number, string> = {
  400: 'BadInput',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'ApiNotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'IdempotencyKeyReused',
  429: 'TooManyRequests',
}

/** The problem+json responses of an /api operation (500 always). */
export function errors(...statuses: (keyof typeof errorResponseNames)[]): Json {
  return Object.fromEntries([
    ...statuses.map((s) => [String(s), ref('responses', errorResponseNames[s] as string)]),
    ['500', ref('responses', 'ServerError')],
  ])
}

// Security requirement lists. Reads: nothing under READ_ACCESS=public (the default), else a session
// or the display token. Every non-GET /api request carries X-Requested-With: fetch (csrfHeader).
export const security = {
  read: [{}, { session: [] }, { displayToken: [] }, { displayTokenQuery: [] }],
  signedInRead: [{ session: [] }],
  write: [{ session: [], csrfHeader: [] }],
  anyoneWrites: [{ csrfHeader: [] }, { session: [], csrfHeader: [] }],
}

export const csrfParameter = ref('parameters', 'XRequestedWith')
export const idempotencyKeyParameter = ref('parameters', 'IdempotencyKey')

/** Whether a signed-in user may send the operation: then an Idempotency-Key makes it retry-safe. */
const sessionWrite = (method: string, security: Json[]) =>
  method !== 'get' && security.some((requirement) => 'session' in requirement)

/**
 * An operation; non-GET ones get the X-Requested-With header parameter, and those a session may
 * send also the optional Idempotency-Key header with its 409 (first request still running) and 422
 * (key reused for another request) answers (http/idempotency.ts).
 */
export function operation(
  method: string,
  fields: {
    tags: string[]
    operationId: string
    summary: string
    description?: string
    security: Json[]
    parameters?: Json[]
    requestBody?: Json
    responses: Json
  },
): Operation {
  const idempotent = sessionWrite(method, fields.security)
  const parameters = [
    ...(fields.parameters ?? []),
    ...(method === 'get' ? [] : [csrfParameter]),
    ...(idempotent ? [idempotencyKeyParameter] : []),
  ]
  const responses = idempotent
    ? { ...fields.responses, ...errors(409, 422), ...pick(fields.responses, '409') }
    : fields.responses
  return { ...fields, responses, ...(parameters.length > 0 ? { parameters } : {}) }
}

function pick(object: Json, key: string): Json {
  return key in object ? { [key]: object[key] } : {}
}

// shared small schemas
export const dateTime = { type: 'string', format: 'date-time' }
export const lngLat = {
  type: 'array',
  description: '[经度, 纬度]（WGS84）',
  minItems: 2,
  maxItems: 2,
  items: { type: 'number' },
}
export const nullableString = { type: 'string', nullable: true }
export const nullableNumber = { type: 'number', nullable: true }
export const objectOf = (properties: Record<string, Json>, required?: string[]): Json => ({
  type: 'object',
  properties,
  ...(required?.length ? { required } : {}),
})
export const arrayOf = (items: Json): Json => ({ type: 'array', items })
