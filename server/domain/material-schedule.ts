// 倒排工期: the 台账材料 deadlines counted back from the assessment date (测评日期), and which 测评标准
// (method 材料审核) each unit must document. Days are Beijing calendar days; a deadline day ends at
// 24:00 Beijing time. Pure.

const offsetMs = 8 * 3_600_000 // Asia/Shanghai, UTC+8, no daylight saving
const dayMs = 86_400_000

/** A 测评标准 as 材料审核 needs it: who documents it and what it is worth. */
export interface MaterialStandard {
  code: string // 测评标准编号, stable across versions of the system
  name: string // the 标准's text, shortened as the system gives it
  itemName?: string // 测评项目
  contentName?: string // 测评内容
  points: number // 分值
  leadUnits: readonly string[] // 牵头单位 codes
  responsibleUnits: readonly string[] // 责任单位 codes
  dueOn?: string // YYYY-MM-DD, overrides the schedule's submit day for this 标准
}

/** The schedule of one campaign year, counted back from the assessment date. */
export interface MaterialSchedule {
  year: number // 测评年度
  assessedOn: string // YYYY-MM-DD, 测评日期 (Beijing)
  submitDaysBefore: number // days before the assessment: units must have submitted
  reviewDaysBefore: number // days before: the 创建办 must have reviewed
  handoverDaysBefore: number // days before: 签字移交 of the approved materials
  resubmitDays: number // days a returned material has to come back, counted from the return
}

export interface ScheduleDates {
  submitOn: string // last day to submit (inclusive)
  reviewOn: string
  handoverOn: string
  assessedOn: string
}

/** YYYY-MM-DD shifted by whole days. */
export function addDays(day: string, days: number): string {
  const ms = Date.parse(`${day}T00:00:00Z`)
  if (Number.isNaN(ms)) throw new Error(`not a date: ${day}`)
  return new Date(ms + days * dayMs).toISOString().slice(0, 10)
}

/** The Beijing calendar day of an instant. */
export function beijingDayOf(at: Date): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10)
}

/** The instant a deadline day ends: the next day's 00:00 Beijing time. */
export function endOfDay(day: string): string {
  return new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - offsetMs).toISOString()
}

export function scheduleDates(s: MaterialSchedule): ScheduleDates {
  return {
    submitOn: addDays(s.assessedOn, -s.submitDaysBefore),
    reviewOn: addDays(s.assessedOn, -s.reviewDaysBefore),
    handoverOn: addDays(s.assessedOn, -s.handoverDaysBefore),
    assessedOn: s.assessedOn,
  }
}

/** How a unit stands to a 标准: it leads (牵头) it or is responsible (负责) for part of it. */
export type UnitPart = 'lead' | 'responsible'

/** The unit's part in the 标准, or undefined when it has none to document (配合 units have none). */
export function partOf(standard: MaterialStandard, unitCode: string): UnitPart | undefined {
  if (standard.leadUnits.includes(unitCode)) return 'lead'
  if (standard.responsibleUnits.includes(unitCode)) return 'responsible'
  return undefined
}

/** Every unit that must document the 标准: its leads, then its responsible units, once each. */
export function unitsOf(standard: MaterialStandard): string[] {
  return [...new Set([...standard.leadUnits, ...standard.responsibleUnits])]
}

/**
 * The day a material is due. A returned material gets `resubmitDays` from its return, never less
 * than the 标准's own day: sending it back late must not make it overdue at once.
 */
export function dueDayOf(
  standard: Pick<MaterialStandard, 'dueOn'>,
  schedule: MaterialSchedule,
  returnedAt?: string,
): string {
  const planned = standard.dueOn ?? scheduleDates(schedule).submitOn
  if (returnedAt === undefined) return planned
  const again = addDays(beijingDayOf(new Date(returnedAt)), schedule.resubmitDays)
  return again > planned ? again : planned
}

/** Whole days from `now`'s Beijing day to `day` (negative once past). */
export function daysUntil(day: string, now: Date): number {
  return Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${beijingDayOf(now)}T00:00:00Z`)) / dayMs,
  )
}
