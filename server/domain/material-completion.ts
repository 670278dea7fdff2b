// Completion of the 台账材料: every (标准 × unit that must document it) is one task; per unit and per
// 标准 the 台账上报率 (submitted or approved ÷ tasks), the 图片资料完成率 (reported tasks with at least one
// photo ÷ tasks), the 合格率 (approved ÷ tasks) and the overdue tasks. Overdue is derived from the
// clock, never stored. Pure.
import type { Material, MaterialStatus } from './material.ts'
import {
  daysUntil,
  dueDayOf,
  endOfDay,
  type MaterialSchedule,
  type MaterialStandard,
  partOf,
  type UnitPart,
  unitsOf,
} from './material-schedule.ts'

/** What completion needs of a material: its state and whether it carries photos. */
export type MaterialSummary = Pick<
  Material,
  'id' | 'standardCode' | 'unitCode' | 'status' | 'reviewedAt' | 'submittedAt'
> & { photoCount: number; documentCount: number }

/** One unit's task: document one 标准. `status: 'missing'` when nothing was started. */
export interface MaterialTask {
  standardCode: string
  standardName: string
  points: number
  unitCode: string
  part: UnitPart
  materialId: string | null
  status: MaterialStatus | 'missing'
  dueOn: string // YYYY-MM-DD, the last day (倒排工期)
  dueAt: string // when that day ends, ISO
  daysLeft: number // negative once past
  overdue: boolean
  photoCount: number
  documentCount: number
}

export interface CompletionTally {
  tasks: number
  reported: number // submitted or approved
  approved: number
  returned: number
  withPhotos: number // reported with ≥ 1 photo
  overdue: number
  reportRate: number | null // 台账上报率, null without tasks
  photoRate: number | null // 图片资料完成率
  approvalRate: number | null // 合格率
}

export interface UnitCompletion extends CompletionTally {
  unitCode: string
}

export interface StandardCompletion extends CompletionTally {
  standardCode: string
  standardName: string
  points: number
  approvedPoints: number // points × approved ÷ tasks: the share of the 标准 documented and accepted
}

export interface MaterialCompletion {
  units: UnitCompletion[] // by report rate, lowest first, then code
  standards: StandardCompletion[] // in the system's order
  total: CompletionTally
}

const isReported = (status: MaterialTask['status']) =>
  status === 'submitted' || status === 'approved'

/** Needs action by the unit: nothing sent yet, or sent back. */
const awaitsUnit = (status: MaterialTask['status']) =>
  status === 'missing' || status === 'draft' || status === 'returned'

/** Every task of the year, in the system's order, each unit in the 标准's own order. */
export function materialTasks(
  standards: readonly MaterialStandard[],
  materials: readonly MaterialSummary[],
  schedule: MaterialSchedule,
  now: Date,
): MaterialTask[] {
  const byKey = new Map(materials.map((m) => [`${m.standardCode}\u0000${m.unitCode}`, m]))
  const tasks: MaterialTask[] = []
  for (const standard of standards) {
    for (const unitCode of unitsOf(standard)) {
      const m = byKey.get(`${standard.code}\u0000${unitCode}`)
      const status = m?.status ?? 'missing'
      const returnedAt = status === 'returned' ? m?.reviewedAt : undefined
      const dueOn = dueDayOf(standard, schedule, returnedAt)
      const dueAt = endOfDay(dueOn)
      tasks.push({
        standardCode: standard.code,
        standardName: standard.name,
        points: standard.points,
        unitCode,
        part: partOf(standard, unitCode) ?? 'responsible',
        materialId: m?.id ?? null,
        status,
        dueOn,
        dueAt,
        daysLeft: daysUntil(dueOn, now),
        overdue: awaitsUnit(status) && now.getTime() >= Date.parse(dueAt),
        photoCount: m?.photoCount ?? 0,
        documentCount: m?.documentCount ?? 0,
      })
    }
  }
  return tasks
}

function tally(tasks: readonly MaterialTask[]): CompletionTally {
  const count = (pick: (t: MaterialTask) => boolean) => tasks.filter(pick).length
  const n = tasks.length
  const reported = count((t) => isReported(t.status))
  const approved = count((t) => t.status === 'approved')
  const withPhotos = count((t) => isReported(t.status) && t.photoCount > 0)
  const rate = (k: number) => (n === 0 ? null : k / n)
  return {
    tasks: n,
    reported,
    approved,
    returned: count((t) => t.status === 'returned'),
    withPhotos,
    overdue: count((t) => t.overdue),
    reportRate: rate(reported),
    photoRate: rate(withPhotos),
    approvalRate: rate(approved),
  }
}

function groupBy<K>(tasks: readonly MaterialTask[], key: (t: MaterialTask) => K) {
  const groups = new Map<K, MaterialTask[]>()
  for (const t of tasks) {
    const list = groups.get(key(t))
    if (list) list.push(t)
    else groups.set(key(t), [t])
  }
  return groups
}

/** Completion per unit, per 标准 and in total. */
export function materialCompletion(
  standards: readonly MaterialStandard[],
  tasks: readonly MaterialTask[],
): MaterialCompletion {
  const units = [...groupBy(tasks, (t) => t.unitCode)]
    .map(([unitCode, list]) => ({ unitCode, ...tally(list) }))
    .sort(
      (a, b) =>
        (a.reportRate ?? 0) - (b.reportRate ?? 0) ||
        (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0),
    )
  const byStandard = groupBy(tasks, (t) => t.standardCode)
  const standardRows = standards.map((s) => {
    const counts = tally(byStandard.get(s.code) ?? [])
    return {
      standardCode: s.code,
      standardName: s.name,
      points: s.points,
      approvedPoints: counts.tasks === 0 ? 0 : (s.points * counts.approved) / counts.tasks,
      ...counts,
    }
  })
  return { units, standards: standardRows, total: tally(tasks) }
}
