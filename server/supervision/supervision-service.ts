// The 督查 use cases over the Store: period summaries, drafting, editing and issuing documents, and
// 签收. Each checks the caller against the role table in domain/supervision.ts, then reads or writes.

import { readFile } from 'node:fs/promises'
import QRCode from 'qrcode'
import { toDocx } from '../documents/docx-render.ts'
import { imageSize } from '../documents/image-size.ts'
import type { OfficialDocument } from '../documents/official-document.ts'
import { toPdf } from '../documents/pdf-render.ts'
import { Forbidden, InvalidInput } from '../domain/errors.ts'
import type { IssueState } from '../domain/issue.ts'
import { issueLabel } from '../domain/issue-number.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import {
  isWithin,
  type Period,
  type PeriodSpec,
  previousPeriod,
  resolvePeriod,
} from '../domain/period.ts'
import { hasPermission, type Permission, type User } from '../domain/roles.ts'
import { type Round, supervisionReaders } from '../domain/supervision.ts'
import { attachmentPath } from '../ledger/attachments.ts'
import { actorOf } from '../ledger/issue-writes.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { Store } from '../storage/store.ts'
import { DocumentNumberTaken, type DocumentRecord } from '../storage/supervision-store.ts'
import { type BulletinContent, bulletinContent, bulletinDocument, type Names } from './bulletin.ts'
import { type NoticeContent, noticeContent, noticeDocument, noticeNumber } from './notice.ts'
import { periodReport } from './period-report.ts'
import { type SupervisionSettings, withDefaults } from './settings.ts'

const roleLabel: Record<string, string> = {
  inspector: '督导员',
  commander: '指挥长',
  admin: '管理员',
  'unit-operator': '责任单位经办人',
}

const permissionLabel: Partial<Record<Permission, string>> = {
  round_edit: '创建或修改督查轮次、登记到达',
  document_draft: '起草督查文书',
  document_issue: '印发督查文书',
  notice_receive: '签收整改通知书',
}

export function requireSupervision(user: User, permission: Permission): void {
  if (!hasPermission(user, permission)) {
    throw new Forbidden(`${roleLabel[user.role] ?? user.role}无权${permissionLabel[permission]}`)
  }
}

/** Who may read rounds, summaries and every document: 督导员, 指挥长, 管理员. */
export function isSupervisionReader(user: User | undefined): boolean {
  return user !== undefined && (supervisionReaders as readonly string[]).includes(user.role)
}

/** Beijing calendar day of an instant, YYYY-MM-DD. */
export const beijingDate = (now: Date) =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export async function settingsOf(store: Store): Promise<SupervisionSettings> {
  return withDefaults(await store.supervisionSettings())
}

export async function allIssues(store: Store, now: Date, roundId?: string): Promise<IssueState[]> {
  const page = await store.listIssues({
    sort: { key: 'reportedAt', descending: false },
    limit: 1_000_000, // the whole ledger; a county's is tens of thousands at most
    offset: 0,
    now,
    ...(roundId ? { roundId } : {}),
  })
  return page.items
}

export async function namesOf(store: Store, checkpointIds: Iterable<string> = []): Promise<Names> {
  const units = new Map((await store.units()).map((u) => [u.code, u.name]))
  const townshipPage = await store.features('townships', { properties: {}, limit: 1000, offset: 0 })
  const townships = new Map(
    townshipPage.features.map((text) => {
      const f = JSON.parse(text) as { id: string; properties: { name?: string } }
      return [String(f.id), f.properties.name ?? String(f.id)]
    }),
  )
  const checkpoints = new Map<string, string>()
  for (const id of new Set(checkpointIds)) {
    const text = await store.feature('checkpoints', id)
    if (text)
      checkpoints.set(
        id,
        (JSON.parse(text) as { properties: { name?: string } }).properties.name ?? id,
      )
  }
  return { units, townships, checkpoints }
}

export async function roundOr404(store: Store, id: string): Promise<Round> {
  const round = await store.round(id)
  if (!round) throw new RecordNotFound(`没有编号为 ${JSON.stringify(id.slice(0, 60))} 的督查轮次`)
  return round
}

