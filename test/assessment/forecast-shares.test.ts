// The whole forecast against golden fixtures: each case in test/fixtures/assessment/full-forecast.json
// keeps its evidence under `in` (the 示意 system at the case's shares) and the four shares, alarms and
// actions under `out`. REGEN=1 rewrites `out` (then `npx biome format --write test/fixtures/assessment`).
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { SurveyRates } from '../../server/assessment/forecast-inputs.ts'
import { type FieldModel, fullForecast } from '../../server/assessment/forecast-shares.ts'
import { demoAssessmentSystem } from '../../server/assessment/system-demo.ts'
import type { AssessmentMethod } from '../../server/domain/assessment-system.ts'
import type { LatestInspection } from '../../server/domain/checklist.ts'

interface Case {
  name: string
  in: {
    shares: Record<AssessmentMethod, number>
    field: FieldModel
    inspections: LatestInspection[]
    materials: { standardCode: string; status: 'missing' | 'submitted' | 'approved' | 'returned' }[]
    survey: SurveyRates | null
    departmentScore: number | null
    now: string
  }
  out?: unknown
}

const file = new URL('../fixtures/assessment/full-forecast.json', import.meta.url)
const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[]

function run(c: Case) {
  return fullForecast({
    system: demoAssessmentSystem(2026, c.in.shares, '测试'),
    field: c.in.field,
    inspections: c.in.inspections,
    materials: c.in.materials,
    survey: c.in.survey,
    departmentScore: c.in.departmentScore,
    nowMs: Date.parse(c.in.now),
  })
}

describe('the whole forecast (golden)', () => {
  if (process.env.REGEN === '1') {
    writeFileSync(
      file,
      `${JSON.stringify(
        cases.map((c) => ({ ...c, out: run(c) })),
        null,
        2,
      )}\n`,
    )
  }
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(run(c)).toEqual(c.out)
  })

  test('approving a material raises 材料审核 by its points; nothing else moves', () => {
    const base = cases[0] as Case
    const before = run(base)
    const after = run({
      ...base,
      in: { ...base.in, materials: [{ standardCode: '01-01-01', status: 'approved' }] },
    })
    const gained = (after.shares[1]?.expected ?? 0) - (before.shares[1]?.expected ?? 0)
    const points = demoAssessmentSystem(2026, base.in.shares, '测试').items[0]?.contents[0]
      ?.standards[0]?.points
    expect(gained).toBeCloseTo(points ?? Number.NaN, 2)
    expect(after.shares[0]).toEqual(before.shares[0])
  })
})
