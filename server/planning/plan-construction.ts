// Construction under constraints: township minimums, category minimums, then the rest by a
// priority, never closer than the minimum spacing. Shared by the optimiser and the baseline.
import { checkpointCategories } from '../domain/checkpoint.ts'
import { categoryLabel, type Problem, townshipLabel } from './plan-feasibility.ts'
import { bump, compareIds, distance } from './plan-model.ts'
import { PlanningInputError } from './planning-errors.ts'

/** Picks by priority: higher first; ties go to the smaller id. */
export type Priority = (i: number, nearestM: number) => number

export interface Built {
  chosen: number[]
}

/**
 * Township minimums, then category minimums, then the rest by priority, never closer than the
 * minimum spacing. Each loop adds a point or stops, so it ends within size × candidates steps.
 */
export function construct(p: Problem, priority: Priority): Built | PlanningInputError {
  const { m, constraints } = p
  const { size, minPerTownship, minSpacingM } = constraints
  const chosen: number[] = []
  const inPlan = new Uint8Array(m.n)
  const blocked = new Uint8Array(m.n)
  const nearest = new Float64Array(m.n).fill(Number.POSITIVE_INFINITY)
  const perTownship = new Int32Array(m.townshipCodes.length)
  const perCategory = new Int32Array(checkpointCategories.length)
  const add = (i: number) => {
    chosen.push(i)
    inPlan[i] = 1
    bump(perTownship, m.township[i] as number, 1)
    bump(perCategory, m.category[i] as number, 1)
    for (let j = 0; j < m.n; j++) {
      const d = distance(m, i, j)
      if (d < (nearest[j] as number)) nearest[j] = d
      if (d < minSpacingM && j !== i) blocked[j] = 1
    }
  }
  const pick = (accept: (i: number) => boolean, prefer?: (i: number) => boolean): number => {
    let best = -1
    let bestPreferred = false
    let bestPriority = Number.NEGATIVE_INFINITY
    for (const i of m.byId) {
      if (inPlan[i] === 1 || blocked[i] === 1 || p.inPool[i] === 0 || !accept(i)) continue
      const preferred = prefer?.(i) ?? false
      const value = priority(i, nearest[i] as number)
      if (
        best < 0 ||
        (preferred && !bestPreferred) ||
        (preferred === bestPreferred && value > bestPriority)
      ) {
        best = i
        bestPreferred = preferred
        bestPriority = value
      }
    }
    return best
  }
  for (const i of p.keep) add(i)
  const spacingHint = `请把最小间距调小`
  const townshipOrder = m.townshipCodes
    .map((_, t) => t)
    .sort((a, b) => compareIds(m.townshipCodes[a] as string, m.townshipCodes[b] as string))
  // a township's points that also fill a category minimum save the plan a place
  const helpsCategory = (i: number) =>
    (perCategory[m.category[i] as number] as number) <
    (p.required[m.category[i] as number] as number)
  for (const t of townshipOrder) {
    while ((perTownship[t] as number) < minPerTownship) {
      const i = pick((j) => m.township[j] === t, helpsCategory)
      if (i < 0) {
        return new PlanningInputError(
          `最小间距 ${minSpacingM} 米时，按得分依次选点，乡镇“${townshipLabel(p, t)}”只选出 ${perTownship[t]} 个互不过近的点位，少于每乡镇最少数 ${minPerTownship}：${spacingHint}或降低每乡镇最少数`,
          'constraints.minSpacingM',
        )
      }
      add(i)
    }
  }
  for (const [c, required] of p.required.entries()) {
    while ((perCategory[c] as number) < required) {
      const i = pick((j) => m.category[j] === c)
      if (i < 0) {
        return new PlanningInputError(
          `最小间距 ${minSpacingM} 米时，按得分依次选点，类别“${categoryLabel(c)}”只选出 ${perCategory[c]} 个互不过近的点位，少于要求的 ${required} 个：${spacingHint}或降低该类别最少数`,
          'constraints.minSpacingM',
        )
      }
      add(i)
    }
  }
  if (chosen.length > size) {
    return new PlanningInputError(
      `满足每乡镇最少数和各类别最少数需要 ${chosen.length} 个点位，超过方案规模 ${size}：请把方案规模调到 ${chosen.length} 以上或降低最少数`,
      'constraints.size',
    )
  }
  while (chosen.length < size) {
    const i = pick(() => true)
    if (i < 0) {
      return new PlanningInputError(
        `最小间距 ${minSpacingM} 米时，按得分依次选点只选出 ${chosen.length} 个互不过近的点位，少于方案规模 ${size}：${spacingHint}或减小方案规模`,
        'constraints.minSpacingM',
      )
    }
    add(i)
  }
  return { chosen }
}
