import { readFileSync } from 'node:fs'
import type { FeatureCollection } from 'geojson'
import { describe, expect, test } from 'vitest'
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import type { IssueProperties } from '../../server/domain/issue.ts'
import { toLedgerCsv } from '../../server/exchange/ledger-csv.ts'
import {
  type IssueDraft,
  type LedgerImportOptions,
  type LedgerImportResult,
  parseLedgerTable,
} from '../../server/exchange/ledger-import.ts'
import { toLedgerXlsx } from '../../server/exchange/ledger-xlsx.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildIssue } from '../builders.ts'
import { countyBbox, ledgerLookups } from './lookups.ts'

const now = new Date('2026-11-22T00:00:00Z')
const options = (overrides: Partial<LedgerImportOptions> = {}): LedgerImportOptions => ({
  bbox: countyBbox,
  unitNames: ledgerLookups().unitNames,
  ...overrides,
})

/** A CSV upload from header + rows, as Excel users type them. */
const csvOf = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`)
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)

/** An .xlsx upload with one sheet of the given cells. */
const xlsxOf = (rows: Row[]) => writeXlsxFile(rows, { dateFormat: 'yyyy-mm-dd hh:mm' }).toBuffer()

const header = ['问题类别', '问题描述', '经度', '纬度']
const goodRow = ['占道经营', '农贸市场门口流动摊贩占道', '100.30603', '25.230114']

function draftOf(issue: GeoJsonFeature, row: number): IssueDraft {
  const p = issue.properties as unknown as IssueProperties
  const draft: IssueDraft = {
    row,
    lngLat: issue.geometry?.coordinates as [number, number],
    id: String(issue.id),
    category: p.category,
    description: p.description,
    status: p.status,
    reportedAt: p.reportedAt,
    deadlineAt: p.deadlineAt,
    responsibleUnit: p.responsibleUnit,
    checkpointId: p.checkpointId,
  }
  if (p.closedAt) draft.closedAt = p.closedAt
  if (p.statusNotes) draft.statusNotes = p.statusNotes
  return draft
}

function rowsOf(result: LedgerImportResult): IssueDraft[] {
  if ('errors' in result) throw new Error(result.errors.map((e) => e.message).join('\n'))
  return result.rows
}

describe('ledger import round trip', () => {
  // every status, both kinds of unit, and a description Excel would take for a formula
  const issues = [
    ...readGeodataIssues().filter((_, i) => i % 13 === 0),
    buildIssue({
      properties: { description: '=SUM(A1) 与 "引号", 逗号\n换行', status: 'pending' },
    }),
  ]

  test.each(['xlsx', 'csv'] as const)(
    'exporting to %s and importing gives back the same drafts',
    async (format) => {
      const lookups = ledgerLookups()
      const file =
        format === 'xlsx'
          ? await toLedgerXlsx(issues, lookups, now)
          : toLedgerCsv(issues, lookups, now)
      const rows = rowsOf(await parseLedgerTable(file, format, options()))
      expect(rows).toEqual(issues.map((issue, i) => draftOf(issue, i + 2)))
      expect(new Set(rows.map((r) => r.status))).toEqual(
        new Set(['pending', 'fixing', 'reviewing', 'closed']),
      )
    },
  )
})

describe('ledger import reads what county offices send', () => {
  test('a GBK CSV saved by Excel on Chinese Windows, with a 序号 column and slash dates', async () => {
    const file = readFileSync(new URL('../fixtures/exchange/ledger-excel-gbk.csv', import.meta.url))
    expect(rowsOf(await parseLedgerTable(file, 'csv', options()))).toEqual([
      {
        row: 2,
        lngLat: [100.30603, 25.230114],
        category: 'street-vending',
        description: '南诏镇农贸市场门口流动摊贩占道',
        reportedAt: '2026-11-20T01:30:00Z',
        deadlineAt: '2026-11-22T15:59:59Z', // a date-only deadline runs to the end of that day
        responsibleUnit: 'urban-management',
        status: 'fixing',
      },
      {
        row: 3,
        lngLat: [100.305514, 25.234139],
        category: 'exposed-garbage',
        description: '月华街垃圾桶满溢未清运',
        reportedAt: '2026-11-21T06:05:00Z',
        deadlineAt: '2026-11-21T10:00:00Z',
        responsibleUnit: 'township-532927101',
        status: 'pending',
      },
    ])
  })

  test.each([
    [
      'reordered columns',
      ['纬度', '问题描述', '经度', '问题类别'],
      ['25.230114', '描述', '100.30603', '占道经营'],
    ],
    ['spaces around headers', ['  问题类别 ', '问题描述\u3000', ' 经度', '纬度 '], goodRow],
    [
      'full-width brackets and units',
      ['问题类别', '问题描述', '经度（WGS84）', '纬度(°)'],
      goodRow,
    ],
    ['required markers', ['*问题类别', '问题描述*', '经度', '纬度'], goodRow],
    ['English coordinate headers', ['问题类别', '问题描述', 'LNG', 'Lat'], goodRow],
    ['aliases', ['问题类型', '问题内容', '经度', '纬度'], goodRow],
    [
      'extra columns',
      ['序号', '问题类别', '备注', '问题描述', '经度', '纬度'],
      ['1', '占道经营', '无', '描述', '100.30603', '25.230114'],
    ],
  ])('headers with %s are recognised', async (_, headerRow, row) => {
    const rows = rowsOf(await parseLedgerTable(csvOf([headerRow, row]), 'csv', options()))
    expect(rows).toEqual([
      expect.objectContaining({
        row: 2,
        category: 'street-vending',
        lngLat: [100.30603, 25.230114],
      }),
    ])
  })

  test('a title row above the header is skipped and rows keep their Excel numbers', async () => {
    const file = await xlsxOf([['巍山县文明创建问题台账（2026年11月）'], header, goodRow])
    expect(rowsOf(await parseLedgerTable(file, 'xlsx', options()))).toEqual([
      expect.objectContaining({ row: 3 }),
    ])
  })

  test('blank rows between records are ignored', async () => {
    const file = csvOf([header, goodRow, ['', '', '', ''], goodRow])
    expect(rowsOf(await parseLedgerTable(file, 'csv', options())).map((r) => r.row)).toEqual([2, 4])
  })

  test.each([
    ['问题类别', '公益广告缺失／破损', 'category', 'public-ads'], // full-width slash
    ['问题类别', 'graffiti', 'category', 'graffiti'], // the code itself
    ['状态', '待复查', 'status', 'reviewing'],
    ['责任单位', '县公安局交警大队', 'responsibleUnit', 'traffic-police'],
    ['责任单位', 'health', 'responsibleUnit', 'health'],
    ['责任单位', '南诏镇人民政府', 'responsibleUnit', 'township-532927101'],
    ['经度', ' １００.３０６０３ ', 'lngLat', [100.30603, 25.230114]], // full-width digits
    ['处理说明', '已约谈', 'statusNotes', '已约谈'],
    ['问题来源', '明察暗访', 'source', 'undercover'],
    ['问题来源', '12345', 'source', 'public-report'],
    ['编号', '2026-0001', 'id', '2026-0001'],
  ])('%s “%s” is read as %s %j', async (column, cell, field, expected) => {
    const headerRow = header.includes(column) ? header : [...header, column]
    const row = header.includes(column)
      ? goodRow.map((c, i) => (header[i] === column ? cell : c))
      : [...goodRow, cell]
    const [draft] = rowsOf(await parseLedgerTable(csvOf([headerRow, row]), 'csv', options()))
    expect(draft?.[field as keyof IssueDraft]).toEqual(expected)
  })

  test.each([
    ['2026-11-20 09:30', '2026-11-20T01:30:00Z'],
    ['2026/11/20 9:30:15', '2026-11-20T01:30:15Z'],
    ['2026.11.20 09:30', '2026-11-20T01:30:00Z'],
    ['2026年11月20日 9时30分', '2026-11-20T01:30:00Z'],
    ['2026-11-20', '2026-11-19T16:00:00Z'], // date only: the start of the day in Beijing
    ['2026-11-20T09:30:00+08:00', '2026-11-20T01:30:00Z'],
    ['2026-11-20T01:30:00Z', '2026-11-20T01:30:00Z'],
    ['2026-12-01 01:30', '2026-11-30T17:30:00Z'], // the UTC date is the day before
  ])('发现时间 text “%s” is Beijing time %s', async (text, iso) => {
    const [draft] = rowsOf(
      await parseLedgerTable(
        csvOf([
          [...header, '发现时间'],
          [...goodRow, text],
        ]),
        'csv',
        options(),
      ),
    )
    expect(draft?.reportedAt).toBe(iso)
  })

  test('Excel date cells and bare date serials hold Beijing wall time', async () => {
    const file = await xlsxOf([
      [...header, '发现时间', '整改期限'],
      [...goodRow, { value: new Date('2026-11-20T09:30:00Z'), type: Date }, 46346.5], // serial 46346.5 = 2026-11-20 12:00
    ])
    const [draft] = rowsOf(await parseLedgerTable(file, 'xlsx', options()))
    expect(draft).toMatchObject({
      reportedAt: '2026-11-20T01:30:00Z',
      deadlineAt: '2026-11-20T04:00:00Z',
    })
  })

  test('numbers typed into text columns are read as their text', async () => {
    const file = await xlsxOf([
      ['编号', ...header],
      [20260001, '占道经营', 12345, 100.30603, 25.230114],
    ])
    expect(rowsOf(await parseLedgerTable(file, 'xlsx', options()))).toEqual([
      expect.objectContaining({
        id: '20260001',
        description: '12345',
        lngLat: [100.30603, 25.230114],
      }),
    ])
  })
})

describe('ledger import errors name the row and column and return no rows', () => {
  test.each([
    [
      'a missing required column',
      [
        ['问题类别', '问题描述', '经度'],
        ['占道经营', '描述', '100.3'],
      ],
      1,
      '纬度',
      '缺少必填列',
    ],
    [
      'a column given twice',
      [
        [...header, '类别'],
        [...goodRow, '占道经营'],
      ],
      1,
      '类别',
      '重复',
    ],
    [
      'a coordinate that is not a number',
      [header, ['占道经营', '描述', '东经100度', '25.23']],
      2,
      '经度',
      '应为数字',
    ],
    [
      'a longitude outside the county',
      [header, ['占道经营', '描述', '101.5', '25.23']],
      2,
      '经度',
      '不在县域范围内',
    ],
    [
      'a latitude outside the county',
      [header, ['占道经营', '描述', '100.3', '26.5']],
      2,
      '纬度',
      '不在县域范围内',
    ],
    ['swapped coordinates', [header, ['占道经营', '描述', '25.23', '100.3']], 2, '经度', '填反'],
    [
      'an unknown category',
      [header, ['随地吐痰', '描述', '100.3', '25.23']],
      2,
      '问题类别',
      '未知的问题类别“随地吐痰”',
    ],
    [
      'an empty description',
      [header, ['占道经营', '', '100.3', '25.23']],
      2,
      '问题描述',
      '不能为空',
    ],
    [
      'an impossible date',
      [
        [...header, '发现时间'],
        [...goodRow, '2026-02-30 10:00'],
      ],
      2,
      '发现时间',
      '无法识别的时间',
    ],
    [
      'an unreadable date',
      [
        [...header, '整改期限'],
        [...goodRow, '下周一'],
      ],
      2,
      '整改期限',
      '无法识别的时间“下周一”',
    ],
    [
      'an unknown unit',
      [
        [...header, '责任单位'],
        [...goodRow, '城管'],
      ],
      2,
      '责任单位',
      '未知的责任单位“城管”',
    ],
    [
      'an unknown status',
      [
        [...header, '状态'],
        [...goodRow, '已完成'],
      ],
      2,
      '状态',
      '未知的状态',
    ],
    [
      'a deadline before the finding',
      [
        [...header, '发现时间', '整改期限'],
        [...goodRow, '2026-11-20 10:00', '2026-11-19 10:00'],
      ],
      2,
      '整改期限',
      '早于发现时间',
    ],
    [
      'a close-out time on an open issue',
      [
        [...header, '状态', '销号时间'],
        [...goodRow, '整改中', '2026-11-20 10:00'],
      ],
      2,
      '销号时间',
      '不应有销号时间',
    ],
  ])('%s', async (_, table, row, column, message) => {
    const result = await parseLedgerTable(csvOf(table), 'csv', options())
    expect(result).toEqual({ errors: [{ row, column, message: expect.stringContaining(message) }] })
    if ('errors' in result) expect(result.errors[0]?.message).toContain(`第 ${row} 行「${column}」`)
  })

  test('one bad row among good ones imports nothing and reports every bad cell', async () => {
    const table = [
      header,
      goodRow,
      ['乱停乱放', '', 'x', '25.23'],
      goodRow,
      ['占道', '描述', '100.3', '25.23'],
    ]
    const result = await parseLedgerTable(csvOf(table), 'csv', options())
    expect(result).toEqual({
      errors: [
        expect.objectContaining({ row: 3, column: '问题描述' }),
        expect.objectContaining({ row: 3, column: '经度' }),
        expect.objectContaining({ row: 5, column: '问题类别' }),
      ],
    })
  })

  test('XLSX errors count rows as Excel shows them, a title row included', async () => {
    const file = await xlsxOf([['问题台账'], header, goodRow, ['占道经营', '描述', 'abc', 25.23]])
    expect(await parseLedgerTable(file, 'xlsx', options())).toEqual({
      errors: [expect.objectContaining({ row: 4, column: '经度' })],
    })
  })

  test('a sheet full of errors reports the first 200 and how many more there are', async () => {
    const table = [header, ...Array.from({ length: 250 }, () => ['占道', '描述', '100.3', '25.23'])]
    const result = await parseLedgerTable(csvOf(table), 'csv', options())
    const errors = 'errors' in result ? result.errors : []
    expect(errors).toHaveLength(201)
    expect(errors[200]).toEqual({ row: 0, column: '', message: '另有 50 处错误未列出' })
  })

  const oleHeader = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
  test.each([
    ['an empty file', 'csv', () => Buffer.alloc(0), '文件是空的'],
    ['a file of blank lines', 'csv', () => Buffer.from('\r\n,,,\r\n\r\n'), '文件是空的'],
    ['a header with no rows', 'csv', () => csvOf([header]), '没有数据行'],
    ['an .xlsx upload that is a CSV', 'xlsx', () => csvOf([header, goodRow]), '不是 Excel'],
    ['a CSV upload that is an .xlsx', 'csv', () => xlsxOf([header, goodRow]), '请按 .xlsx 导入'],
    ['an old .xls workbook', 'xlsx', () => oleHeader, '另存为” .xlsx'],
    ['a zip that is no workbook', 'xlsx', () => zipOf('readme.txt'), '不是 Excel'],
    ['binary garbage as CSV', 'csv', () => Buffer.from([1, 0, 2, 0, 255, 254, 0]), '不是文本'],
    [
      'an unclosed quote',
      'csv',
      () => Buffer.from('问题类别,问题描述,经度,纬度\r\n占道经营,"描述,100.3,25.2\r\n'),
      '引号',
    ],
  ] as const)('%s is refused as a whole', async (_, format, make, message) => {
    const result = await parseLedgerTable(await make(), format, options())
    expect(result).toEqual({
      errors: [{ row: expect.any(Number), column: '', message: expect.stringContaining(message) }],
    })
  })

  test('an upload over maxBytes is refused before it is read', async () => {
    const file = csvOf([header, ...Array.from({ length: 100 }, () => goodRow)])
    expect(await parseLedgerTable(file, 'csv', options({ maxBytes: 1024 }))).toEqual({
      errors: [
        { row: 0, column: '', message: expect.stringMatching(/^文件过大（\d+ KB），上限 1 KB$/) },
      ],
    })
  })

  test('more rows than maxRows are refused', async () => {
    const file = csvOf([header, ...Array.from({ length: 11 }, () => goodRow)])
    expect(await parseLedgerTable(file, 'csv', options({ maxRows: 10 }))).toEqual({
      errors: [{ row: 0, column: '', message: '数据行过多（11 行），一次最多导入 10 行' }],
    })
  })

  test('an .xlsx that inflates past maxUncompressedBytes is refused', async () => {
    const file = await xlsxOf([header, ...Array.from({ length: 2000 }, () => goodRow)])
    const result = await parseLedgerTable(
      file,
      'xlsx',
      options({ maxUncompressedBytes: 64 * 1024 }),
    )
    expect(result).toEqual({
      errors: [expect.objectContaining({ row: 0, message: expect.stringContaining('压缩炸弹') })],
    })
  })
})

async function zipOf(name: string): Promise<Buffer> {
  const { zipSync } = await import('fflate')
  return Buffer.from(zipSync({ [name]: new TextEncoder().encode('hello') }))
}

function readGeodataIssues(): GeoJsonFeature[] {
  const url = new URL('../../geodata/issues.geojson', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as FeatureCollection).features as GeoJsonFeature[]
}
