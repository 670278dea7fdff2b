// Query parameters of the wall's /api/stats/* and /api/events/* endpoints, as zod schemas: a bad or
// unknown parameter is a 400 naming it. Pure.
import { z } from 'zod'

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, '应为非负整数')
    .transform(Number)
    .pipe(z.number().min(min, `最小为 ${min}`).max(max, `最大为 ${max}`))

const township = z
  .string()
  .regex(/^\d{9}$/, '乡镇代码为 9 位数字')
  .optional()

/** w,s,e,n in WGS84 degrees, west ≤ east and south ≤ north. */
const bbox = z
  .string()
  .transform((text, ctx) => {
    const parts = text.split(',')
    const numbers = parts.map((p) => (/^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : Number.NaN))
    const [w, s, e, n] = numbers as [number, number, number, number]
    const valid =
      numbers.length === 4 &&
      numbers.every(Number.isFinite) &&
      w >= -180 &&
      e <= 180 &&
      s >= -90 &&
      n <= 90 &&
      w <= e &&
      s <= n
    if (!valid) {
      ctx.addIssue({
        code: 'custom',
        message: '应为 西,南,东,北 四个经纬度（WGS84），且西 ≤ 东、南 ≤ 北',
      })
      return z.NEVER
    }
    return [w, s, e, n] as [number, number, number, number]
  })
  .optional()

export const townshipOnlySchema = z.object({ township }).strict()

export const hexbinsSchema = z
  .object({
    township,
    radiusMeters: integer(100, 20_000).default(500), // centre-to-corner, metres
    bbox,
    status: z.enum(['open', 'overdue', 'all']).default('open'),
  })
  .strict()

export const trendSchema = z.object({ township, days: integer(1, 365).default(30) }).strict()

export const rankingsSchema = z
  .object({
    township,
    by: z.enum(['closureRate', 'overdue']).default('closureRate'),
    level: z.enum(['township', 'unit']).default('township'),
    top: integer(1, 20).default(5),
    minIssues: integer(1, 100_000).default(10), // issues a row needs to be ranked
  })
  .strict()

export const recentSchema = z.object({ limit: integer(1, 100).default(20) }).strict()

/** The stream's query: `lastEventId` for clients that cannot send the Last-Event-ID header. */
export const streamSchema = z
  .object({
    lastEventId: z.string().optional(),
    views: z.enum(['1']).optional(), // the wall: also push `event: view` (a new shared view version)
  })
  .strict()

/** A Last-Event-ID value: a non-negative integer seq. */
export const lastEventIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, '应为事件序号（非负整数）')
  .transform(Number)
