// Checklist scoring against golden fixtures: each case in test/fixtures/assessment/checklist-scoring.json
// keeps its results and instant under `in`, and the score, counts, problems and map status under `out`.
// REGEN=1 rewrites the `out` side (then `npx biome format --write test/fixtures/assessment`).
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { demoChecklistItems } from '../../server/assessment/checklist-demo.ts'
import {
  type CheckResult,
  checkStatusOf,
  type LatestInspection,
  resultProblems,
  scoreResults,
} from '../../server/domain/checklist.ts'

interface Case {
  name: string
  in: {
    category: string
    results: { itemCode: string; result: CheckResult }[]
    latest?: LatestInspection
    now: string
  }
  out?: unknown
}

const file = new URL('../fixtures/assessment/checklist-scoring.json', import.meta.url)
const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[]

function run(c: Case): unknown {
  const checklist = demoChecklistItems().filter((i) => i.category === c.in.category)
  return {
    ...scoreResults(c.in.results),
    problems: resultProblems(checklist, c.in.results),
    status: checkStatusOf(c.in.latest, Date.parse(c.in.now)),
  }
}

describe('checklist scoring (golden)', () => {
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

  test('every category has a checklist with at least one 静态 and one 动态 item, codes unique', () => {
    const items = demoChecklistItems()
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length)
    const categories = new Set(items.map((i) => i.category))
    expect(categories.size).toBe(21)
    for (const category of categories) {
      const kinds = new Set(items.filter((i) => i.category === category).map((i) => i.kind))
      expect(kinds, category).toEqual(new Set(['static', 'dynamic']))
    }
  })
})
