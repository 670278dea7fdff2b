// 督查 data: rounds, period summaries and documents from /api/rounds and /api/supervision. Query keys
// run generic → specific so one invalidation refreshes every list after a write.
import { queryOptions } from '@tanstack/react-query'
import type { PeriodKind } from '../../../server/domain/period.ts'
import type { NewRound, Round } from '../../../server/domain/supervision.ts'
import type { SupervisionSettings } from '../../../server/domain/supervision-settings.ts'
import { apiRequest, apiUrl, queryString } from '../../lib/api-client.ts'

export type { Round, SupervisionSettings }

export interface RoundDetail {
  round: Round
  tallies: { found: number; closed: number; overdue: number; closureRate: number | null }
  coverage: {
    visited: number
    total: number
    targets: (Round['targets'][number] & { issues: number; visited: boolean })[]
  }
  route: { geometry: { coordinates: [number, number][] } | null }
  findings: {
    features: {
      id: string
      geometry: { coordinates: [number, number] }
      properties: { order: number; category: string; status: string; overdue: boolean }
    }[]
  }
}

export interface SupervisionDocument {
  id: string
  kind: 'bulletin' | 'notice'
  status: 'draft' | 'issued'
  year?: number
  number?: number
  unitCode?: string
  roundId?: string
  // biome-ignore lint/suspicious/noExplicitAny: BulletinContent or NoticeContent, shown field by field
  content: any
  createdAt: string
  issuedAt?: string
  receivedAt?: string
  receivedBy?: string
}

export interface UnitRow {
  code: string
  name: string
  assigned: number
  closedOnTime: number
  overdue: number
  rate: number | null
  rank?: number
}

export interface PeriodSummary {
  period: { from: string; to: string; label: string }
  previous: { label: string }
  kpis: { found: number; closed: number; overdue: number; closureRate: number | null }
  previousKpis: { found: number; closed: number; overdue: number; closureRate: number | null }
  units: UnitRow[]
  red: UnitRow[]
  black: UnitRow[]
  minIssues: number
  categories: { category: string; count: number }[] // most issues first
  trend: { date: string; found: number; closed: number }[] // one entry per Beijing day
}

export interface PeriodChoice {
  period?: Exclude<PeriodKind, 'round'>
  from?: string
  to?: string
  round?: string
}

export const supervisionKeys = {
  all: ['supervision'] as const,
  rounds: () => [...supervisionKeys.all, 'rounds'] as const,
  round: (id: string) => [...supervisionKeys.rounds(), id] as const,
  documents: () => [...supervisionKeys.all, 'documents'] as const,
  // per user: a unit operator's list is not an inspector's, and both may sign in on one page
  documentList: (username: string) => [...supervisionKeys.documents(), username] as const,
  summary: (choice: PeriodChoice) => [...supervisionKeys.all, 'summary', choice] as const,
  settings: () => [...supervisionKeys.all, 'settings'] as const,
}

export const settingsQuery = () =>
  queryOptions({
    queryKey: supervisionKeys.settings(),
    queryFn: ({ signal }) =>
      apiRequest<SupervisionSettings>('api/supervision/settings', { signal }),
  })

export const saveSettings = (settings: SupervisionSettings) =>
  apiRequest<SupervisionSettings>('api/supervision/settings', {
    method: 'PUT',
    json: settings,
    action: '保存文书设置',
  })

export const roundsQuery = () =>
  queryOptions({
    queryKey: supervisionKeys.rounds(),
    queryFn: ({ signal }) =>
      apiRequest<{ items: Round[] }>('api/rounds', { signal }).then((b) => b.items),
  })

export const roundQuery = (id: string) =>
  queryOptions({
    queryKey: supervisionKeys.round(id),
    queryFn: ({ signal }) =>
      apiRequest<RoundDetail>(`api/rounds/${encodeURIComponent(id)}`, { signal }),
  })

