// The request fields many routes' schemas share, with their Chinese messages.
import { z } from 'zod'
import { periodKinds } from '../../domain/period.ts'

/** Required text, trimmed, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max)

/** A calendar day, YYYY-MM-DD (Beijing dates as the user typed them). */
export const day = (message = '日期格式为 YYYY-MM-DD') =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message)

/** A time span: 本周/上周/本月/上月, or custom with from and to (Beijing calendar days). */
export const periodFields = {
  period: z.enum(periodKinds).optional(),
  from: day().optional(),
  to: day().optional(),
}

/** A 督查 round's id, round-0001. */
export const roundId = z.string().regex(/^round-\d{1,9}$/, '督查轮次编号形如 round-0001')
