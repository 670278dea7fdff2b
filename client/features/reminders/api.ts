// 催办 settings for administrators: the rules (/api/admin/reminder-rules), the outgoing channels
// (/api/admin/reminder-channels) and the delivery log (/api/admin/deliveries).
import { queryOptions } from '@tanstack/react-query'
import { apiRequest } from '../../lib/api-client.ts'

export interface ReminderRule {
  id: string
  name: string
  hoursFromDeadline: number
  to: 'unit' | 'township' | 'office' | 'commander'
  category?: string
  unitCode?: string
}

export interface ReminderChannel {
  id: string
  name: string
  kind: 'wecom' | 'dingtalk' | 'json' | 'sms'
  url?: string
  secret?: string
  format?: 'text' | 'markdown'
  phones?: string[]
  unitCodes?: string[]
}

export interface Delivery {
  id: number
  channelId: string
  message: { title: string; body: string }
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  nextAt: string
  lastError?: string
  createdAt: string
  doneAt?: string
}

export const reminderKeys = {
  all: ['reminders-admin'] as const,
  rules: () => [...reminderKeys.all, 'rules'] as const,
  channels: () => [...reminderKeys.all, 'channels'] as const,
  deliveries: (status: string) => [...reminderKeys.all, 'deliveries', status] as const,
}

export const rulesQuery = () =>
  queryOptions({
    queryKey: reminderKeys.rules(),
    queryFn: ({ signal }) =>
      apiRequest<{ rules: ReminderRule[]; source: 'default' | 'saved' }>(
        'api/admin/reminder-rules',
        { signal },
      ),
  })

export const channelsQuery = () =>
  queryOptions({
    queryKey: reminderKeys.channels(),
    queryFn: ({ signal }) =>
      apiRequest<{ channels: ReminderChannel[] }>('api/admin/reminder-channels', { signal }),
  })

export const deliveriesQuery = (status: string) =>
  queryOptions({
    queryKey: reminderKeys.deliveries(status),
    queryFn: ({ signal }) =>
      apiRequest<{ items: Delivery[] }>('api/admin/deliveries', {
        query: status ? `status=${status}` : '',
        signal,
      }),
  })

export const saveRules = (rules: ReminderRule[]) =>
  apiRequest<{ rules: ReminderRule[] }>('api/admin/reminder-rules', {
    method: 'PUT',
    json: { rules },
    action: '保存催办规则',
  })

export const saveChannels = (channels: ReminderChannel[]) =>
  apiRequest<{ channels: ReminderChannel[] }>('api/admin/reminder-channels', {
    method: 'PUT',
    json: { channels },
    action: '保存发送渠道',
  })