/** The period a request names: a round's dates, or 本周/上周/本月/上月/custom. */
export async function periodOf(
  store: Store,
  spec: { period?: PeriodSpec['kind']; from?: string; to?: string; roundId?: string },
  now: Date,
): Promise<{ period: Period; round?: Round }> {
  if (spec.roundId) {
    const round = await roundOr404(store, spec.roundId)
    return {
      period: resolvePeriod({ kind: 'round', from: round.startsOn, to: round.endsOn }, now),
      round,
    }
  }
  try {
    return {
      period: resolvePeriod(
        { kind: (spec.period ?? 'this-week') as 'custom', from: spec.from, to: spec.to },
        now,
      ),
    }
  } catch (error) {
    throw new InvalidInput([{ field: 'from', message: (error as Error).message }])
  }
}

/** KPIs, 红黑榜, unit completion, categories and a daily trend for a period, with 环比. */
export async function periodSummary(store: Store, period: Period, now: Date, round?: Round) {
  const settings = await settingsOf(store)
  const issues = await allIssues(store, now, round?.id)
  const report = periodReport(issues, period, previousPeriod(period), now, {
    minIssues: settings.minIssuesToRank,
  })
  const names = await namesOf(store)
  const trend: { date: string; found: number; closed: number }[] = []
  for (
    let start = period.startMs;
    start < period.endMs && trend.length < 400;
    start += 86_400_000
  ) {
    const day = { startMs: start, endMs: start + 86_400_000 }
    trend.push({
      date: beijingDate(new Date(start)),
      found: issues.filter((i) => isWithin(Date.parse(i.properties.reportedAt), day)).length,
      closed: issues.filter((i) => isWithin(Date.parse(i.properties.closedAt ?? ''), day)).length,
    })
  }
  const unitName = (code: string) => names.units.get(code) ?? code
  return {
    period: report.period,
    previous: report.previous,
    ...(round ? { roundId: round.id } : {}),
    kpis: report.figures,
    previousKpis: report.previousFigures,
    units: report.units.map((u) => ({ ...u, name: unitName(u.code) })),
    red: report.red.map((u) => ({ ...u, name: unitName(u.code) })),
    black: report.black.map((u) => ({ ...u, name: unitName(u.code) })),
    ineligible: report.ineligible,
    minIssues: report.minIssues,
    categories: report.categories.map((c) => ({
      category: c.category,
      count: c.count,
      units: c.units,
    })),
    trend,
  }
}

export async function draftBulletin(
  store: Store,
  user: User,
  spec: { period?: PeriodSpec['kind']; from?: string; to?: string; roundId?: string },
  now: Date,
): Promise<DocumentRecord> {
  requireSupervision(user, 'document_draft')
  const { period, round } = await periodOf(store, spec, now)
  const settings = await settingsOf(store)
  const issues = await allIssues(store, now, round?.id)
  const report = periodReport(issues, period, previousPeriod(period), now, {
    minIssues: settings.minIssuesToRank,
  })
  const checkpointIds = report.categories.flatMap((c) =>
    c.examples.flatMap((e) => e.properties.checkpointId ?? []),
  )
  // the 问责 steps decided in the period appear in the 通报
  const accountability = await store.accountabilityRecords({ from: period.from, to: period.to })
  const issueNos = new Map<string, string>()
  for (const id of new Set(accountability.flatMap((r) => r.issueIds))) {
    const issue = await store.issue(id)
    if (issue) issueNos.set(id, issueLabel(issue))
  }
  const content = bulletinContent(
    report,
    { ...(await namesOf(store, checkpointIds)), issues: issueNos },
    settings,
    round,
    beijingDate(now),
    accountability,
  )
  return store.createDraft({
    kind: 'bulletin',
    ...(round ? { roundId: round.id } : {}),
    content,
    createdBy: user.username,
    createdAt: toIsoString(now.getTime()),
  })
}

