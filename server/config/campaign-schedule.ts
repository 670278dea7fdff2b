// The campaign's dates as configuration: the assessment date (测评日期) of each place profile and the
// 倒排工期 counted back from it for the 台账材料. A profile without them gets the defaults below.
import { z } from 'zod'
import type { MaterialSchedule } from '../domain/material-schedule.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD')

export const campaignScheduleSchema = z
  .object({
    assessedOn: day, // 测评日期 (Beijing)
    submitDaysBefore: z.number().int().min(0).max(365).optional(),
    reviewDaysBefore: z.number().int().min(0).max(365).optional(),
    handoverDaysBefore: z.number().int().min(0).max(365).optional(),
    resubmitDays: z.number().int().min(1).max(60).optional(),
  })
  .strict()

export type CampaignSchedule = z.infer<typeof campaignScheduleSchema>

export const scheduleDefaults = {
  submitDaysBefore: 45, // days: units submit six weeks ahead
  reviewDaysBefore: 30, // days: the 创建办 has two weeks to review and return
  handoverDaysBefore: 15, // days: 签字移交 two weeks before the assessors come
  resubmitDays: 5, // days a returned material has to come back
} as const

/** The 材料审核 schedule of a profile; without one, an assessment on 30 June of `fallbackYear`. */
export function materialScheduleOf(
  schedule: CampaignSchedule | undefined,
  fallbackYear: number,
): MaterialSchedule {
  const assessedOn = schedule?.assessedOn ?? `${fallbackYear}-06-30`
  return {
    year: Number(assessedOn.slice(0, 4)),
    assessedOn,
    submitDaysBefore: schedule?.submitDaysBefore ?? scheduleDefaults.submitDaysBefore,
    reviewDaysBefore: schedule?.reviewDaysBefore ?? scheduleDefaults.reviewDaysBefore,
    handoverDaysBefore: schedule?.handoverDaysBefore ?? scheduleDefaults.handoverDaysBefore,
    resubmitDays: schedule?.resubmitDays ?? scheduleDefaults.resubmitDays,
  }
}
