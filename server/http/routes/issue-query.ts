// The /api/issues filter, sort and paging parameters (also the exports'), as one zod schema. Pure.
import { z } from 'zod'
import { issueCategories, issueStatuses } from '../../domain/issue.ts'
import {
  type IssueListQuery,
  type IssueSortKey,
  issueSortKeys,
} from '../../storage/ledger-store.ts'

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
  sort: z.enum(sorts).default('-reportedAt'),
}

export const issueListSchema = z
  .object({
    ...filters,
    limit: count(500).pipe(z.number().min(1, '至少为 1')).default(50),
    offset: count(1e9).default(0),
  })
  .strict()

export const issueExportSchema = z.object(filters).strict()

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
  return query
}
