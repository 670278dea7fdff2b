// The caller's 消息中心 (/api/notifications): 催办, reminders, escalations and digests.
import { queryOptions } from '@tanstack/react-query'
import { apiRequest } from '../../lib/api-client.ts'

export interface Notification {
  id: number
  kind: 'reminder' | 'urge' | 'escalation' | 'digest'
  title: string
  body: string
  issueId?: string
  createdAt: string
  readAt?: string
}

const pollMs = 60_000 // the scheduler looks once a minute

export const notificationsQuery = (username: string) =>
  queryOptions({
    queryKey: ['notifications', username],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Notification[]; unread: number }>('api/notifications', {
        query: 'limit=30',
        signal,
      }),
    refetchInterval: pollMs,
  })

export const markRead = (ids?: number[]) =>
  apiRequest<{ marked: number; unread: number }>('api/notifications/read', {
    json: ids ? { ids } : {},
    action: '标记已读',
  })
