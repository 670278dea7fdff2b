// Rows of the 测评体系 and inspection tables as both stores read them (JSON parsed, flags as
// booleans), their conversion to the domain's shapes, and the values both stores write.
import type {
  AssessmentContent,
  AssessmentItem,
  AssessmentMethod,
  AssessmentSystem,
  AssessmentSystemRecord,
} from '../domain/assessment-system.ts'
import type {
  ChecklistItem,
  CheckResult,
  Inspection,
  InspectionKind,
  ItemResult,
  LatestInspection,
  NewInspection,
} from '../domain/checklist.ts'
import type { IssueState } from '../domain/issue.ts'
import type { FailureIssue } from './assessment-store.ts'
import { columnMap } from './column-map.ts'

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

const checklistItemMap = columnMap<ChecklistItem>()(
  'code, category, kind, text, standard_code, issue_category',
)
const inspectionMap = columnMap<Omit<Inspection, 'results'>>()(
  'id, checkpoint_id, kind, inspector, inspector_name, at, score:number, passed:number, failed:number, not_applicable:number, unit_code?',
)
const newInspectionMap = inspectionMap.omit('id')
const latestMap = columnMap<LatestInspection>()(
  'checkpoint_id, id as inspectionId, at, score:number, failed:number',
)

export const toChecklistItem = (row: {
  code: string
  category: string
  kind: string
  text: string
  standard_code: string
  issue_category: string
}): ChecklistItem => checklistItemMap.fromRow(row)

export function toItemResult(row: ResultRow): ItemResult {
  const result: ItemResult = { itemCode: row.item_code, result: row.result }
  if (row.note !== null) result.note = row.note
  if (row.attachment_ids?.length) result.attachmentIds = row.attachment_ids
  if (row.issue_id !== null) result.issueId = row.issue_id
  return result
}

export function toInspection(row: InspectionRow, results: ItemResult[]): Inspection {
  return { ...inspectionMap.fromRow(row), results }
}

/**
 * The assessment_groups and assessment_standards rows of a system, in insertion order with their
 * shared ordinal (a 项目, its 内容, each 内容's 标准, then the next 项目); `flag` stores a boolean
 * as the dialect does (0/1 on SQLite).
 */
export function systemRowValues(
  system: AssessmentSystem,
  flag: (value: boolean) => unknown,
): ({ group: unknown[] } | { standard: unknown[] })[] {
  const rows: ({ group: unknown[] } | { standard: unknown[] })[] = []
  let ordinal = 0
  for (const item of system.items) {
    rows.push({ group: [system.year, item.code, item.name, ordinal++] })
    for (const content of item.contents) {
      rows.push({ group: [system.year, content.code, content.name, ordinal++] })
      for (const s of content.standards) {
        const method: AssessmentMethod = s.method
        rows.push({
          standard: [
            system.year,
            s.code,
            s.text,
            method,
            s.points,
            flag(s.veto),
            JSON.stringify(s.leadUnits),
            JSON.stringify(s.responsibleUnits),
            JSON.stringify(s.supportUnits),
            ordinal++,
          ],
        })
      }
    }
  }
  return rows
}

/** A checklist item's values: code, category, kind, text, standard_code, issue_category, ordinal. */
export const checklistItemValues = (i: ChecklistItem, ordinal: number): unknown[] => [
  ...checklistItemMap.values(i),
  ordinal,
]

/** The inspections columns after seq and id, in the order of `inspectionValues`. */
export const inspectionColumns = newInspectionMap.columns
export const inspectionValues = newInspectionMap.values

/**
 * An inspection's inspection_results rows (inspection_id, item_code, result, note, attachment_ids,
 * issue_id, ordinal): a failed item names the issue made from it (failures and issues in one order).
 */
export function resultRowValues(
  id: string,
  inspection: NewInspection,
  failures: readonly FailureIssue[],
  issues: readonly { state: IssueState }[],
): unknown[][] {
  const issueOf = new Map(failures.map((f, i) => [f.itemCode, issues[i]?.state.id]))
  return inspection.results.map((r, ordinal) => [
    id,
    r.itemCode,
    r.result,
    r.note ?? null,
    r.attachmentIds?.length ? JSON.stringify(r.attachmentIds) : null,
    issueOf.get(r.itemCode) ?? null,
    ordinal,
  ])
}

export interface LatestInspectionRow {
  checkpoint_id: string
  id: string
  at: string
  score: number
  failed: number
}

export const toLatestInspection = (r: LatestInspectionRow): LatestInspection => latestMap.fromRow(r)
