// The 部门评价 part of the Store (migrations: SQLite 020, PostGIS 015): entries are only added; the
// newest of a year is the one in force.
import type {
  DepartmentEvaluation,
  NewDepartmentEvaluation,
} from '../domain/department-evaluation.ts'
import { columnMap, type RowOf } from './column-map.ts'

export interface DepartmentEvaluationStore {
  /** Adds an entry; it supersedes the year's earlier ones. */
  addDepartmentEvaluation(entry: NewDepartmentEvaluation): Promise<DepartmentEvaluation>
  /** The year's entries, newest first. */
  departmentEvaluations(year: number): Promise<DepartmentEvaluation[]>
}

const evaluationMap = columnMap<DepartmentEvaluation>()(
  'id, year:number, score:number, points:number, department, document, evaluated_on, note, entered_by, entered_at',
)
/** A row as both stores read it. */
export type DepartmentEvaluationRow = RowOf<typeof evaluationMap>
/** A new entry's columns (after seq and id). */
export const newDepartmentEvaluations = evaluationMap.omit('id')

export const toDepartmentEvaluation = (row: DepartmentEvaluationRow): DepartmentEvaluation =>
  evaluationMap.fromRow(row)
