// The 问责 form's errors: each field error names the field in Chinese; the 催办设置 rows as saved.
import { describe, expect, test } from 'vitest'
import { ApiError } from '../../../../client/lib/api-client.ts'
import { fieldMessages } from '../../../../client/roles/supervision/accountability-tab.tsx'
import {
  clean,
  describeFieldError,
} from '../../../../client/roles/supervision/reminder-settings-tab.tsx'

describe('fieldMessages', () => {
  test('a 400 with field errors names each field in Chinese', () => {
    const error = new ApiError('字段 decidedOn 无效', 400, undefined, {
      errors: [
        { field: 'decidedOn', message: '日期须为 YYYY-MM-DD' },
        { field: 'issueIds.0', message: '没有编号为 i-none 的问题' },
      ],
    } as never)
    expect(fieldMessages(error)).toEqual([
      '决定日期：日期须为 YYYY-MM-DD',
      '涉及问题：没有编号为 i-none 的问题',
    ])
  })

  test('another failure is its message; no error, nothing', () => {
    expect(fieldMessages(new ApiError('无法连接数据服务'))).toEqual(['无法连接数据服务'])
    expect(fieldMessages(null)).toEqual([])
  })
})

describe('describeFieldError (催办设置)', () => {
  const labels = { hoursFromDeadline: '相对期限（小时）', phones: '手机号' }
  test('names the row and the field in Chinese', () => {
    expect(describeFieldError('rules.1.hoursFromDeadline', '须为整数小时', labels)).toBe(
      '第 2 条 · 相对期限（小时）：须为整数小时',
    )
    expect(describeFieldError('channels.0.phones.2', '手机号须为 11 位数字', labels)).toBe(
      '第 1 条 · 手机号 第 3 项：手机号须为 11 位数字',
    )
    expect(describeFieldError('rules', '至多 50 条规则', labels)).toBe('至多 50 条规则')
  })
})

describe('a channel row as saved (催办设置)', () => {
  const robot = { id: 'um', name: '城管局工作群', url: 'https://oapi.dingtalk.com/robot/send' }
  test('a robot keeps its message format; JSON and SMS have none', () => {
    expect(clean({ ...robot, kind: 'dingtalk', format: 'markdown' })).toEqual({
      ...robot,
      kind: 'dingtalk',
      format: 'markdown',
    })
    expect(clean({ ...robot, kind: 'wecom', format: 'markdown' }).format).toBe('markdown')
    expect(clean({ ...robot, kind: 'json', format: 'markdown' })).not.toHaveProperty('format')
    const sms = clean({ ...robot, kind: 'sms', format: 'markdown', secret: 'SEC1' })
    expect(sms).toEqual({ id: 'um', name: '城管局工作群', kind: 'sms', phones: [] })
  })
})
