// 台账材料 completion: 倒排工期 deadlines, overdue from the clock, 台账上报率 / 图片资料完成率 / 合格率 per
// unit and per 标准; a golden file holds the fixture's input beside the result (vitest -u rewrites).
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { submitProblems } from '../../server/domain/material.ts'
import {
  type MaterialSummary,
  materialCompletion,
  materialTasks,
} from '../../server/domain/material-completion.ts'
import {
  dueDayOf,
  endOfDay,
  type MaterialSchedule,
  type MaterialStandard,
  scheduleDates,
} from '../../server/domain/material-schedule.ts'
import { expectGolden } from '../assessment/golden.ts'

const fixture = JSON.parse(
  readFileSync(
    new URL('../fixtures/assessment/in/material-completion.json', import.meta.url),
    'utf8',
  ),
) as {
  now: string
  schedule: MaterialSchedule
  standards: MaterialStandard[]
  materials: MaterialSummary[]
}
const now = new Date(fixture.now)

describe('倒排工期', () => {
  test('milestones are counted back from the assessment date', () => {
    expect(scheduleDates(fixture.schedule)).toEqual({
      submitOn: '2027-05-16',
      reviewOn: '2027-05-31',
      handoverOn: '2027-06-15',
      assessedOn: '2027-06-30',
    })
  })

  test('a deadline day ends at 24:00 Beijing time', () => {
    expect(endOfDay('2027-05-16')).toBe('2027-05-16T16:00:00.000Z')
  })

  test('a returned material gets resubmitDays from its return, never less than its own day', () => {
    const standard = { dueOn: '2027-05-25' }
    expect(dueDayOf(standard, fixture.schedule, '2027-05-18T02:00:00Z')).toBe('2027-05-25')
    expect(dueDayOf(standard, fixture.schedule, '2027-05-24T02:00:00Z')).toBe('2027-05-29')
    // 01:00 Beijing on the 24th is still the 24th there, though the 23rd in UTC
    expect(dueDayOf({}, fixture.schedule, '2027-05-23T17:00:00Z')).toBe('2027-05-29')
  })
})

describe('completion', () => {
  const tasks = materialTasks(fixture.standards, fixture.materials, fixture.schedule, now)

  test('every lead and responsible unit has one task per 标准; nothing started is missing', () => {
    expect(tasks.map((t) => `${t.standardCode} ${t.unitCode} ${t.status}`)).toEqual([
      '01-01-01 civilization-office approved',
      '03-02-01 civilization-office submitted',
      '03-02-01 urban-management returned',
      '03-02-01 culture-tourism missing',
      '05-01-02 market-regulation draft',
      '05-01-02 urban-management approved',
      '07-03-01 education missing',
    ])
  })

  test('overdue: past the day and still with the unit; a returned one has its own day', () => {
    const overdue = tasks.filter((t) => t.overdue).map((t) => `${t.standardCode} ${t.unitCode}`)
    // 05-16 passed for culture-tourism and education; urban-management's return is due 05-23;
    // market-regulation's 标准 is due 05-25
    expect(overdue).toEqual(['03-02-01 culture-tourism', '07-03-01 education'])
  })

  test('rates per unit: reported ÷ tasks, reported with photos ÷ tasks, approved ÷ tasks', () => {
    const c = materialCompletion(fixture.standards, tasks)
    const um = c.units.find((u) => u.unitCode === 'urban-management')
    expect(um).toMatchObject({ tasks: 2, reported: 1, approved: 1, returned: 1, withPhotos: 1 })
    expect(um?.reportRate).toBe(0.5)
    const office = c.units.find((u) => u.unitCode === 'civilization-office')
    expect(office).toMatchObject({ reportRate: 1, photoRate: 0.5, approvalRate: 0.5 })
    expect(c.total).toMatchObject({ tasks: 7, reported: 3, approved: 2, overdue: 2 })
  })

  test('golden: the fixture completed per unit and per 标准', () => {
    const out = { input: fixture, tasks, completion: materialCompletion(fixture.standards, tasks) }
    expectGolden(
      out,
      new URL('../fixtures/assessment/out/material-completion.json', import.meta.url),
    )
  })
})

describe('submitting', () => {
  test('a material needs all five elements and at least one file', () => {
    expect(submitProblems({ report: null, files: [] })).toHaveLength(6)
    const report = {
      responsibility: '县文明办牵头',
      deployment: '微文明〔2027〕3号',
      measures: '每周巡查',
      dataExamples: '刊播公益广告 1200 处',
      results: ' ',
    }
    expect(submitProblems({ report, files: [] })).toEqual([
      '说明报告缺少「取得成效」',
      '至少上传 1 个文件或照片',
    ])
  })
})
