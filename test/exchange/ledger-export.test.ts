import { readFileSync } from 'node:fs'
import type { FeatureCollection } from 'geojson'
import Papa from 'papaparse'
import readXlsxFile from 'read-excel-file/node'
import { describe, expect, test } from 'vitest'
import { ledgerColumns } from '../../server/exchange/columns.ts'
import { toGeoJson } from '../../server/exchange/geojson-export.ts'
import { toLedgerCsv } from '../../server/exchange/ledger-csv.ts'
import { summaryHeaders, toLedgerXlsx } from '../../server/exchange/ledger-xlsx.ts'
import type { GeoJsonFeature } from '../../server/storage/store.ts'
import { buildIssue } from '../builders.ts'
import { ledgerLookups } from './lookups.ts'
import { ogrinfo } from './ogrinfo.ts'

const now = new Date('2026-11-10T00:00:00Z')

// three issues whose cells differ in every way the export must render
function sampleIssues(): GeoJsonFeature[] {
  return [
    buildIssue({ properties: { category: 'street-vending', reportedAt: '2026-11-01T02:00:00Z' } }),
    buildIssue({
      lngLat: [100.2154, 25.4871],
      properties: {
        category: 'exposed-garbage',
        status: 'closed',
        description: '垃圾桶满溢, 未及时清运 "月华街"\n第二行',
        reportedAt: '2026-11-30T17:30:00Z', // 01:30 the next day in Beijing
        deadlineAt: '2026-12-01T09:00:00Z',
        closedAt: '2026-12-01T08:00:00Z',
        responsibleUnit: 'township-532927102',
        townshipCode: '532927102',
        statusNotes: '复查合格，已销号',
      },
    }),
    buildIssue({
      properties: {
        category: 'illegal-parking',
        status: 'pending',
        description: '=HYPERLINK("x")',
      },
    }),
  ]
}

describe('XLSX ledger', () => {
  test('GDAL reads one row per issue with Chinese labels, names and Beijing wall times as dates', async () => {
    const issues = sampleIssues()
    const layers = await ogrinfo(await toLedgerXlsx(issues, ledgerLookups(), now), 'ledger.xlsx', [
      'HEADERS=FORCE',
    ])
    const sheet = layers.get('问题台账')
    expect(sheet?.featureCount).toBe(3)
    const [first, second, third] = sheet?.features ?? []
    expect(first).toMatchObject({
      编号: String(issues[0]?.id),
      问题类别: '占道经营',
      状态: '整改中',
      是否逾期: '是', // deadline 2026-11-04 has passed by 2026-11-10
      发现时间: '2026/11/01 10:00:00',
      责任单位: '县城市管理局',
      所属乡镇: '南诏镇',
      经度: '100.30603',
    })
    expect(second).toMatchObject({
      问题类别: '暴露垃圾',
      问题描述: '垃圾桶满溢, 未及时清运 "月华街"\n第二行',
      状态: '已销号',
      是否逾期: '否',
      发现时间: '2026/12/01 01:30:00',
      销号时间: '2026/12/01 16:00:00',
      责任单位: '庙街镇人民政府',
      所属乡镇: '庙街镇',
      处理说明: '复查合格，已销号',
    })
    expect(third).toMatchObject({
      问题类别: '乱停乱放',
      状态: '待交办',
      问题描述: '=HYPERLINK("x")',
    })
    expect(sheet?.fieldTypes.get('发现时间')).toBe('DateTime')
    expect(sheet?.fieldTypes.get('纬度')).toBe('Real')
  })

  test('headers are the Chinese column table, in order', async () => {
    const issue = buildIssue({
      properties: { source: 'undercover', roundId: 'round-0003', issueNo: '2026-000123' },
    })
    const layers = await ogrinfo(await toLedgerXlsx([issue], ledgerLookups(), now), 'ledger.xlsx', [
      'HEADERS=FORCE',
    ])
    expect(layers.get('问题台账')?.features[0]).toMatchObject({
      问题编号: '2026-000123', // the number people read, first
      问题来源: '明察暗访',
      督查轮次: 'round-0003',
    })
    const fields = [...(layers.get('问题台账')?.fieldTypes.keys() ?? [])]
    // 销号时间 and 处理说明 are empty for this issue, so GDAL lists only the others
    const expected = ledgerColumns
      .map((c) => c.header)
      .filter((h) => h !== '销号时间' && h !== '处理说明')
    expect(fields).toEqual(expected)
  })

  test('the per-unit sheet of the real 2,600-issue ledger matches counts made independently', async () => {
    const issues = readGeodataIssues()
    const lookups = ledgerLookups()
    const nowMs = Date.parse('2026-11-22T00:00:00Z')
    const layers = await ogrinfo(
      await toLedgerXlsx(issues, lookups, new Date(nowMs)),
      'ledger.xlsx',
      ['HEADERS=FORCE'],
    )
    expect(layers.get('问题台账')?.featureCount).toBe(issues.length)

    const rows = layers.get('按责任单位汇总')?.features ?? []
    const total = rows.find((r) => r.责任单位 === '合计')
    const unitRows = rows.filter((r) => r !== total)
    expect(unitRows.map((r) => r.责任单位)).toEqual(
      expect.arrayContaining(['县城市管理局', '南诏镇人民政府']),
    )

    const count = (pick: (p: Record<string, unknown>) => boolean) => (name?: string) =>
      issues.filter((i) => {
        const p = i.properties as Record<string, unknown>
        return (
          (name === undefined || lookups.unitNames.get(String(p.responsibleUnit)) === name) &&
          pick(p)
        )
      }).length
    const expected = {
      问题总数: count(() => true),
      待交办: count((p) => p.status === 'pending'),
      整改中: count((p) => p.status === 'fixing'),
      待复查: count((p) => p.status === 'reviewing'),
      已销号: count((p) => p.status === 'closed'),
      逾期: count((p) => p.status !== 'closed' && Date.parse(String(p.deadlineAt)) < nowMs),
    }
    for (const row of [...unitRows, total]) {
      const name = row?.责任单位 === '合计' ? undefined : row?.责任单位
      for (const [header, countOf] of Object.entries(expected)) {
        expect(Number(row?.[header]), `${row?.责任单位} ${header}`).toBe(countOf(name))
      }
      expect(Number(row?.办结率)).toBeCloseTo(expected.已销号(name) / expected.问题总数(name), 9)
    }
    expect(unitRows.reduce((sum, r) => sum + Number(r.问题总数), 0)).toBe(issues.length)
    expect(Object.keys(rows[0] ?? {})).toEqual([...summaryHeaders])
  })
})

