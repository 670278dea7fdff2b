// The 测评体系 as data: 测评项目 → 测评内容 → 测评标准, one system per year. Each 标准 has a stable code
// ("03-02-01": 项目 03, 内容 02, 标准 01), the method that scores it, its points, whether it is an
// 一票否决 item, and the units that lead (牵头), answer for (负责) and support (配合) it. Pure.

/** How a 标准 is scored; the keys are the place profile's `assessment.shares` keys. */
export const assessmentMethods = ['field', 'materials', 'survey', 'departments'] as const
export type AssessmentMethod = (typeof assessmentMethods)[number]

/** Unit code standing for every township government (各乡镇人民政府), as the official tables write it. */
export const allTownshipsUnit = 'townships'

export interface AssessmentStandard {
  code: string // 03-02-01
  text: string // 测评标准
  method: AssessmentMethod
  points: number // 0.1 precision
  veto: boolean // 一票否决
  leadUnits: string[] // unit codes (牵头)
  responsibleUnits: string[] // 负责
  supportUnits: string[] // 配合
}

export interface AssessmentContent {
  code: string // 03-02
  name: string // 测评内容
  standards: AssessmentStandard[]
}

export interface AssessmentItem {
  code: string // 03
  name: string // 测评项目
  contents: AssessmentContent[]
}

export interface AssessmentSystem {
  year: number
  name: string
  source: string // where the text comes from
  illustrative: boolean // 示意: not the official text
  items: AssessmentItem[]
}

/** What the store keeps beside the system. */
export interface AssessmentSystemRecord extends AssessmentSystem {
  updatedBy: string
  updatedAt: string
}

const itemCode = /^\d{2}$/
const contentCode = /^\d{2}-\d{2}$/
const standardCode = /^\d{2}-\d{2}-\d{2}$/

export function isStandardCode(code: string): boolean {
  return standardCode.test(code)
}

/** Every 标准 in order, with its 项目 and 内容. */
export function standardsOf(
  system: Pick<AssessmentSystem, 'items'>,
): (AssessmentStandard & { itemCode: string; itemName: string; contentName: string })[] {
  return system.items.flatMap((item) =>
    item.contents.flatMap((content) =>
      content.standards.map((s) => ({
        ...s,
        itemCode: item.code,
        itemName: item.name,
        contentName: content.name,
      })),
    ),
  )
}

/** Points per method, rounded to 0.1. */
export function methodTotals(
  system: Pick<AssessmentSystem, 'items'>,
): Record<AssessmentMethod, number> {
  const totals: Record<AssessmentMethod, number> = {
    field: 0,
    materials: 0,
    survey: 0,
    departments: 0,
  }
  for (const s of standardsOf(system)) totals[s.method] += s.points
  for (const m of assessmentMethods) totals[m] = round1(totals[m])
  return totals
}

export function countsOf(system: Pick<AssessmentSystem, 'items'>): {
  items: number
  contents: number
  standards: number
  veto: number
} {
  const standards = standardsOf(system)
  return {
    items: system.items.length,
    contents: system.items.reduce((n, i) => n + i.contents.length, 0),
    standards: standards.length,
    veto: standards.filter((s) => s.veto).length,
  }
}

/**
 * What is wrong with a system, in Chinese (empty when nothing): codes well-formed, nested under their
 * parents and unique; points non-negative with one decimal; units known.
 */
export function systemProblems(system: AssessmentSystem, unitCodes: ReadonlySet<string>): string[] {
  const problems: string[] = []
  if (!Number.isInteger(system.year) || system.year < 2000 || system.year > 2100) {
    problems.push(`年度 ${system.year} 无效`)
  }
  if (!system.name.trim()) problems.push('测评体系名称不能为空')
  if (system.items.length === 0) problems.push('测评体系没有测评项目')
  const seen = new Set<string>()
  const once = (code: string) => {
    if (seen.has(code)) problems.push(`编号 ${code} 重复`)
    seen.add(code)
  }
  for (const item of system.items) {
    if (!itemCode.test(item.code)) problems.push(`测评项目编号 ${item.code} 应为两位数字，如 03`)
    once(item.code)
    if (!item.name.trim()) problems.push(`测评项目 ${item.code} 没有名称`)
    for (const content of item.contents) {
      if (!contentCode.test(content.code) || !content.code.startsWith(`${item.code}-`)) {
        problems.push(`测评内容编号 ${content.code} 应为 ${item.code}-NN`)
      }
      once(content.code)
      if (!content.name.trim()) problems.push(`测评内容 ${content.code} 没有名称`)
      for (const s of content.standards) {
        if (!standardCode.test(s.code) || !s.code.startsWith(`${content.code}-`)) {
          problems.push(`测评标准编号 ${s.code} 应为 ${content.code}-NN`)
        }
        once(s.code)
        if (!s.text.trim()) problems.push(`测评标准 ${s.code} 没有内容`)
        if (!assessmentMethods.includes(s.method)) problems.push(`测评标准 ${s.code} 测评方式无效`)
        if (!Number.isFinite(s.points) || s.points < 0 || round1(s.points) !== s.points) {
          problems.push(`测评标准 ${s.code} 分值应为不小于 0、最多一位小数的数`)
        }
        for (const unit of [...s.leadUnits, ...s.responsibleUnits, ...s.supportUnits]) {
          if (!unitCodes.has(unit)) problems.push(`测评标准 ${s.code} 的单位 ${unit} 不存在`)
        }
      }
    }
  }
  return problems
}

/** The 标准 a unit leads, answers for or supports (a township government also by 各乡镇). */
export function standardsOfUnit(
  system: Pick<AssessmentSystem, 'items'>,
  unitCode: string,
): AssessmentStandard[] {
  const township = unitCode.startsWith('township-')
  return standardsOf(system).filter((s) =>
    [...s.leadUnits, ...s.responsibleUnits, ...s.supportUnits].some(
      (u) => u === unitCode || (township && u === allTownshipsUnit),
    ),
  )
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10
}
