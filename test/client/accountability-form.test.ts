// The 问责 form's errors: each field error names the field in Chinese.
import { describe, expect, test } from 'vitest'
import { ApiError } from '../../client/lib/api-client.ts'
import { fieldMessages } from '../../client/roles/supervision/accountability-tab.tsx'

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
