// The whole forecast: all four shares of the 测评体系 with a range each, the 一票否决 alarms and the ten
// actions that would gain the most points. Pure; the 实地考察 share starts from the existing model
// (planning/forecast.ts: fixed points by condition, random points by rehearsal draws) and replaces the
// fixed points' condition score by their fresh checklist score where one exists.
import {
  type AssessmentMethod,
  type AssessmentStandard,
  type AssessmentSystem,
  round1,
  standardsOf,
} from '../domain/assessment-system.ts'
import { type LatestInspection, staleAfterDays } from '../domain/checklist.ts'
import type { MaterialStatus, SurveyRates } from './forecast-inputs.ts'

const dayMs = 86_400_000
const z95 = 1.96

export interface FieldModel {
  expected: number // 实地考察 points, p5 and p95, as planning/forecast.ts gives them
  low: number
  high: number
  fixedMean: number | null
  fixedShare: number
  fixedIds: readonly string[] // the fixed points
}

export interface ShareForecast {
  method: AssessmentMethod
  points: number // the share's full points (sum of its 标准)
  expected: number | null // null: no evidence yet
  low: number
  high: number
  basis: string // how it was counted, in Chinese
}

export interface ForecastAction {
  kind: 'material' | 'point' | 'survey' | 'departments'
  target: string // a 标准 code or a check-point id
  text: string
  gain: number // expected points gained
}

export interface FullForecast {
  shares: ShareForecast[]
  total: { points: number; expected: number | null; low: number; high: number }
  vetoAlarms: { standardCode: string; text: string; reason: string }[]
  actions: ForecastAction[]
}

export interface FullForecastInput {
  system: Pick<AssessmentSystem, 'items'>
  field: FieldModel
  inspections: readonly LatestInspection[]
  materials: readonly { standardCode: string; status: MaterialStatus }[]
  survey: SurveyRates | null
  departmentScore: number | null
  departmentSource?: string // who gave the entered result and when, for the basis
  nowMs: number
}

const materialCredit: Record<MaterialStatus, { expected: number; low: number; high: number }> = {
  approved: { expected: 1, low: 1, high: 1 },
  submitted: { expected: 0.5, low: 0, high: 1 }, // not yet reviewed: either way
  returned: { expected: 0, low: 0, high: 0 },
  missing: { expected: 0, low: 0, high: 0 },
}

const r2 = (x: number) => Math.round(x * 100) / 100

export function fullForecast(input: FullForecastInput): FullForecast {
  const standards = standardsOf(input.system)
  const pointsOf = (m: AssessmentMethod) =>
    round1(standards.filter((s) => s.method === m).reduce((sum, s) => sum + s.points, 0))
  const actions: ForecastAction[] = []

  // 实地考察: fresh checklist scores replace the fixed points' condition score
  const fieldPoints = pointsOf('field')
  const fresh = new Map(
    input.inspections
      .filter((l) => input.nowMs - Date.parse(l.at) <= staleAfterDays * dayMs)
      .map((l) => [l.checkpointId, l]),
  )
  const fixedN = input.field.fixedIds.length
  const perFixed = fixedN > 0 ? (fieldPoints * input.field.fixedShare) / fixedN : 0
  let delta = 0
  const modelled = input.field.fixedMean ?? 1
  for (const id of input.field.fixedIds) {
    const inspection = fresh.get(id)
    if (!inspection) continue
    delta += perFixed * (inspection.score - modelled)
    if (inspection.score < 1) {
      actions.push({
        kind: 'point',
        target: id,
        text: `整改固定点位 ${id} 的 ${inspection.failed} 个不合格项并复测`,
        gain: perFixed * (1 - inspection.score),
      })
    }
  }
  const clamp = (x: number) => Math.min(fieldPoints, Math.max(0, x))
  const field: ShareForecast = {
    method: 'field',
    points: fieldPoints,
    expected: r2(clamp(input.field.expected + delta)),
    low: r2(clamp(input.field.low + delta)),
    high: r2(clamp(input.field.high + delta)),
    basis: `固定点位：${fresh.size > 0 ? `${[...fresh.keys()].filter((id) => input.field.fixedIds.includes(id)).length} 个按 ${staleAfterDays} 天内点位测评得分，其余` : ''}按周边问题状况；随机点位按模拟抽样`,
  }

  // 材料审核: each 标准's points by the status of its material
  const statusOf = new Map(input.materials.map((m) => [m.standardCode, m.status]))
  const material = { expected: 0, low: 0, high: 0 }
  for (const s of standards.filter((x) => x.method === 'materials')) {
    const status = statusOf.get(s.code) ?? 'missing'
    const credit = materialCredit[status]
    material.expected += s.points * credit.expected
    material.low += s.points * credit.low
    material.high += s.points * credit.high
    if (credit.expected < 1 && s.points > 0) {
      actions.push({
        kind: 'material',
        target: s.code,
        text: `${status === 'submitted' ? '审核通过' : status === 'returned' ? '按退回意见重报' : '报送'}台账材料 ${s.code}「${s.text}」`,
        gain: s.points * (1 - credit.expected),
      })
    }
  }
  const materials: ShareForecast = {
    method: 'materials',
    points: pointsOf('materials'),
    expected: r2(material.expected),
    low: r2(material.low),
    high: r2(material.high),
    basis: '已审核合格的材料计满分，已报送待审核的计一半（范围 0 至满分），退回或未报送的计 0',
  }

  const survey = surveyShare(pointsOf('survey'), input.survey, actions)
  const departments = departmentsShare(
    pointsOf('departments'),
    input.departmentScore,
    input.departmentSource,
  )
  const vetoAlarms = vetoAlarmsOf(standards, statusOf)

  const shares = [field, materials, survey, departments]
  const known = shares.every((s) => s.expected !== null)
  return {
    shares,
    total: {
      points: round1(shares.reduce((sum, s) => sum + s.points, 0)),
      expected: known ? r2(shares.reduce((sum, s) => sum + (s.expected ?? 0), 0)) : null,
      low: r2(shares.reduce((sum, s) => sum + s.low, 0)),
      high: r2(shares.reduce((sum, s) => sum + s.high, 0)),
    },
    vetoAlarms,
    actions: actions
      .map((a) => ({ ...a, gain: r2(a.gain) }))
      .sort((a, b) => b.gain - a.gain || a.target.localeCompare(b.target))
      .slice(0, 10),
  }
}

