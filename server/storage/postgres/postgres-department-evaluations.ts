// 部门评价 entries on PostGIS (migration 015).
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
import { insertNumbered, query } from './postgres-db.ts'
import { PostgresPart } from './postgres-part.ts'

export class PostgresDepartmentEvaluations
  extends PostgresPart
  implements DepartmentEvaluationStore
{
  async addDepartmentEvaluation(e: NewDepartmentEvaluation): Promise<DepartmentEvaluation> {
    return this.write(async (w) =>
      toDepartmentEvaluation(
        await insertNumbered<NewDepartmentEvaluation, DepartmentEvaluationRow>(
          w.tx,
          'department_evaluations',
          'deval',
          newDepartmentEvaluations,
          e,
        ),
      ),
    )
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
