// The plan problem (model + constraints + kept points) and the feasibility check run before any
// search. Throws PlanningInputError naming what to relax.
import {
  type CheckpointCategory,
  checkpointCategories,
  checkpointKinds,
} from '../domain/checkpoint.ts'
import type { PlanConstraints } from '../domain/demo-factors.ts'
import { checkpointCategoryLabels } from '../domain/labels-zh.ts'
import { bump, distance, indexesOf, type Model } from './plan-model.ts'
import { PlanningInputError } from './planning-errors.ts'
import type { CheckpointInput } from './planning-inputs.ts'

// ---- construction under constraints ----------------------------------------------------------

export interface Problem {
  m: Model
  constraints: PlanConstraints
  required: Int32Array // least points per category index
  inPool: Uint8Array // the optimiser may use it: allowed kind, or kept
  keep: number[]
  kept: Uint8Array
  townshipNames: Readonly<Record<string, string>>
}

export function townshipLabel(p: Problem, t: number): string {
  const code = p.m.townshipCodes[t] as string
  return p.townshipNames[code] ?? code
}

export function categoryLabel(c: number): string {
  return checkpointCategoryLabels[checkpointCategories[c] as CheckpointCategory]
}

export function buildProblem(
  m: Model,
  constraints: PlanConstraints,
  keepIds: readonly string[],
  townshipNames: Readonly<Record<string, string>> = {},
): Problem {
  const keep = indexesOf(m, keepIds, 'keep')
  const kept = new Uint8Array(m.n)
  for (const i of keep) kept[i] = 1
  const kinds = constraints.kinds ?? checkpointKinds
  const inPool = new Uint8Array(m.n)
  for (const [i, c] of m.candidates.entries()) {
    inPool[i] = kinds.includes(c.kind) || kept[i] === 1 ? 1 : 0
  }
  const required = new Int32Array(checkpointCategories.length)
  for (const [category, count] of Object.entries(constraints.requiredCategories)) {
    required[checkpointCategories.indexOf(category as CheckpointCategory)] = count ?? 0
  }
  return { m, constraints, required, inPool, keep, kept, townshipNames }
}

/** Throws PlanningInputError for constraints no selection can meet, before any search. */
export function checkFeasible(p: Problem): void {
  const { m, constraints } = p
  const { size, minPerTownship, minSpacingM } = constraints
  const townships = m.townshipCodes.length
  if (minPerTownship * townships > size) {
    throw new PlanningInputError(
      `每个乡镇至少 ${minPerTownship} 个 × ${townships} 个乡镇 = ${minPerTownship * townships}，超过方案规模 ${size}：请把方案规模调到 ${minPerTownship * townships} 以上或降低每乡镇最少数`,
      'constraints.minPerTownship',
    )
  }
  const requiredTotal = p.required.reduce((sum, r) => sum + r, 0)
  if (requiredTotal > size) {
    throw new PlanningInputError(
      `各类别最少数合计 ${requiredTotal}，超过方案规模 ${size}：请把方案规模调到 ${requiredTotal} 以上或降低类别最少数`,
      'constraints.requiredCategories',
    )
  }
  if (p.keep.length > size) {
    throw new PlanningInputError(
      `保留的点位有 ${p.keep.length} 个，超过方案规模 ${size}：请少保留一些或把方案规模调大`,
      'keep',
    )
  }
  const poolSize = p.inPool.reduce((sum, v) => sum + v, 0)
  if (poolSize < size) {
    throw new PlanningInputError(
      `可选点位只有 ${poolSize} 个，少于方案规模 ${size}：请把方案规模调到 ${poolSize} 以下或放宽点位类型`,
      'constraints.size',
    )
  }
  const perCategory = new Int32Array(checkpointCategories.length)
  const perTownship = new Int32Array(townships)
  for (let i = 0; i < m.n; i++) {
    if (p.inPool[i] === 0) continue
    bump(perCategory, m.category[i] as number, 1)
    bump(perTownship, m.township[i] as number, 1)
  }
  for (const [c, required] of p.required.entries()) {
    const available = perCategory[c] as number
    if (available < required) {
      const category = checkpointCategories[c] as CheckpointCategory
      const why = constraints.kinds && available === 0 ? '（所选点位类型中没有该类别）' : ''
      throw new PlanningInputError(
        `类别“${categoryLabel(c)}”只有 ${available} 个可选点位${why}，少于要求的 ${required} 个：请把该类别的最少数降到 ${available} 或以下`,
        `constraints.requiredCategories.${category}`,
      )
    }
  }
  for (const [t, available] of perTownship.entries()) {
    if (available < minPerTownship) {
      throw new PlanningInputError(
        `乡镇“${townshipLabel(p, t)}”只有 ${available} 个可选点位，少于每乡镇最少数 ${minPerTownship}：请把每乡镇最少数降到 ${available} 或以下`,
        'constraints.minPerTownship',
      )
    }
  }
  for (const [a, i] of p.keep.entries()) {
    for (const j of p.keep.slice(a + 1)) {
      const d = distance(m, i, j)
      if (d < minSpacingM) {
        const [ci, cj] = [m.candidates[i] as CheckpointInput, m.candidates[j] as CheckpointInput]
        throw new PlanningInputError(
          `保留的点位“${ci.name}”与“${cj.name}”相距 ${Math.round(d)} 米，小于最小间距 ${minSpacingM} 米：请调小最小间距或不保留其中一个`,
          'keep',
        )
      }
    }
  }
}
