// Components shared by the /api modules: security schemes, the X-Requested-With header, problem
// responses and the resources several endpoints return (issue, event, user, grid row, plan).

import { eventActions, issueCategories, issueStatuses } from '../../domain/issue.ts'
import { issueNoPattern } from '../../domain/issue-number.ts'
import { permissions, roles } from '../../domain/roles.ts'
import { issueSources } from '../../domain/supervision.ts'
import { sessionCookie } from '../cookies.ts'
import { idempotencyKeyTtlMs } from '../idempotency.ts'
import {
  anyObject,
  type Json,
  lngLat,
  nullableNumber,
  nullableString,
  schemaRef,
  t,
} from './common.ts'

export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
    description:
      'POST /api/session 登录后设置的会话 Cookie（HttpOnly、SameSite=Strict），12 小时，使用中自动延长',
  },
  displayToken: {
    type: 'http',
    scheme: 'bearer',
    description: '指挥部大屏令牌（npm run display-token）：只读，只能用于 GET；错误的令牌 → 401',
  },
  displayTokenQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description:
      '大屏令牌放在查询参数中（EventSource 无法设置请求头时）；只能用于 GET，写请求带它 → 403',
  },
  csrfHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Requested-With',
    description:
      '跨站请求防护：每个非 GET 的 /api 请求（含登录）须带 X-Requested-With: fetch，浏览器的 Origin 须为本站，否则 403',
  },
}

export const parameters = {
  XRequestedWith: {
    name: 'X-Requested-With',
    in: 'header',
    required: true,
    description: '跨站请求防护，值须为 fetch',
    schema: { type: 'string', enum: ['fetch'] },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: `可选，重试安全（IETF draft-ietf-httpapi-idempotency-key-header）：同一用户的同一键在 ${idempotencyKeyTtlMs / 3_600_000} 小时内只执行一次，再次发送相同请求（方法、路径和内容相同）得到第一次的应答并带响应头 Idempotent-Replayed: true；同一键用于不同请求 → 422；第一次请求仍在处理 → 409。键按用户区分，建议使用 UUID；未登录的写请求（如登录）和 5xx 应答不保留。`,
    schema: { type: 'string', pattern: '^[\\w.:-]{8,128}$' },
  },
}

/** 问题编号 as people read it; the id stays the key of URLs and the API. */
const issueNo = {
  type: 'string',
  pattern: issueNoPattern.source,
  description:
    '问题编号（YYYY-NNNNNN，按县、按发现年份连续编号），如 2026-000123；对人显示它而不是 id',
  example: '2026-000123',
}

const problemCodes = [
  'InvalidBody',
  'InvalidParameterValue',
  'BadRequest',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'Conflict',
  'PayloadTooLarge',
  'UnsupportedMediaType',
  'TooManyRequests',
  'RequestInProgress',
  'IdempotencyKeyReused',
  'ImportFailed',
  'NoApplicableCode',
]

const problem = (description: string, extra: Record<string, Json> = {}) => ({
  description,
  content: {
    'application/problem+json': {
      schema: {
        allOf: [schemaRef('problem'), ...(Object.keys(extra).length ? [t.object(extra)] : [])],
      },
    },
  },
})

export const responses = {
  BadInput: problem('输入无效：errors 逐项指出字段（嵌套字段用点号，如 lngLat.0）和原因', {
    errors: t.array(schemaRef('fieldError')),
  }),
  Unauthorized: problem('未登录，或大屏令牌无效'),
  Forbidden: problem('角色或归属不允许；缺少 X-Requested-With: fetch；大屏令牌只能读'),
  ApiNotFound: problem('对象不存在（问题、照片、网格、方案……）或不支持的导出格式'),
  Conflict: problem(
    '状态冲突：问题版本过期或当前状态不允许此操作（allowed、current），网格数据已被修改（gridsVersion），方案名称已被使用；同一 Idempotency-Key 的第一次请求仍在处理（RequestInProgress，稍后重试）',
    {
      allowed: { type: 'array', items: t.string },
      current: schemaRef('issueView'),
      gridsVersion: t.integer,
    },
  ),
  IdempotencyKeyReused: problem(
    'Idempotency-Key 已用于另一个不同的请求（方法、路径或内容不同）；新的操作须用新的键',
  ),
  PayloadTooLarge: problem('请求体过大'),
  UnsupportedMediaType: problem(
    '请求体类型不对（JSON 接口须为 application/json；上传须为允许的文件类型）',
  ),
  TooManyRequests: problem('登录失败次数过多，请稍后再试'),
  ImportFailed: problem(
    '导入失败，未导入任何数据：errors 按行列出问题（code 为 ImportFailed）；查询参数无效时 code 为 InvalidBody，errors 指出参数',
    { errors: t.array({ anyOf: [schemaRef('importError'), schemaRef('fieldError')] }) },
  ),
}

/** The counts of a set of issues (the wall's tallies). */
export const tallyProperties = {
  total: t.integer,
  open: t.integer,
  pending: t.integer,
  fixing: t.integer,
  reviewing: t.integer,
  closed: t.integer,
  overdue: t.integer,
  reportedToday: t.integer,
  closedToday: t.integer,
  due: t.integer,
  closedOnTime: t.integer,
  closedLate: t.integer,
  closureRate: nullableNumber,
  completionRate: nullableNumber,
}

const sessionUserProperties = {
  username: t.string,
  displayName: t.string,
  role: { type: 'string', enum: [...roles] },
  unitCode: t.string,
  gridCodes: t.array(t.string),
  permissions: t.array({ type: 'string', enum: [...permissions] }),
}

