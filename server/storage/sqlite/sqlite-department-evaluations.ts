// 部门评价 entries on SQLite (migration 020).
import type {
  DepartmentEvaluation,
  NewDepartmentEvaluation,
} from '../../domain/department-evaluation.ts'
import {
  type DepartmentEvaluationRow,
  type DepartmentEvaluationStore,
  newDepartmentEvaluations,
  toDepartmentEvaluation,
} from '../department-evaluation-store.ts'
import { SqlitePart } from './sqlite-part.ts'

export class SqliteDepartmentEvaluations extends SqlitePart implements DepartmentEvaluationStore {
  async addDepartmentEvaluation(e: NewDepartmentEvaluation): Promise<DepartmentEvaluation> {
    return this.transaction(() =>
      toDepartmentEvaluation(
        this.insertNumbered<NewDepartmentEvaluation, DepartmentEvaluationRow>(
          'department_evaluations',
          'deval',
          newDepartmentEvaluations,
          e,
        ),
      ),
    )
  }

  async departmentEvaluations(year: number): Promise<DepartmentEvaluation[]> {
    const rows = this.prepare(
      'SELECT * FROM department_evaluations WHERE year = ? ORDER BY seq DESC',
    ).all(year) as DepartmentEvaluationRow[]
    return rows.map(toDepartmentEvaluation)
  }
}
