// The 示意 测评体系: the real system's shape at a third of its size, each method totalling the
// place profile's share, every code and unit valid.
import { describe, expect, test } from 'vitest'
import { demoAssessmentSystem } from '../../server/assessment/system-demo.ts'
import { place } from '../../server/config/place.ts'
import {
  allTownshipsUnit,
  countsOf,
  methodTotals,
  standardsOfUnit,
  systemProblems,
} from '../../server/domain/assessment-system.ts'
import { departmentUnits } from '../../server/domain/units.ts'

const unitCodes = new Set([...departmentUnits.map((u) => u.code), allTownshipsUnit])

describe('the 示意 测评体系', () => {
  const system = demoAssessmentSystem(2026, place.assessment.shares, place.assessment.source)

  test('has 12 项目, 30 内容 and 62 标准, three of them 一票否决, and says it is 示意', () => {
    expect(countsOf(system)).toEqual({ items: 12, contents: 30, standards: 62, veto: 3 })
    expect(system.illustrative).toBe(true)
    expect(system.name).toContain('示意')
  })

  test("each method's points add up to the place profile's share", () => {
    expect(methodTotals(system)).toEqual(place.assessment.shares)
  })

  test('scales to any shares, to 0.1', () => {
    const shares = { field: 50, materials: 30.5, survey: 9.9, departments: 0.7 }
    expect(methodTotals(demoAssessmentSystem(2026, shares, 'x'))).toEqual(shares)
  })

  test('is valid: well-formed unique codes, non-negative points, known units', () => {
    expect(systemProblems(system, unitCodes)).toEqual([])
  })

  test('a township government answers for the 各乡镇 standards', () => {
    const township = standardsOfUnit(system, 'township-532927100').map((s) => s.code)
    expect(township).toContain('04-01-01') // 主次干道、背街小巷干净整洁
    expect(standardsOfUnit(system, 'education').every((s) => s.code.length === 8)).toBe(true)
  })

  test('problems are named: bad codes, repeats, negative points, unknown units', () => {
    const broken = structuredClone(system)
    const item = broken.items[0]
    const content = item?.contents[0]
    const standard = content?.standards[0]
    if (!item || !content || !standard) throw new Error('empty system')
    standard.code = '01-02-01'
    standard.points = -1
    standard.leadUnits = ['nobody']
    content.standards.push({ ...standard, code: '01-01-02' })
    expect(systemProblems(broken, unitCodes)).toEqual([
      '测评标准编号 01-02-01 应为 01-01-NN',
      '测评标准 01-02-01 分值应为不小于 0、最多一位小数的数',
      '测评标准 01-02-01 的单位 nobody 不存在',
      '编号 01-01-02 重复',
      '测评标准 01-01-02 分值应为不小于 0、最多一位小数的数',
      '测评标准 01-01-02 的单位 nobody 不存在',
      '编号 01-02-01 重复', // the next 内容's first 标准
    ])
  })
})