const issueEventProperties = {
  seq: t.integer,
  issueId: t.string,
  at: t.dateTime,
  actor: t.string,
  actorName: t.string,
  role: t.string,
  action: { type: 'string', enum: [...eventActions] },
  from: { type: 'string', enum: [...issueStatuses] },
  to: { type: 'string', enum: [...issueStatuses] },
  note: t.string,
  attachmentIds: t.array(t.string),
  changes: { type: 'object', description: '本次变更的字段（导入、改派、网格调整）' },
}

const planSummary = {
  type: 'object',
  description: '方案概况：总分与平均分、按乡镇与类别的数量、实际最小间距、约束违反情况',
  additionalProperties: true,
}

export const schemas: Record<string, Json> = {
  problem: {
    type: 'object',
    description:
      'RFC 9457 problem details（application/problem+json），另含 OGC 的 code/description',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: t.string,
      title: t.string,
      status: t.integer,
      detail: { type: 'string', description: '中文说明，并说明该怎么做' },
      code: { type: 'string', enum: problemCodes },
      description: t.string,
      parameter: t.string,
    },
  },
  fieldError: t.object({ field: t.string, message: t.string }, ['field', 'message']),
  importError: t.object({ row: t.integer, column: t.string, message: t.string }, [
    'row',
    'column',
    'message',
  ]),
  sessionUser: t.object(sessionUserProperties, ['username', 'displayName', 'role', 'permissions']),
  userAccount: t.object({ ...sessionUserProperties, active: t.boolean, createdAt: t.dateTime }, [
    'username',
    'displayName',
    'role',
    'permissions',
    'active',
    'createdAt',
  ]),
  unit: t.object(
    {
      code: t.string,
      name: t.string,
      kind: { type: 'string', enum: ['department', 'township'] },
      active: t.boolean,
    },
    ['code', 'name', 'kind', 'active'],
  ),
  issueView: t.object(
    {
      id: t.string,
      issueNo,
      version: { type: 'integer', minimum: 1 },
      lngLat,
      category: { type: 'string', enum: [...issueCategories] },
      description: t.string,
      status: { type: 'string', enum: [...issueStatuses] },
      statusNotes: t.string,
      reportedAt: t.dateTime,
      updatedAt: t.dateTime,
      deadlineAt: t.dateTime,
      closedAt: t.dateTime,
      responsibleUnit: t.string,
      checkpointId: t.string,
      gridCode: t.string,
      townshipCode: t.string,
      synthetic: t.boolean,
      source: { type: 'string', enum: [...issueSources], description: '问题来源' },
      roundId: { type: 'string', description: '督查轮次编号' },
      overdue: t.boolean,
      allowedActions: t.array(t.string),
    },
    ['id', 'version', 'lngLat', 'category', 'description', 'status', 'overdue', 'allowedActions'],
  ),
  issueEvent: t.object(issueEventProperties, [
    'seq',
    'issueId',
    'at',
    'actor',
    'actorName',
    'role',
    'action',
  ]),
  recentEvent: t.object(
    {
      ...issueEventProperties,
      issueNo: { ...issueNo, nullable: true },
      category: nullableString,
      description: nullableString,
      status: nullableString,
      townshipCode: nullableString,
      townshipName: nullableString,
      gridCode: nullableString,
      responsibleUnit: nullableString,
      source: nullableString,
    },
    ['seq', 'issueId', 'at', 'action'],
  ),
  attachment: t.object(
    {
      id: t.string,
      issueId: t.string,
      contentType: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/webp'] },
      bytes: t.integer,
      createdAt: t.dateTime,
      url: { type: 'string', format: 'uri' },
    },
    ['id', 'issueId', 'contentType', 'bytes', 'createdAt', 'url'],
  ),
  tally: t.object(tallyProperties),
  gridRow: t.object(
    {
      gridCode: t.string,
      name: t.string,
      townshipCode: t.string,
      townshipName: t.string,
      villageCode: t.string,
      unitCode: t.string,
      unitName: t.string,
      managerId: nullableString,
      managerName: nullableString,
      managerPhone: nullableString,
      areaKm2: t.number,
      fixedPoints: t.integer,
      randomPoints: t.integer,
      openIssues: t.integer,
      overdueIssues: t.integer,
      issuesTotal: t.integer,
      closureRate: nullableNumber,
      unassigned: t.boolean,
      editable: t.boolean,
    },
    ['gridCode', 'name', 'townshipCode', 'unitCode', 'managerId', 'unassigned', 'editable'],
  ),
  gridManager: t.object(
    {
      id: t.string,
      name: t.string,
      phone: nullableString,
      active: t.boolean,
      gridCount: t.integer,
      createdAt: t.dateTime,
    },
    ['id', 'name', 'active', 'gridCount', 'createdAt'],
  ),
  planSummary,
  plan: t.object(
    {
      id: { type: 'string', example: 'plan-0001' },
      name: t.string,
      checkpointIds: t.array(t.string),
      weights: { type: 'object', additionalProperties: t.number },
      constraints: anyObject,
      createdBy: t.string,
      createdAt: t.dateTime,
      updatedAt: t.dateTime,
    },
    [
      'id',
      'name',
      'checkpointIds',
      'weights',
      'constraints',
      'createdBy',
      'createdAt',
      'updatedAt',
    ],
  ),
  planView: {
    allOf: [schemaRef('plan'), t.object({ summary: schemaRef('planSummary') }, ['summary'])],
  },
}
