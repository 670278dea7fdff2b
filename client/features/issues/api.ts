// Issues (问题台账): the OGC collection `issues` for the map, and the ledger's JSON API
// (`/api/issues`) for lists, details, transitions, notes, photos and import.
// Keys run generic → specific (`issues` → list(filter) / detail(id)) so a write can invalidate all.

import { type QueryClient, queryOptions } from '@tanstack/react-query'
import type { Point } from 'geojson'
import type { IssueCategory, IssueProperties } from '../../../server/domain/issue.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import { apiRequest, type FeaturePage, queryString } from '../../lib/api-client.ts'
import { collectionKeys, collectionQuery } from '../../lib/collection-query.ts'
import { type LedgerFilter, toIssueQuery } from './ledger-filter.ts'

export type IssueCollection = FeaturePage<Point, IssueProperties>
export type IssueFeature = IssueCollection['features'][number]

/** The whole collection: every page. Not for screens (a ledger may hold a million issues). */
export const issuesQuery = () => collectionQuery<Point, IssueProperties>('issues')

/** One issue as an OGC feature (a selection restored from the URL, or picked from a tile). */
export const issueFeatureQuery = (id: string) =>
  queryOptions({
    queryKey: [...collectionKeys.items('issues'), 'feature', id],
    queryFn: ({ signal }) =>
      apiRequest<IssueFeature>(`collections/issues/items/${encodeURIComponent(id)}`, { signal }),
    staleTime: 30_000,
  })

export interface IssueCount {
  matched: number // exact, or a lower bound when `atLeast`
  /** the server stopped counting: more than `matched` issues match (numberMatched was left out) */
  atLeast: boolean
  timeStamp?: string
}

/** The server gives numberMatched only up to this many matches (server/ogc/parse-query.ts). */
export const exactCountUpTo = 10_000 // matches

/** How many issues match items filters (`status=…&township=…`): one feature, the count beside it. */
export const issueCountQuery = (query: string) =>
  queryOptions({
    queryKey: [...collectionKeys.items('issues'), 'count', query],
    queryFn: async ({ signal }): Promise<IssueCount> => {
      const page = await apiRequest<IssueCollection>('collections/issues/items', {
        query: query ? `${query}&limit=1` : 'limit=1',
        signal,
      })
      // more than exactCountUpTo matches: numberMatched is left out, the count is a lower bound
      const atLeast = page.numberMatched === undefined && page.features.length > 0
      return {
        matched: page.numberMatched ?? (atLeast ? exactCountUpTo : 0),
        atLeast,
        timeStamp: page.timeStamp,
      }
    },
    staleTime: 30_000,
  })

/** One issue as the ledger API returns it; `allowedActions` are those the caller may make now. */
export interface IssueView extends IssueProperties {
  id: string
  version: number
  lngLat: [lng: number, lat: number]
  overdue: boolean
  allowedActions: string[]
}

export interface IssueEvent {
  seq: number
  issueId: string
  at: string
  actor: string
  actorName?: string
  role?: string
  action: string // report | assign | rectify | approve | reject | reopen | note | import
  from?: string
  to?: string
  note?: string
  attachmentIds?: string[]
  changes?: Record<string, unknown>
}

export interface Attachment {
  id: string
  issueId: string
  contentType: string
  bytes: number
  createdAt: string
  url: string
}

export interface IssueDetail extends IssueView {
  events: IssueEvent[]
  attachments: Attachment[]
}

export interface IssuePage {
  items: IssueView[]
  total: number
  limit: number
  offset: number
}

/** A code with its display name: townships and units in selects. */
export interface CodeName {
  code: string
  name: string
}

export interface UnitRow {
  code: string
  name: string
  kind: string
  active?: boolean
}

export const issueKeys = {
  all: ['issues'] as const,
  lists: () => [...issueKeys.all, 'list'] as const,
  list: (filter: LedgerFilter) => [...issueKeys.lists(), filter] as const,
  details: () => [...issueKeys.all, 'detail'] as const,
  detail: (id: string) => [...issueKeys.details(), id] as const,
  units: ['units'] as const,
  nearby: (lngLat: [number, number], category: string, radiusMeters: number) =>
    [...issueKeys.all, 'nearby', lngLat, category, radiusMeters] as const,
}

export const ledgerQuery = (filter: LedgerFilter) =>
  queryOptions({
    queryKey: issueKeys.list(filter),
    queryFn: ({ signal }) =>
      apiRequest<IssuePage>('api/issues', { query: toIssueQuery(filter), signal }),
    staleTime: 30_000,
  })

export const issueDetailQuery = (id: string) =>
  queryOptions({
    queryKey: issueKeys.detail(id),
    queryFn: ({ signal }) =>
      apiRequest<IssueDetail>(`api/issues/${encodeURIComponent(id)}`, { signal }),
    staleTime: 10_000,
  })

