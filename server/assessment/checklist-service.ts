// 点位测评's use cases: a check point's checklist, recording an inspection of it (a 督查组 anywhere, a
// unit operator as weekly 自查 on its own unit's points only: the point's own 责任单位 when it has one,
// else its grid's), every failed item reported to the ledger in the inspection's transaction (to the
// point's unit), and each point's status for the map.

import {
  type ChecklistItem,
  type CheckResult,
  type CheckStatus,
  checkStatusOf,
  type Inspection,
  type InspectionKind,
  type LatestInspection,
  resultProblems,
  scoreResults,
} from '../domain/checklist.ts'
import type { CheckpointCategory, CheckpointKind } from '../domain/checkpoint.ts'
import { Forbidden, InvalidInput } from '../domain/errors.ts'
import type { LngLat } from '../domain/issue.ts'
import { roleLabels } from '../domain/labels-zh.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { townshipUnitCode } from '../domain/units.ts'
import { reportEvent } from '../ledger/issue-writes.ts'
import { locateGrid } from '../ledger/locate.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { FailureIssue } from '../storage/assessment-store.ts'
import type { Store } from '../storage/store.ts'

export interface CheckpointInfo {
  id: string
  name: string
  kind: CheckpointKind
  category: CheckpointCategory
  lngLat: LngLat
  townshipCode: string
  gridCode?: string
  unitCode: string // whose point it is: its own 责任单位 (点长制), else its grid's unit, else its
  // township's government
}

export interface CheckpointChecklist {
  checkpoint: CheckpointInfo
  items: ChecklistItem[]
  latest?: LatestInspection
  status: CheckStatus
}

export interface InspectionInput {
  results: { itemCode: string; result: CheckResult; note?: string }[]
}

export async function checkpointOr404(store: Store, id: string): Promise<CheckpointInfo> {
  const text = await store.feature('checkpoints', id)
  if (!text) throw new RecordNotFound(`没有编号为 ${JSON.stringify(id.slice(0, 100))} 的测评点位`)
  const feature = JSON.parse(text) as {
    geometry: { coordinates: LngLat }
    properties: {
      name: string
      kind: CheckpointKind
      category: CheckpointCategory
      townshipCode: string
      gridCode?: string
      unitCode?: string
    }
  }
  const lngLat = feature.geometry.coordinates
  const grid = await locateGrid(store, lngLat)
  const townshipCode = grid?.townshipCode ?? feature.properties.townshipCode
  const info: CheckpointInfo = {
    id,
    name: feature.properties.name,
    kind: feature.properties.kind,
    category: feature.properties.category,
    lngLat,
    townshipCode,
    unitCode:
      feature.properties.unitCode ?? grid?.responsibleUnit ?? townshipUnitCode(townshipCode),
  }
  const gridCode = grid?.gridCode ?? feature.properties.gridCode
  if (gridCode) info.gridCode = gridCode
  return info
}

export async function checklistOf(
  store: Store,
  checkpointId: string,
  now: Date,
): Promise<CheckpointChecklist> {
  const checkpoint = await checkpointOr404(store, checkpointId)
  const items = (await store.checklistItems()).filter((i) => i.category === checkpoint.category)
  const latest = (await store.latestInspections()).find((l) => l.checkpointId === checkpointId)
  const found: CheckpointChecklist = {
    checkpoint,
    items,
    status: checkStatusOf(latest, now.getTime()),
  }
  if (latest) found.latest = latest
  return found
}

/** Whose inspection this is: a 督查组's, or the point's own unit's 自查; throws 403 for anyone else. */
function inspectionKindOf(user: User, checkpoint: CheckpointInfo): InspectionKind {
  if (!hasPermission(user, 'checkpoint_inspect')) {
    throw new Forbidden(`${roleLabels[user.role]}无权进行点位测评`)
  }
  if (user.role !== 'unit-operator') return 'supervision'
  if (user.unitCode !== checkpoint.unitCode) {
    throw new Forbidden(`该点位属于其他单位（${checkpoint.unitCode}），只能自查本单位的点位`)
  }
  return 'self'
}

/**
 * Records the inspection and reports each failed item as a new issue at the point (as 发现 does:
 * township, grid, unit and deadline from the position), all in one transaction.
 */
export async function inspectCheckpoint(
  store: Store,
  user: User,
  checkpointId: string,
  input: InspectionInput,
  now: Date,
): Promise<Inspection> {
  const checkpoint = await checkpointOr404(store, checkpointId)
  const kind = inspectionKindOf(user, checkpoint)
  const items = (await store.checklistItems()).filter((i) => i.category === checkpoint.category)
  if (items.length === 0) {
    throw new InvalidInput([{ field: 'results', message: '该类点位还没有测评清单' }])
  }
  const problems = resultProblems(items, input.results)
  if (problems.length > 0) {
    throw new InvalidInput(problems.map((message) => ({ field: 'results', message })))
  }
  const byCode = new Map(items.map((i) => [i.code, i]))
  const failures: FailureIssue[] = []
  for (const r of input.results) {
    const item = byCode.get(r.itemCode)
    if (r.result !== 'fail' || !item) continue
    const description = `点位测评不合格：${checkpoint.name}「${item.text}」${r.note ? `，${r.note}` : ''}`
    const event = await reportEvent(
      store,
      user,
      {
        lngLat: checkpoint.lngLat,
        category: item.issueCategory,
        description: description.slice(0, 500),
        checkpointId,
        source: kind === 'self' ? 'self-check' : 'inspection-team',
      },
      now,
    )
    // the point's 责任单位 rectifies what its checklist failed, whichever grid it lies in
    failures.push({
      itemCode: item.code,
      event: { ...event, changes: { ...event.changes, responsibleUnit: checkpoint.unitCode } },
    })
  }
  const score = scoreResults(input.results)
  const { inspection } = await store.recordInspection(
    {
      checkpointId,
      kind,
      inspector: user.username,
      inspectorName: user.displayName,
      ...(kind === 'self' && user.unitCode ? { unitCode: user.unitCode } : {}),
      at: toIsoString(now.getTime()),
      ...score,
      results: input.results.map((r) => ({
        itemCode: r.itemCode,
        result: r.result,
        ...(r.note ? { note: r.note } : {}),
      })),
    },
    failures,
  )
  return inspection
}

export interface CheckpointStatus {
  checkpointId: string
  status: CheckStatus
  at?: string
  score?: number
  failed?: number
}

/** Every inspected point's status at `now` (points never inspected are absent: 'never'). */
export async function checkpointStatuses(store: Store, now: Date): Promise<CheckpointStatus[]> {
  return (await store.latestInspections()).map((l) => ({
    checkpointId: l.checkpointId,
    status: checkStatusOf(l, now.getTime()),
    at: l.at,
    score: l.score,
    failed: l.failed,
  }))
}
