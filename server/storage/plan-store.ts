// The plans part of the Store: named demonstration-point plans (示范点方案) that planners save,
// reload, rename and delete. Weights and constraints are kept as given (JSON); the store checks
// only that a name is not taken.

/** Factor weights, each 0–10 (see server/planning/demo-points.ts). */
export type PlanWeights = Readonly<Record<string, number>>

export interface PlanRecord {
  id: string // plan-0001, never reused
  name: string // 1–50 characters, unique
  checkpointIds: string[]
  weights: PlanWeights
  constraints: Readonly<Record<string, unknown>>
  createdBy: string // username
  createdAt: string // ISO 8601 UTC
  updatedAt: string
}

export type NewPlan = Omit<PlanRecord, 'id' | 'updatedAt'>

export type PlanChanges = Partial<
  Pick<PlanRecord, 'name' | 'checkpointIds' | 'weights' | 'constraints'>
>

export interface PlanStore {
  /** Every plan, oldest first. */
  plans(): Promise<PlanRecord[]>
  plan(id: string): Promise<PlanRecord | undefined>
  /** Stores a plan under the next free id. Throws DuplicatePlanName when the name is taken. */
  createPlan(plan: NewPlan): Promise<PlanRecord>
  /** The plan after the changes, or undefined when there is none. Throws DuplicatePlanName. */
  updatePlan(id: string, changes: PlanChanges, updatedAt: string): Promise<PlanRecord | undefined>
  /** Whether there was such a plan. */
  deletePlan(id: string): Promise<boolean>
}

export class DuplicatePlanName extends Error {
  override name = 'DuplicatePlanName'
  readonly planName: string
  constructor(planName: string) {
    super(`已有名为「${planName}」的方案`)
    this.planName = planName
  }
}