describe('CSV ledger', () => {
  test('each row starts with the issue’s 问题编号, then its internal id', () => {
    const issue = buildIssue({ id: 'issue-00042', properties: { issueNo: '2027-000001' } })
    const text = toLedgerCsv([issue], ledgerLookups(), now).toString('utf8')
    expect(text.split('\r\n')[1]?.startsWith('2027-000001,issue-00042,')).toBe(true)
  })

  test('starts with a UTF-8 BOM, ends lines with CRLF and has the same columns as the XLSX sheet', () => {
    const csv = toLedgerCsv(sampleIssues(), ledgerLookups(), now)
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csv.toString('utf8').slice(1)
    expect(text.split('\r\n')[0]).toBe(ledgerColumns.map((c) => c.header).join(','))
    const outsideQuotes = text.replace(/"[^"]*"/g, '')
    const lines = outsideQuotes.split('\r\n')
    expect(lines).toHaveLength(5) // header + 3 records, each ended by CRLF
    expect(lines[4]).toBe('')
    expect(outsideQuotes).not.toMatch(/[^\r]\n/)
  })

  test('parses back cell for cell, with commas, quotes and line breaks quoted', () => {
    const issues = sampleIssues()
    const text = toLedgerCsv(issues, ledgerLookups(), now)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
    const { data } = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
    })
    expect(data).toHaveLength(3)
    expect(data[1]?.问题描述).toBe('垃圾桶满溢, 未及时清运 "月华街"\n第二行')
    expect(data[1]?.发现时间).toBe('2026-12-01 01:30:00')
    expect(data[1]?.所属乡镇).toBe('庙街镇')
  })

  test('a cell that Excel would run as a formula gets a leading apostrophe', () => {
    const text = toLedgerCsv(sampleIssues(), ledgerLookups(), now).toString('utf8')
    const { data } = Papa.parse<Record<string, string>>(text.slice(1), { header: true })
    expect(data[2]?.问题描述).toBe(`'=HYPERLINK("x")`)
  })

  test('GDAL reads it with Chinese values, Beijing times and 经度/纬度 as the point', async () => {
    const csv = toLedgerCsv(sampleIssues(), ledgerLookups(), now)
    const layers = await ogrinfo(csv, 'ledger.csv', [
      'X_POSSIBLE_NAMES=经度',
      'Y_POSSIBLE_NAMES=纬度',
    ])
    const layer = layers.get('ledger')
    expect(layer?.featureCount).toBe(3)
    expect(layer?.features[0]).toMatchObject({
      编号: expect.any(String),
      问题类别: '占道经营',
      所属乡镇: '南诏镇',
    })
    expect(layer?.features[0]?.发现时间).toBe('2026-11-01 10:00:00')
    expect(layer?.features[1]?.问题描述).toBe('垃圾桶满溢, 未及时清运 "月华街"\n第二行')
    expect(layer?.geometries[1]).toBe('POINT (100.2154 25.4871)')
  })
})

describe('an empty ledger', () => {
  test('exports the headers alone, in both formats', async () => {
    const headers = ledgerColumns.map((c) => c.header)
    expect(toLedgerCsv([], ledgerLookups(), now).toString('utf8')).toBe(
      `\uFEFF${headers.join(',')}\r\n`,
    )
    const sheets = await readXlsxFile(await toLedgerXlsx([], ledgerLookups(), now))
    expect(sheets.map((s) => s.sheet)).toEqual(['问题台账', '按责任单位汇总'])
    expect(sheets[0]?.data).toEqual([headers])
    expect(sheets[1]?.data).toEqual([[...summaryHeaders], ['合计', 0, 0, 0, 0, 0, 0, 0]])
  })
})

describe('GeoJSON ledger', () => {
  test('is an RFC 7946 FeatureCollection of the issues exactly as given', () => {
    const issues = sampleIssues()
    expect(JSON.parse(toGeoJson(issues).toString('utf8'))).toEqual({
      type: 'FeatureCollection',
      features: issues,
    })
  })

  test('GDAL reads every feature with its Chinese description', async () => {
    const issues = readGeodataIssues().slice(0, 500)
    const layer = [...(await ogrinfo(toGeoJson(issues), 'issues.geojson')).values()][0]
    expect(layer?.featureCount).toBe(500)
    expect(layer?.features[0]?.description).toBe(issues[0]?.properties?.description)
    expect(layer?.features[0]?.description).toMatch(/[\u4e00-\u9fff]/)
  })
})

function readGeodataIssues(): GeoJsonFeature[] {
  const url = new URL('../../geodata/issues.geojson', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as FeatureCollection).features as GeoJsonFeature[]
}
