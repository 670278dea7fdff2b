// /api/assessment/department-evaluations: the 部门评价 (征求上级主管部门意见) result per assessment
// year, newest in force, older kept. Reads: the 创建办, 指挥长 and planners; writes:
// department_evaluation_record on the county (http/authorise.ts).
import { Router } from 'express'
import { z } from 'zod'
import {
  assertDepartmentEvaluationReader,
  departmentEvaluationsOf,
  recordDepartmentEvaluation,
} from '../../assessment/department-evaluation-service.ts'
import { writerOf } from '../auth.ts'
import { parseApiQuery, parseJsonBody } from '../body.ts'
import type { AppContext } from '../context.ts'
import { day, text } from './fields.ts'

const year = z.number().int().min(2000).max(2100)

export const departmentEvaluationSchema = z
  .object({
    year,
    score: z.number().min(0, '得分不能小于 0').max(1000), // the year's share caps it (the service)
    department: text(60), // 上级主管部门
    document: text(200), // its document's title or 文号
    evaluatedOn: day(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()

export const departmentEvaluationQuery = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/, '年度为 4 位数字')
      .optional(),
  })
  .strict()

export function departmentEvaluationRoutes(ctx: AppContext): Router {
  const { store, now } = ctx
  return (
    Router()
      .get('/api/assessment/department-evaluations', async (req, res) => {
        assertDepartmentEvaluationReader(writerOf(res))
        const query = parseApiQuery(departmentEvaluationQuery, req.query)
        res.json(await departmentEvaluationsOf(store, query.year ? Number(query.year) : undefined))
      })
      // POST /api/assessment/department-evaluations — department_evaluation_record; county
      .post('/api/assessment/department-evaluations', async (req, res) => {
        const entry = parseJsonBody(departmentEvaluationSchema, req)
        res.status(201).json(await recordDepartmentEvaluation(store, writerOf(res), entry, now()))
      })
  )
}
