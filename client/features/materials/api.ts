// 材料审核 and 问卷 data from /api/materials… and /api/surveys…. Query keys run generic → specific, so
// one invalidation of materialKeys.all refreshes tasks, details and completion after any write.
import { queryOptions } from '@tanstack/react-query'
import type { AssessmentMethod } from '../../../server/domain/assessment-system.ts'
import type {
  Material,
  MaterialFile,
  MaterialReport,
  MaterialStatus,
} from '../../../server/domain/material.ts'
import type {
  CompletionTally,
  MaterialTask,
  StandardCompletion,
  UnitCompletion,
} from '../../../server/domain/material-completion.ts'
import type { SurveyRound } from '../../../server/domain/survey.ts'
import type { SurveySummary } from '../../../server/domain/survey-statistics.ts'
import { apiRequest, apiUrl, queryString } from '../../lib/api-client.ts'

export type { MaterialReport, MaterialStatus, MaterialTask, SurveySummary }

export interface ScheduleView {
  year: number
  assessedOn: string
  submitOn: string
  reviewOn: string
  handoverOn: string
  today: string
}

export interface MaterialView extends Omit<Material, 'files'> {
  files: (Omit<MaterialFile, 'fileName' | 'sha256'> & { url: string })[]
  actions: ('submit' | 'approve' | 'return')[]
  events?: { seq: number; action: string; by: string; at: string; note?: string }[]
}

export interface Handover {
  id: string
  unitCode: string
  materialIds: string[]
  signedByName: string
  signedByTitle: string
  signedOn: string
  handedOverBy: string
  receivedBy?: string
  receivedAt?: string
}

export interface TaskFilter {
  unit?: string
  status?: MaterialStatus | 'missing'
  overdue?: 'true'
}

export interface Unit {
  code: string
  name: string
}

export const materialKeys = {
  all: ['materials'] as const,
  tasks: (username: string, filter: TaskFilter) =>
    [...materialKeys.all, 'tasks', username, filter] as const,
  detail: (id: string) => [...materialKeys.all, 'detail', id] as const,
  completion: () => [...materialKeys.all, 'completion'] as const,
  handovers: (username: string) => [...materialKeys.all, 'handovers', username] as const,
}

export const surveyKeys = {
  all: ['surveys'] as const,
  summary: () => [...surveyKeys.all, 'summary'] as const,
}

export const tasksQuery = (username: string, filter: TaskFilter) =>
  queryOptions({
    queryKey: materialKeys.tasks(username, filter),
    queryFn: () =>
      apiRequest<{ schedule: ScheduleView; items: MaterialTask[] }>('api/materials/tasks', {
        query: queryString(filter),
      }),
  })

export const materialQuery = (id: string) =>
  queryOptions({
    queryKey: materialKeys.detail(id),
    queryFn: () => apiRequest<MaterialView>(`api/materials/${encodeURIComponent(id)}`),
  })

export const completionQuery = () =>
  queryOptions({
    queryKey: materialKeys.completion(),
    queryFn: () =>
      apiRequest<{
        units: UnitCompletion[]
        standards: StandardCompletion[]
        total: CompletionTally
      }>('api/materials/completion'),
  })

export const handoversQuery = (username: string) =>
  queryOptions({
    queryKey: materialKeys.handovers(username),
    queryFn: async () => (await apiRequest<{ items: Handover[] }>('api/materials/handovers')).items,
  })

export const unitsQuery = () =>
  queryOptions({
    queryKey: ['units'] as const,
    queryFn: async () => {
      const body = await apiRequest<Unit[] | { items?: Unit[] }>('api/units')
      return Array.isArray(body) ? body : (body.items ?? [])
    },
    staleTime: 5 * 60_000,
  })

export const surveySummaryQuery = () =>
  queryOptions({
    queryKey: surveyKeys.summary(),
    queryFn: () => apiRequest<SurveySummary>('api/surveys/summary'),
  })

export const exportUrl = (filter: TaskFilter) =>
  apiUrl('api/materials/export.xlsx', queryString(filter))

export function openMaterial(standardCode: string, unitCode?: string): Promise<MaterialView> {
  return apiRequest('api/materials', {
    json: { standardCode, ...(unitCode ? { unitCode } : {}) },
    action: '建立台账材料',
  })
}

export function saveReport(id: string, report: MaterialReport): Promise<MaterialView> {
  return apiRequest(`api/materials/${encodeURIComponent(id)}/report`, {
    method: 'PUT',
    json: report,
    action: '保存说明报告',
  })
}

/** Uploads one file as it is: the server checks its type by its bytes and its size while reading. */
export async function uploadFile(id: string, file: File): Promise<void> {
  const headers = { 'X-File-Name': encodeURIComponent(file.name) }
  await fetch(apiUrl(`api/materials/${encodeURIComponent(id)}/files`), {
    method: 'POST',
    body: file,
    credentials: 'same-origin',
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      'X-Requested-With': 'fetch',
      Accept: 'application/json',
      ...headers,
    },
  }).then(async (response) => {
    if (response.ok) return
    const problem = (await response.json().catch(() => ({}))) as { detail?: string }
    throw new Error(problem.detail ?? `上传失败（HTTP ${response.status}）`)
  })
}

export function removeFile(id: string, fileId: string): Promise<void> {
  return apiRequest(`api/materials/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}`, {
    method: 'DELETE',
    action: '删除文件',
  })
}

export function submitMaterial(id: string): Promise<MaterialView> {
  return apiRequest(`api/materials/${encodeURIComponent(id)}/submit`, {
    method: 'POST',
    action: '上报台账材料',
  })
}

export function reviewMaterial(
  id: string,
  decision: 'approve' | 'return',
  reason?: string,
): Promise<MaterialView> {
  return apiRequest(`api/materials/${encodeURIComponent(id)}/review`, {
    json: { decision, ...(reason ? { reason } : {}) },
    action: '审核台账材料',
  })
}

export function addHandover(input: {
  signedByName: string
  signedByTitle: string
  signedOn: string
}): Promise<Handover> {
  return apiRequest('api/materials/handovers', { json: input, action: '登记签字移交' })
}

export function receiveHandover(id: string): Promise<Handover> {
  return apiRequest(`api/materials/handovers/${encodeURIComponent(id)}/receipt`, {
    method: 'POST',
    action: '接收移交',
  })
}

export function importSurvey(
  file: File,
  meta: { name: string; conductedOn: string; source: string },
): Promise<SurveyRound> {
  return apiRequest('api/surveys/import', {
    body: file,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    query: new URLSearchParams(meta).toString(),
    action: '导入问卷调查',
  })
}

// ---- 测评体系 (one per year) ---------------------------------------------------------------------

export interface AssessmentSystemSummary {
  year: number
  name: string
  illustrative: boolean // the shipped 示意 system, not the official text
  counts: { items: number; contents: number; standards: number; veto: number }
  totals: Record<AssessmentMethod, number> // points per 测评方式
  updatedBy: string
  updatedAt: string
}

export const systemsQuery = () =>
  queryOptions({
    queryKey: ['assessment', 'systems'] as const,
    queryFn: async () =>
      (await apiRequest<{ items: AssessmentSystemSummary[] }>('api/assessment/systems')).items,
  })

export const systemExportUrl = (year: number) =>
  apiUrl(`api/assessment/systems/${year}/export.xlsx`)

/** Replaces the year the workbook names (administrators); all or nothing. */
export function importSystem(file: File): Promise<AssessmentSystemSummary> {
  return apiRequest('api/assessment/systems/import', {
    body: file,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    action: '导入测评体系',
  })
}
