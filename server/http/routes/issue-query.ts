// The /api/issues filter, sort and paging parameters (also the exports'), as one zod schema. Pure.
import { z } from 'zod'
import { issueCategories, issueStatuses } from '../../domain/issue.ts'
import { resolvePeriod } from '../../domain/period.ts'
import { issueSources } from '../../domain/supervision.ts'
import {
  type IssueListQuery,
  type IssueSortKey,
  issueSortKeys,
} from '../../storage/ledger-store.ts'
import { periodFields, roundId } from './fields.ts'

const sorts = issueSortKeys.flatMap((key) => [key, `-${key}`]) as [string, ...string[]]
const count = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, '应为非负整数')
    .transform(Number)
    .pipe(z.number().max(max, `最大为 ${max}`))

const filters = {
  status: z.enum(issueStatuses).optional(),
  category: z.enum(issueCategories).optional(),
  township: z
    .string()
    .regex(/^\d{9}$/, '乡镇代码为 9 位数字')
    .optional(),
  grid: z
    .string()
    .regex(/^\d{15}$/, '网格编码为 15 位数字')
    .optional(),
  unit: z.string().min(1).max(64).optional(),
  overdue: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  source: z.enum(issueSources).optional(),
  round: roundId.optional(),
  ...periodFields, // 发现时间在某时段内
  sort: z.enum(sorts).default('-reportedAt'),
}

// custom periods need both dates and nothing else does; checked once here so every caller agrees
const periodRule = (p: { period?: string; from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (p.period === 'custom') {
    for (const field of ['from', 'to'] as const) {
      if (!p[field])
        ctx.addIssue({ code: 'custom', path: [field], message: '自定义时段须同时给出 from 和 to' })
    }
    if (p.from && p.to) {
      try {
        resolvePeriod({ kind: 'custom', from: p.from, to: p.to }, new Date(0))
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['from'], message: (error as Error).message })
      }
    }
  } else if (p.from || p.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['period'],
      message: '给出 from/to 时 period 须为 custom',
    })
  }
}

export const issueListSchema = z
  .object({
    ...filters,
    // 我的任务: only the caller's unit's or grids' issues (needs a session)
    mine: z
      .enum(['true', '1'])
      .transform(() => true)
      .optional(),
    limit: count(500).pipe(z.number().min(1, '至少为 1')).default(50),
    offset: count(1e9).default(0),
  })
  .strict()
  .superRefine(periodRule)

export const issueExportSchema = z.object(filters).strict().superRefine(periodRule)

type Filters = z.infer<typeof issueExportSchema>

/** Parsed parameters → the store's query; `now` decides overdue. */
export function toIssueListQuery(
  p: Filters & { limit?: number; offset?: number },
  now: Date,
): IssueListQuery {
  const descending = p.sort.startsWith('-')
  const query: IssueListQuery = {
    sort: { key: p.sort.replace(/^-/, '') as IssueSortKey, descending },
    limit: p.limit ?? 50,
    offset: p.offset ?? 0,
    now,
  }
  if (p.status) query.status = p.status
  if (p.category) query.category = p.category
  if (p.township) query.townshipCode = p.township
  if (p.grid) query.gridCode = p.grid
  if (p.unit) query.responsibleUnit = p.unit
  if (p.overdue !== undefined) query.overdue = p.overdue
  if (p.q) query.text = p.q
  if (p.source) query.source = p.source
  if (p.round) query.roundId = p.round
  if (p.period) {
    const period = resolvePeriod({ kind: p.period, from: p.from, to: p.to }, now)
    query.reportedFromMs = period.startMs
    query.reportedToMs = period.endMs
  }
  return query
}