/** 问卷调查: the mean of the three rates, with a 95% interval for a proportion. */
function surveyShare(
  surveyPoints: number,
  surveyIn: SurveyRates | null,
  actions: ForecastAction[],
): ShareForecast {
  if (!surveyIn || surveyIn.n <= 0) {
    return {
      method: 'survey',
      points: surveyPoints,
      expected: null,
      low: 0,
      high: surveyPoints,
      basis: '尚无问卷调查数据',
    }
  }
  const { knowledge, support, satisfaction, n } = surveyIn
  const p = (knowledge + support + satisfaction) / 3
  const half = z95 * Math.sqrt((p * (1 - p)) / n)
  actions.push({
    kind: 'survey',
    target: 'survey',
    text: '提高群众知晓率、支持率、满意率（每提高 5 个百分点）',
    gain: surveyPoints * 0.05,
  })
  return {
    method: 'survey',
    points: surveyPoints,
    expected: r2(surveyPoints * p),
    low: r2(surveyPoints * Math.max(0, p - half)),
    high: r2(surveyPoints * Math.min(1, p + half)),
    basis: `最近一轮问卷（样本 ${n}）知晓率、支持率、满意率的平均，区间为 95% 置信区间`,
  }
}

/** 部门评价: as entered. */
function departmentsShare(
  departmentPoints: number,
  entered: number | null,
  source: string | undefined,
): ShareForecast {
  if (entered === null) {
    return {
      method: 'departments',
      points: departmentPoints,
      expected: null,
      low: 0,
      high: departmentPoints,
      basis: '尚未录入上级主管部门评价',
    }
  }
  const points = r2(Math.min(departmentPoints, entered))
  return {
    method: 'departments',
    points: departmentPoints,
    expected: points,
    low: points,
    high: points,
    basis: `按录入的上级主管部门评价${source ? `（${source}）` : ''}`,
  }
}

/** 一票否决: a veto 标准 of 材料审核 without an approved material is a hard alarm; others need checking. */
function vetoAlarmsOf(
  standards: readonly AssessmentStandard[],
  statusOf: ReadonlyMap<string, MaterialStatus>,
): FullForecast['vetoAlarms'] {
  return standards
    .filter((s) => s.veto)
    .flatMap((s) => {
      if (s.method !== 'materials') {
        return [{ standardCode: s.code, text: s.text, reason: '一票否决项，须由创建办核实确认' }]
      }
      const status = statusOf.get(s.code) ?? 'missing'
      if (status === 'approved') return []
      const reason = { missing: '未报送佐证材料', submitted: '材料待审核', returned: '材料被退回' }[
        status
      ]
      return [{ standardCode: s.code, text: s.text, reason: `一票否决项：${reason}` }]
    })
}