export async function draftNotice(
  store: Store,
  user: User,
  input: { unitCode: string; issueIds: string[]; requirement?: string },
  linkOf: (issueId: string) => string,
  now: Date,
): Promise<DocumentRecord> {
  requireSupervision(user, 'document_draft')
  const unit = (await store.units()).find((u) => u.code === input.unitCode)
  if (!unit)
    throw new InvalidInput([
      { field: 'unitCode', message: `没有代码为 ${JSON.stringify(input.unitCode)} 的责任单位` },
    ])
  const selected: { issue: IssueState; photoId?: string }[] = []
  for (const [k, id] of input.issueIds.entries()) {
    const issue = await store.issue(id)
    if (!issue)
      throw new InvalidInput([{ field: `issueIds.${k}`, message: `没有编号为 ${id} 的问题` }])
    if (issue.properties.responsibleUnit !== unit.code) {
      throw new InvalidInput([
        {
          field: `issueIds.${k}`,
          message: `问题 ${id} 的责任单位不是${unit.name}，不能列入本通知书`,
        },
      ])
    }
    const photo = (await store.issueAttachments(id)).find((a) => a.contentType !== 'image/webp')
    const nearest = issue.properties.checkpointId
      ? undefined
      : await nearestCheckpoint(store, issue.lngLat)
    selected.push({
      issue,
      ...(photo ? { photoId: photo.id } : {}),
      ...(nearest ? { nearestCheckpoint: nearest } : {}),
    })
  }
  const names = await namesOf(
    store,
    selected.flatMap((s) => s.issue.properties.checkpointId ?? []),
  )
  const content = noticeContent(
    unit,
    selected,
    names,
    await settingsOf(store),
    linkOf,
    beijingDate(now),
  )
  if (input.requirement) content.requirement = input.requirement
  return store.createDraft({
    kind: 'notice',
    unitCode: unit.code,
    content,
    createdBy: user.username,
    createdAt: toIsoString(now.getTime()),
  })
}

const nearbyDegrees = 0.01 // ≈ 1 km at 25° N: a check point farther away is not "nearest" to name

/** The name and distance of the closest check point within about 1 km, e.g. <点位名称>（约 120 米）. */
export async function nearestCheckpoint(
  store: Store,
  [lng, lat]: [number, number],
): Promise<string | undefined> {
  const page = await store.features('checkpoints', {
    bbox: [lng - nearbyDegrees, lat - nearbyDegrees, lng + nearbyDegrees, lat + nearbyDegrees],
    properties: {},
    limit: 500,
    offset: 0,
  })
  let best: { name: string; meters: number } | undefined
  for (const text of page.features) {
    const f = JSON.parse(text) as {
      id: string
      geometry: { coordinates: [number, number] } | null
      properties: { name?: string }
    }
    if (!f.geometry) continue
    const [x, y] = f.geometry.coordinates
    // equirectangular distance; fine at 1 km
    const meters = Math.hypot(
      (x - lng) * 111_320 * Math.cos((lat * Math.PI) / 180),
      (y - lat) * 110_574,
    )
    if (!best || meters < best.meters) best = { name: f.properties.name ?? String(f.id), meters }
  }
  return best && `${best.name}（约 ${Math.round(best.meters)} 米）`
}

export async function documentOr404(store: Store, id: string): Promise<DocumentRecord> {
  const doc = await store.document(id)
  if (!doc) throw new RecordNotFound(`没有编号为 ${JSON.stringify(id.slice(0, 60))} 的文书`)
  return doc
}

/** Readers see every document; a unit operator sees the issued notices addressed to their unit. */
export function canRead(user: User | undefined, doc: DocumentRecord): boolean {
  if (isSupervisionReader(user)) return true
  return (
    user?.role === 'unit-operator' &&
    doc.kind === 'notice' &&
    doc.status === 'issued' &&
    doc.unitCode !== undefined &&
    doc.unitCode === user.unitCode
  )
}

export async function editDraft(
  store: Store,
  user: User,
  id: string,
  edits: Record<string, unknown>,
  now: Date,
): Promise<DocumentRecord> {
  requireSupervision(user, 'document_draft')
  const doc = await documentOr404(store, id)
  if (doc.status !== 'draft')
    throw new InvalidInput([{ field: '', message: '已印发的文书不能修改；如需更正请另行起草' }])
  const content = { ...(doc.content as object), ...edits }
  return (await store.updateDraft(id, content, toIsoString(now.getTime()))) as DocumentRecord
}

