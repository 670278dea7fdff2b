// Two plans' points apart: only in A, only in B, in both — the compare view's map and counts. Pure.

export type PlanSide = 'onlyA' | 'onlyB' | 'both'

export interface PlanDiff {
  onlyA: string[]
  onlyB: string[]
  both: string[]
}

/** Ids keep their order in A (then B for onlyB); repeated ids count once. */
export function diffPlans(a: readonly string[], b: readonly string[]): PlanDiff {
  const inA = new Set(a)
  const inB = new Set(b)
  const unique = (ids: readonly string[]) => [...new Set(ids)]
  return {
    onlyA: unique(a).filter((id) => !inB.has(id)),
    onlyB: unique(b).filter((id) => !inA.has(id)),
    both: unique(a).filter((id) => inB.has(id)),
  }
}

/** Which side each id of either plan is on. */
export function sidesOf(diff: PlanDiff): Map<string, PlanSide> {
  const sides = new Map<string, PlanSide>()
  for (const side of ['onlyA', 'onlyB', 'both'] as const)
    for (const id of diff[side]) sides.set(id, side)
  return sides
}

/** Adds the id if absent, removes it if present; order of the rest kept. */
export function toggleId(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]
}
