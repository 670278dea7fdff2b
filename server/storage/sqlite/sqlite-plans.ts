// Demonstration-point plans on SQLite: one row per plan, its lists as JSON text.

import { newPlans, type PlanRow, planColumns, planValues, toPlanRecord } from '../plan-rows.ts'
import type { NewPlan, PlanChanges, PlanRecord, PlanStore } from '../plan-store.ts'
import { DuplicatePlanName } from '../plan-store.ts'
import { SqlitePart } from './sqlite-part.ts'

export class SqlitePlans extends SqlitePart implements PlanStore {
  async plans(): Promise<PlanRecord[]> {
    const rows = this.prepare(`SELECT ${planColumns} FROM plans ORDER BY seq`).all() as PlanRow[]
    return rows.map(toPlanRecord)
  }

  async plan(id: string): Promise<PlanRecord | undefined> {
    return this.read(id)
  }

  async createPlan(plan: NewPlan): Promise<PlanRecord> {
    return this.transaction(() => {
      this.assertNameFree(plan.name, undefined)
      const row = { ...plan, updatedAt: plan.createdAt }
      return toPlanRecord(this.insertNumbered('plans', 'plan', newPlans, row))
    })
  }

  async updatePlan(
    id: string,
    changes: PlanChanges,
    updatedAt: string,
  ): Promise<PlanRecord | undefined> {
    return this.transaction(() => {
      const current = this.read(id)
      if (!current) return undefined
      const next: PlanRecord = { ...current, ...changes, updatedAt }
      if (next.name !== current.name) this.assertNameFree(next.name, id)
      this.prepare(
        `UPDATE plans SET name = ?, checkpoint_ids = ?, weights = ?, constraints = ?, updated_at = ?
         WHERE id = ?`,
      ).run(...planValues(next), updatedAt, id)
      return next
    })
  }

  async deletePlan(id: string): Promise<boolean> {
    return this.prepare('DELETE FROM plans WHERE id = ?').run(id).changes > 0
  }

  private read(id: string): PlanRecord | undefined {
    const row = this.prepare(`SELECT ${planColumns} FROM plans WHERE id = ?`).get(id) as
      | PlanRow
      | undefined
    return row && toPlanRecord(row)
  }

  private assertNameFree(name: string, exceptId: string | undefined): void {
    const owner = this.prepare('SELECT id FROM plans WHERE name = ?').pluck().get(name) as
      | string
      | undefined
    if (owner !== undefined && owner !== exceptId) throw new DuplicatePlanName(name)
  }
}