export interface DocumentAssets {
  attachmentsDir: string
}

/** The document as laid out, from its content (drafts are rendered on the fly for preview). */
export async function officialDocumentOf(
  store: Store,
  doc: DocumentRecord,
  assets: DocumentAssets,
): Promise<OfficialDocument> {
  if (doc.kind === 'bulletin') return bulletinDocument(doc.content as BulletinContent)
  return noticeDocument(doc.content as NoticeContent, {
    qr: async (link) =>
      new Uint8Array(await QRCode.toBuffer(link, { type: 'png', margin: 1, width: 240 })),
    photo: async (photoId) => {
      const record = await store.attachment(photoId)
      if (!record) return undefined
      const bytes = new Uint8Array(
        await readFile(attachmentPath(assets.attachmentsDir, record)).catch(() => new Uint8Array()),
      )
      const size = imageSize(bytes)
      return size && { bytes, ...size }
    },
  })
}

export async function renderDocument(
  store: Store,
  doc: DocumentRecord,
  format: 'docx' | 'pdf',
  assets: DocumentAssets,
) {
  const official = await officialDocumentOf(store, doc, assets)
  return format === 'docx' ? toDocx(official) : toPdf(official)
}

/** Numbers (next free in the Beijing year), renders and archives a draft; a notice notes each issue. */
export async function issueDocument(
  store: Store,
  user: User,
  id: string,
  assets: DocumentAssets,
  now: Date,
): Promise<DocumentRecord> {
  requireSupervision(user, 'document_issue')
  const doc = await documentOr404(store, id)
  if (doc.status !== 'draft') throw new InvalidInput([{ field: '', message: '该文书已印发' }])
  const year = Number(beijingDate(now).slice(0, 4))
  const at = toIsoString(now.getTime())
  for (let attempt = 0; ; attempt++) {
    const number = await store.nextDocumentNumber(doc.kind, year)
    const numbered = { ...doc, content: { ...(doc.content as object), year, number } }
    const official = await officialDocumentOf(store, numbered, assets)
    const [docx, pdf] = await Promise.all([toDocx(official), toPdf(official)])
    try {
      const issued = await store.issueDocument(id, {
        year,
        number,
        content: numbered.content,
        docx,
        pdf,
        issuedBy: user.username,
        issuedAt: at,
      })
      if (issued.kind === 'notice')
        await noteIssues(
          store,
          user,
          issued,
          `已下发整改通知书 ${noticeNumber(issued.content as NoticeContent)}`,
          now,
        )
      return issued
    } catch (error) {
      // another issuer took the number while this one rendered: render again with the next
      if (!(error instanceof DocumentNumberTaken) || attempt >= 3) throw error
    }
  }
}

async function noteIssues(store: Store, user: User, doc: DocumentRecord, note: string, now: Date) {
  const at = toIsoString(now.getTime())
  for (const item of (doc.content as NoticeContent).items) {
    await store.appendIssueEvent(
      { issueId: item.issueId, ...actorOf(user), at, action: 'note', note },
      undefined,
    )
  }
}

/** 签收: the addressed unit's operator acknowledges an issued notice, once; each issue gets a note. */
export async function receiveNotice(
  store: Store,
  user: User,
  id: string,
  now: Date,
): Promise<DocumentRecord> {
  requireSupervision(user, 'notice_receive')
  const doc = await documentOr404(store, id)
  if (doc.kind !== 'notice' || doc.status !== 'issued')
    throw new InvalidInput([{ field: '', message: '只能签收已印发的整改通知书' }])
  if (doc.unitCode !== user.unitCode) throw new Forbidden('该通知书不是发给本单位的，不能签收')
  if (doc.receivedAt) return doc
  const received = (await store.receiveDocument(
    id,
    user.username,
    toIsoString(now.getTime()),
  )) as DocumentRecord
  const content = doc.content as NoticeContent
  await noteIssues(
    store,
    user,
    received,
    `${content.unitName}已签收整改通知书 ${noticeNumber(content)}`,
    now,
  )
  return received
}
