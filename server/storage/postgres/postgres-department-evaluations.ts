// 部门评价 entries on PostGIS (migration 015).
import type {
  DepartmentEvaluation,
  NewDepartmentEvaluation,
} from '../../domain/department-evaluation.ts'
import {
  type DepartmentEvaluationRow,
  type DepartmentEvaluationStore,
  departmentEvaluationId,
  toDepartmentEvaluation,
} from '../department-evaluation-store.ts'
import { query, queryOne } from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresDepartmentEvaluations
  extends PostgresPart
  implements DepartmentEvaluationStore
{
  async addDepartmentEvaluation(e: NewDepartmentEvaluation): Promise<DepartmentEvaluation> {
    return this.write(async (w) => {
      const next = await queryOne<{ seq: number | string }>(
        w.tx,
        'SELECT nextval(pg_get_serial_sequence($1, $2)) AS seq',
        ['department_evaluations', 'seq'],
      )
      const seq = Number(next?.seq)
      const row = await queryOne<DepartmentEvaluationRow>(
        w.tx,
        `INSERT INTO department_evaluations (seq, id, year, score, points, department, document,
           evaluated_on, note, entered_by, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        [
          seq,
          departmentEvaluationId(seq),
          e.year,
          e.score,
          e.points,
          e.department,
          e.document,
          e.evaluatedOn,
          e.note,
          e.enteredBy,
          e.enteredAt,
        ],
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