export const documentsQuery = (username: string) =>
  queryOptions({
    queryKey: supervisionKeys.documentList(username),
    queryFn: ({ signal }) =>
      apiRequest<{ items: SupervisionDocument[] }>('api/supervision/documents', { signal }).then(
        (b) => b.items,
      ),
  })

export const summaryQuery = (choice: PeriodChoice) =>
  queryOptions({
    queryKey: supervisionKeys.summary(choice),
    queryFn: ({ signal }) =>
      apiRequest<PeriodSummary>('api/supervision/summary', { signal, query: queryString(choice) }),
  })

export interface UnitOption {
  code: string
  name: string
  kind: string
  active: boolean
}

export const unitsQuery = () =>
  queryOptions({
    queryKey: ['units'],
    queryFn: ({ signal }) => apiRequest<UnitOption[]>('api/units', { signal }),
  })

export interface OpenIssue {
  id: string
  issueNo?: string // 问题编号, what the picker shows
  category: string
  description: string
  status: string
  overdue: boolean
}

export const unitIssuesQuery = (unit: string) =>
  queryOptions({
    queryKey: ['issues', 'list', { unit, open: true }],
    queryFn: ({ signal }) =>
      apiRequest<{ items: OpenIssue[] }>('api/issues', {
        signal,
        query: `unit=${encodeURIComponent(unit)}&limit=100&sort=-reportedAt`,
      }).then((b) => b.items.filter((i) => i.status !== 'closed')),
    enabled: unit !== '',
  })

/** 登记到达: the team was at this target today; the server dates it (Beijing) and changes only it. */
export const registerVisit = (id: string, target: { kind: string; code: string }) =>
  apiRequest<Round>(`api/rounds/${encodeURIComponent(id)}/visits`, {
    json: { kind: target.kind, code: target.code },
    action: '登记到达',
  })

/** Changes a round (PATCH): the whole of each field given (teams, targets, …). */
export const updateRound = (id: string, changes: Partial<Omit<NewRound, 'createdBy'>>) =>
  apiRequest<Round>(`api/rounds/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    json: changes,
    action: '修改督查轮次',
  })

export const createRound = (round: Omit<NewRound, 'createdBy'>) =>
  apiRequest<Round>('api/rounds', { json: round, action: '创建督查轮次' })

export const draftBulletin = (body: {
  period?: string
  from?: string
  to?: string
  roundId?: string
}) =>
  apiRequest<SupervisionDocument>('api/supervision/bulletins', {
    json: body,
    action: '起草督查通报',
  })

export const draftNotice = (body: { unitCode: string; issueIds: string[] }) =>
  apiRequest<SupervisionDocument>('api/supervision/notices', {
    json: body,
    action: '起草整改通知书',
  })

export const editDraft = (id: string, edits: Record<string, unknown>) =>
  apiRequest<SupervisionDocument>(`api/supervision/documents/${id}`, {
    method: 'PATCH',
    json: edits,
    action: '保存草稿',
  })

export const issueDocument = (id: string) =>
  apiRequest<SupervisionDocument>(`api/supervision/documents/${id}/issue`, {
    method: 'POST',
    action: '印发',
  })

export const receiveNotice = (id: string) =>
  apiRequest<SupervisionDocument>(`api/supervision/documents/${id}/receipt`, {
    method: 'POST',
    action: '签收',
  })

export const fileUrl = (id: string, format: 'docx' | 'pdf') =>
  apiUrl(`api/supervision/documents/${id}/file/${format}`)

/** 巍创整改〔2026〕3号 or 2026年第3期; 草稿 before issuing. */
export function documentNumber(doc: SupervisionDocument): string {
  if (doc.number === undefined) return '草稿'
  return doc.kind === 'notice'
    ? `${doc.content.prefix}〔${doc.year}〕${doc.number}号`
    : `${doc.year}年第${doc.number}期`
}
