import { expect, test } from 'vitest'
import { importErrors, importKind } from '../../../../client/features/issues/ledger-import.ts'
import { ApiError } from '../../../../client/lib/api-client.ts'

test.each([
  ['问题台账-20261123.xlsx', 'xlsx'],
  ['台账.CSV', 'csv'],
  ['台账.xls', undefined],
  ['photo.png', undefined],
  ['noextension', undefined],
])('%s is imported as %s', (name, kind) => {
  expect(importKind(name)).toBe(kind)
})

test('row errors come from the problem body; row 0 is the whole file', () => {
  const error = new ApiError('导入失败', 400, undefined, {
    errors: [
      { row: 3, column: '问题类别', message: '第 3 行「问题类别」：无法识别“乱扔”' },
      { row: 0, column: '', message: '另有 12 处错误未列出' },
      { nonsense: true },
    ],
  })
  expect(importErrors(error)).toEqual([
    { row: 3, column: '问题类别', message: '第 3 行「问题类别」：无法识别“乱扔”' },
    { row: undefined, column: undefined, message: '另有 12 处错误未列出' },
  ])
})

test('a failure without row errors has none to list', () => {
  expect(importErrors(new ApiError('文件太大', 413))).toEqual([])
  expect(importErrors(new Error('x'))).toEqual([])
})
