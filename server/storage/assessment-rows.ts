// Rows of the 测评体系 and inspection tables as both stores read them (JSON parsed, flags as
// booleans), and their conversion to the domain's shapes.
import type {
  AssessmentContent,
  AssessmentItem,
  AssessmentMethod,
  AssessmentSystemRecord,
} from '../domain/assessment-system.ts'
import type {
  ChecklistItem,
  ChecklistItemKind,
  CheckResult,
  Inspection,
  InspectionKind,
  ItemResult,
} from '../domain/checklist.ts'
import type { CheckpointCategory } from '../domain/checkpoint.ts'
import type { IssueCategory } from '../domain/issue.ts'

export interface SystemRow {
  year: number
  name: string
  source: string
  illustrative: boolean
  updated_by: string
  updated_at: string
}

export interface GroupRow {
  code: string
  name: string
}

export interface StandardRow {
  code: string
  text: string
  method: AssessmentMethod
  points: number
  veto: boolean
  lead_units: string[]
  responsible_units: string[]
  support_units: string[]
}

export interface InspectionRow {
  id: string
  checkpoint_id: string
  kind: InspectionKind
  inspector: string
  inspector_name: string
  unit_code: string | null
  at: string
  score: number
  passed: number
  failed: number
  not_applicable: number
}

export interface ResultRow {
  item_code: string
  result: CheckResult
  note: string | null
  attachment_ids: string[] | null
  issue_id: string | null
}

export function inspectionId(seq: number): string {
  return `insp-${String(seq).padStart(5, '0')}`
}

/** The system from its header, its groups (项目 and 内容, in order) and its 标准 (in order). */
export function toSystem(
  header: SystemRow,
  groups: readonly GroupRow[],
  standards: readonly StandardRow[],
): AssessmentSystemRecord {
  const items: AssessmentItem[] = []
  const contents = new Map<string, AssessmentContent>()
  for (const g of groups) {
    if (g.code.length === 2) {
      items.push({ code: g.code, name: g.name, contents: [] })
    } else {
      const content: AssessmentContent = { code: g.code, name: g.name, standards: [] }
      contents.set(g.code, content)
      items.find((i) => i.code === g.code.slice(0, 2))?.contents.push(content)
    }
  }
  for (const s of standards) {
    contents.get(s.code.slice(0, 5))?.standards.push({
      code: s.code,
      text: s.text,
      method: s.method,
      points: Number(s.points),
      veto: s.veto,
      leadUnits: s.lead_units,
      responsibleUnits: s.responsible_units,
      supportUnits: s.support_units,
    })
  }
  return {
    year: Number(header.year),
    name: header.name,
    source: header.source,
    illustrative: header.illustrative,
    items,
    updatedBy: header.updated_by,
    updatedAt: header.updated_at,
  }
}

export function toChecklistItem(row: {
  code: string
  category: string
  kind: string
  text: string
  standard_code: string
  issue_category: string
}): ChecklistItem {
  return {
    code: row.code,
    category: row.category as CheckpointCategory,
    kind: row.kind as ChecklistItemKind,
    text: row.text,
    standardCode: row.standard_code,
    issueCategory: row.issue_category as IssueCategory,
  }
}

export function toItemResult(row: ResultRow): ItemResult {
  const result: ItemResult = { itemCode: row.item_code, result: row.result }
  if (row.note !== null) result.note = row.note
  if (row.attachment_ids?.length) result.attachmentIds = row.attachment_ids
  if (row.issue_id !== null) result.issueId = row.issue_id
  return result
}

export function toInspection(row: InspectionRow, results: ItemResult[]): Inspection {
  const inspection: Inspection = {
    id: row.id,
    checkpointId: row.checkpoint_id,
    kind: row.kind,
    inspector: row.inspector,
    inspectorName: row.inspector_name,
    at: row.at,
    score: Number(row.score),
    passed: Number(row.passed),
    failed: Number(row.failed),
    notApplicable: Number(row.not_applicable),
    results,
  }
  if (row.unit_code !== null) inspection.unitCode = row.unit_code
  return inspection
}