export type NearbyIssue = IssueView & { distanceMeters: number }

/** Open issues of a category within `radiusMeters` of a position, nearest first (重复上报检查). */
export const nearbyIssuesQuery = (
  lngLat: [number, number],
  category: IssueCategory,
  radiusMeters = 50,
) => {
  // ~1 m steps, so a GPS fix that wobbles does not refetch on every update
  const at: [number, number] = [round(lngLat[0], 5), round(lngLat[1], 5)]
  return queryOptions({
    queryKey: issueKeys.nearby(at, category, radiusMeters),
    queryFn: ({ signal }) =>
      apiRequest<{ items: NearbyIssue[] }>('api/issues/nearby', {
        query: new URLSearchParams({
          lngLat: at.join(','),
          category,
          radius: String(radiusMeters),
        }).toString(),
        signal,
      }),
    staleTime: 15_000,
  })
}

const openStatuses = ['pending', 'fixing', 'reviewing'] as const
const tasksPerStatus = 500 // the server's page limit; a unit or a few grids have far fewer open issues

/** 我的任务: every open issue of the caller's unit or grids (mine=true), soonest deadline first per status. */
export const openIssuesQuery = (username: string) =>
  queryOptions({
    queryKey: [...issueKeys.lists(), 'mine', username] as const,
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        openStatuses.map((status) =>
          apiRequest<IssuePage>('api/issues', {
            query: queryString({ mine: 'true', status, sort: 'deadlineAt', limit: tasksPerStatus }),
            signal,
          }),
        ),
      )
      return pages.flatMap((page) => page.items)
    },
    staleTime: 30_000,
  })

const round = (value: number, digits: number) => Number(value.toFixed(digits))

export const unitsQuery = () =>
  queryOptions({
    queryKey: issueKeys.units,
    queryFn: ({ signal }) => apiRequest<UnitRow[]>('api/units', { signal }),
    staleTime: 10 * 60_000,
  })

/** After any write: the ledger lists, the details and the map's OGC collection are all stale. */
export async function invalidateIssues(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: issueKeys.all }),
    queryClient.invalidateQueries({ queryKey: collectionKeys.items('issues') }),
  ])
}

export interface NewIssue {
  lngLat: [lng: number, lat: number]
  category: IssueCategory
  description: string
  checkpointId?: string
  source?: IssueSource // 问题来源; the server defaults it from the round or the reporter's role
  roundId?: string // 督查轮次
}

/** Writes may carry an Idempotency-Key, so that a retry (the phone's offline queue) runs once. */
export interface WriteOptions {
  idempotencyKey?: string
}

export function createIssue(issue: NewIssue, options: WriteOptions = {}): Promise<IssueView> {
  return apiRequest<IssueView>('api/issues', { json: issue, action: '上报问题', ...options })
}

export interface TransitionRequest {
  action: string
  version: number
  note?: string
  responsibleUnit?: string
  deadlineAt?: string
  attachmentIds?: string[]
}

export function transitionIssue(
  id: string,
  body: TransitionRequest,
  actionLabel: string,
  options: WriteOptions = {},
): Promise<IssueView> {
  return apiRequest<IssueView>(`api/issues/${encodeURIComponent(id)}/transitions`, {
    json: body,
    action: actionLabel,
    ...options,
  })
}

/** 催办: a note in the issue's history and a message to its unit's operators. */
export function urgeIssue(
  id: string,
  note: string,
): Promise<{ urged: string[]; notified: number }> {
  return apiRequest(`api/issues/${encodeURIComponent(id)}/urge`, { json: { note }, action: '催办' })
}

export function addNote(
  id: string,
  note: string,
  attachmentIds: string[] = [],
  options: WriteOptions = {},
): Promise<IssueEvent> {
  return apiRequest<IssueEvent>(`api/issues/${encodeURIComponent(id)}/notes`, {
    json: attachmentIds.length ? { note, attachmentIds } : { note },
    action: '添加备注',
    ...options,
  })
}

export function uploadAttachment(
  issueId: string,
  file: Blob,
  options: WriteOptions = {},
): Promise<Attachment> {
  return apiRequest<Attachment>(`api/issues/${encodeURIComponent(issueId)}/attachments`, {
    body: file,
    contentType: file.type,
    action: '上传照片',
    ...options,
  })
}

export interface ImportResult {
  imported: number
}

export const importContentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const

export function importLedger(file: Blob, kind: keyof typeof importContentTypes) {
  return apiRequest<ImportResult>('api/issues/import', {
    body: file,
    contentType: importContentTypes[kind],
    action: '导入台账',
  })
}
