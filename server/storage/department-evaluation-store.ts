// The 部门评价 part of the Store (migrations: SQLite 020, PostGIS 015): entries are only added; the
// newest of a year is the one in force.
import type {
  DepartmentEvaluation,
  NewDepartmentEvaluation,
} from '../domain/department-evaluation.ts'
import { seqId } from './seq-id.ts'

export interface DepartmentEvaluationStore {
  /** Adds an entry; it supersedes the year's earlier ones. */
  addDepartmentEvaluation(entry: NewDepartmentEvaluation): Promise<DepartmentEvaluation>
  /** The year's entries, newest first. */
  departmentEvaluations(year: number): Promise<DepartmentEvaluation[]>
}

/** A row as both stores read it. */
export interface DepartmentEvaluationRow {
  seq: number | string
  id: string
  year: number | string
  score: number | string
  points: number | string
  department: string
  document: string
  evaluated_on: string
  note: string
  entered_by: string
  entered_at: string
}

export function toDepartmentEvaluation(row: DepartmentEvaluationRow): DepartmentEvaluation {
  return {
    id: row.id,
    year: Number(row.year),
    score: Number(row.score),
    points: Number(row.points),
    department: row.department,
    document: row.document,
    evaluatedOn: row.evaluated_on,
    note: row.note,
    enteredBy: row.entered_by,
    enteredAt: row.entered_at,
  }
}

export const departmentEvaluationId = (seq: number) => seqId('deval', seq)

/** The department_evaluations columns after seq and id, in the order of `departmentEvaluationValues`. */
export const departmentEvaluationColumns =
  'year, score, points, department, document, evaluated_on, note, entered_by, entered_at'
export const departmentEvaluationValues = (e: NewDepartmentEvaluation): unknown[] => [
  e.year,
  e.score,
  e.points,
  e.department,
  e.document,
  e.evaluatedOn,
  e.note,
  e.enteredBy,
  e.enteredAt,
]
