// Demonstration-point plans on PostGIS: one row per plan, its lists as jsonb; ids from an identity
// sequence, so a deleted plan's id is never given again.

import { newPlans, type PlanRow, planColumns, planValues, toPlanRecord } from '../plan-rows.ts'
import {
  DuplicatePlanName,
  type NewPlan,
  type PlanChanges,
  type PlanRecord,
} from '../plan-store.ts'
import {
  insertNumbered,
  isUniqueViolation,
  type Queryable,
  query,
  queryOne,
} from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresPlans extends PostgresPart {
  async plans(): Promise<PlanRecord[]> {
    return (await query<PlanRow>(this.db, `SELECT ${planColumns} FROM plans ORDER BY seq`)).map(
      toPlanRecord,
    )
  }

  async plan(id: string): Promise<PlanRecord | undefined> {
    const row = await queryOne<PlanRow>(this.db, `SELECT ${planColumns} FROM plans WHERE id = $1`, [
      id,
    ])
    return row && toPlanRecord(row)
  }

  async createPlan(plan: NewPlan): Promise<PlanRecord> {
    return this.named(plan.name, () =>
      this.write(async (w) => {
        await assertNameFree(w.tx, plan.name, undefined)
        const row = { ...plan, updatedAt: plan.createdAt }
        return toPlanRecord(await insertNumbered(w.tx, 'plans', 'plan', newPlans, row))
      }),
    )
  }

  async updatePlan(
    id: string,
    changes: PlanChanges,
    updatedAt: string,
  ): Promise<PlanRecord | undefined> {
    return this.named(changes.name ?? '', () =>
      this.write(async (w) => {
        const row = await queryOne<PlanRow>(
          w.tx,
          `SELECT ${planColumns} FROM plans WHERE id = $1 FOR UPDATE`,
          [id],
        )
        if (!row) return undefined
        const current = toPlanRecord(row)
        const next: PlanRecord = { ...current, ...changes, updatedAt }
        if (next.name !== current.name) await assertNameFree(w.tx, next.name, id)
        await query(
          w.tx,
          `UPDATE plans SET name = $1, checkpoint_ids = $2::text::jsonb, weights = $3::text::jsonb, constraints = $4::text::jsonb, updated_at = $5
           WHERE id = $6`,
          [...planValues(next), updatedAt, id],
        )
        return next
      }),
    )
  }

  async deletePlan(id: string): Promise<boolean> {
    return this.write(
      async (w) =>
        (await query(w.tx, 'DELETE FROM plans WHERE id = $1 RETURNING id', [id])).length > 0,
    )
  }

  /** Two writers racing for one name: the unique index refuses the second. */
  private async named<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      if (isUniqueViolation(error, 'plans_name_key')) throw new DuplicatePlanName(name)
      throw error
    }
  }
}

async function assertNameFree(
  db: Queryable,
  name: string,
  exceptId: string | undefined,
): Promise<void> {
  const owner = await queryOne<{ id: string }>(db, 'SELECT id FROM plans WHERE name = $1', [name])
  if (owner !== undefined && owner.id !== exceptId) throw new DuplicatePlanName(name)
}
