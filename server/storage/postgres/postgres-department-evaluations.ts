// 部门评价 entries on PostGIS (migration 015).
import type {
  DepartmentEvaluation,
  NewDepartmentEvaluation,
} from '../../domain/department-evaluation.ts'
import {
  type DepartmentEvaluationRow,
  type DepartmentEvaluationStore,
  departmentEvaluationColumns,
  departmentEvaluationId,
  departmentEvaluationValues,
  toDepartmentEvaluation,
} from '../department-evaluation-store.ts'
import { nextSeq, query, queryOne } from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresDepartmentEvaluations
  extends PostgresPart
  implements DepartmentEvaluationStore
{
  async addDepartmentEvaluation(e: NewDepartmentEvaluation): Promise<DepartmentEvaluation> {
    return this.write(async (w) => {
      const seq = await nextSeq(w.tx, 'department_evaluations')
      const row = await queryOne<DepartmentEvaluationRow>(
        w.tx,
        `INSERT INTO department_evaluations (seq, id, ${departmentEvaluationColumns})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [seq, departmentEvaluationId(seq), ...departmentEvaluationValues(e)],
      )
      return toDepartmentEvaluation(row as DepartmentEvaluationRow)
    })
  }

  async departmentEvaluations(year: number): Promise<DepartmentEvaluation[]> {
    const rows = await query<DepartmentEvaluationRow>(
      this.db,
      'SELECT * FROM department_evaluations WHERE year = $1 ORDER BY seq DESC',
      [year],
    )
    return rows.map(toDepartmentEvaluation)
  }
}
