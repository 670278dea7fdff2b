// 问责 records (/api/accountability): the list with its filters, recording one, its document.
import { queryOptions } from '@tanstack/react-query'
import { apiRequest, apiUrl, queryString } from '../../lib/api-client.ts'

export const accountabilityKindLabels = {
  'reminder-talk': '提醒谈话',
  interview: '约谈',
  criticism: '通报批评',
  exposure: '曝光',
  'discipline-referral': '移交纪检',
} as const
export type AccountabilityKind = keyof typeof accountabilityKindLabels

export interface AccountabilityRecord {
  id: string
  targetKind: 'unit' | 'township'
  targetCode: string
  targetName: string
  kind: AccountabilityKind
  decidedOn: string
  decidedBy: string
  note: string
  issueIds: string[]
  issueNos?: string[] // 问题编号 of issueIds, in order: what the table shows
  document?: { contentType: string; bytes: number; uploadedAt: string }
}

export interface AccountabilityFilter {
  target?: string
  kind?: string
  from?: string
  to?: string
}

export const accountabilityKeys = {
  all: ['accountability'] as const,
  list: (f: AccountabilityFilter) => [...accountabilityKeys.all, 'list', f] as const,
}

export const accountabilityQuery = (f: AccountabilityFilter) =>
  queryOptions({
    queryKey: accountabilityKeys.list(f),
    queryFn: ({ signal }) =>
      apiRequest<{ items: AccountabilityRecord[] }>('api/accountability', {
        query: queryString(f),
        signal,
      }),
  })

export const exportUrl = (f: AccountabilityFilter) =>
  apiUrl('api/accountability/export.xlsx', queryString(f))

export const documentUrl = (id: string) => apiUrl(`api/accountability/${id}/document`)

export interface NewAccountability {
  targetKind: 'unit' | 'township'
  targetCode: string
  kind: string
  decidedOn: string
  decidedBy: string
  note: string
  issueIds: string[]
}

export const recordAccountability = (input: NewAccountability) =>
  apiRequest<AccountabilityRecord>('api/accountability', { json: input, action: '记录问责' })

export const uploadDocument = (id: string, file: File) =>
  apiRequest<{ contentType: string; bytes: number }>(`api/accountability/${id}/document`, {
    body: file,
    contentType: file.type || 'application/octet-stream',
    action: '上传问责文书',
  })
