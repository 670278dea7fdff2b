// 部门评价 entries on SQLite (migration 020).
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
import { SqlitePart } from './sqlite-part.ts'

export class SqliteDepartmentEvaluations extends SqlitePart implements DepartmentEvaluationStore {
  async addDepartmentEvaluation(e: NewDepartmentEvaluation): Promise<DepartmentEvaluation> {
    return this.transaction(() => {
      // the id is made from the row's seq: insert, then name it
      const seq = Number(
        this.prepare(
          `INSERT INTO department_evaluations (id, ${departmentEvaluationColumns})
           VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...departmentEvaluationValues(e)).lastInsertRowid,
      )
      this.prepare('UPDATE department_evaluations SET id = ? WHERE seq = ?').run(
        departmentEvaluationId(seq),
        seq,
      )
      return toDepartmentEvaluation(
        this.prepare('SELECT * FROM department_evaluations WHERE seq = ?').get(
          seq,
        ) as DepartmentEvaluationRow,
      )
    })
  }

  async departmentEvaluations(year: number): Promise<DepartmentEvaluation[]> {
    const rows = this.prepare(
      'SELECT * FROM department_evaluations WHERE year = ? ORDER BY seq DESC',
    ).all(year) as DepartmentEvaluationRow[]
    return rows.map(toDepartmentEvaluation)
  }
}
