// 台账材料 (材料审核): one material per 测评标准 × unit × year — its files, its 说明报告 with the five
// elements, and its review by the 创建办. States and who moves them are data here. Pure.

export const materialStatuses = ['draft', 'submitted', 'approved', 'returned'] as const
export type MaterialStatus = (typeof materialStatuses)[number]

export const materialStatusLabels: Readonly<Record<MaterialStatus, string>> = {
  draft: '未上报',
  submitted: '待审核',
  approved: '合格',
  returned: '退回',
}

/** The 说明报告's 五大要素, in the order the report prints them. */
export const reportElements = [
  'responsibility', // 主体责任
  'deployment', // 部署文件
  'measures', // 具体措施
  'dataExamples', // 数据实例
  'results', // 取得成效
] as const
export type ReportElement = (typeof reportElements)[number]
export type MaterialReport = Readonly<Record<ReportElement, string>>

export const reportElementLabels: Readonly<Record<ReportElement, string>> = {
  responsibility: '主体责任',
  deployment: '部署文件',
  measures: '具体措施',
  dataExamples: '数据实例',
  results: '取得成效',
}

export const materialFileKinds = ['document', 'photo'] as const
export type MaterialFileKind = (typeof materialFileKinds)[number]

export interface MaterialFile {
  id: string // mf-<24 hex>
  materialId: string
  kind: MaterialFileKind // photo: an image; document: PDF, DOCX or XLSX
  contentType: string
  bytes: number
  sha256: string
  fileName: string // ours, on disk
  title: string // the uploader's name for it, shown only
  uploadedBy: string
  createdAt: string
}

export interface Material {
  id: string // mat-0001
  year: number // 测评年度
  standardCode: string // 测评标准编号, as the 测评体系 gives it
  unitCode: string
  status: MaterialStatus
  report: MaterialReport | null
  files: MaterialFile[]
  submittedBy?: string
  submittedAt?: string
  reviewedBy?: string
  reviewedAt?: string
  returnReason?: string
  createdAt: string
  updatedAt: string
}

export const materialActions = ['submit', 'approve', 'return'] as const
export type MaterialAction = (typeof materialActions)[number]

export const materialActionLabels: Readonly<Record<MaterialAction, string>> = {
  submit: '上报',
  approve: '审核合格',
  return: '退回',
}

const nextStatus: Readonly<Record<MaterialAction, { from: readonly MaterialStatus[] }>> = {
  submit: { from: ['draft', 'returned'] }, // a returned material is fixed and sent again
  approve: { from: ['submitted'] },
  return: { from: ['submitted'] },
}

export const actionResult: Readonly<Record<MaterialAction, MaterialStatus>> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
}

export function canApply(status: MaterialStatus, action: MaterialAction): boolean {
  return nextStatus[action].from.includes(status)
}

/** Actions the status allows, whoever asks. */
export function actionsFrom(status: MaterialStatus): MaterialAction[] {
  return materialActions.filter((a) => canApply(status, a))
}

/** Whether the unit may still change files and report (before submitting, or after a return). */
export function isEditable(status: MaterialStatus): boolean {
  return status === 'draft' || status === 'returned'
}

/** What is missing before a material can be submitted: the report's empty elements, no file. */
export function submitProblems(material: Pick<Material, 'report' | 'files'>): string[] {
  const problems: string[] = []
  for (const element of reportElements) {
    if (!material.report?.[element]?.trim()) {
      problems.push(`说明报告缺少「${reportElementLabels[element]}」`)
    }
  }
  if (material.files.length === 0) problems.push('至少上传 1 个文件或照片')
  return problems
}
