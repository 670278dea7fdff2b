import { describe, expect, test } from 'vitest'
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatOverdue,
  formatPercent,
  formatPropertyValue,
  fromShanghaiLocal,
  toDetailRows,
  toShanghaiLocal,
} from '../../../client/lib/format.ts'

describe('times are shown in Beijing time whatever the machine clock', () => {
  test.each([
    ['2026-01-01T16:30:00Z', '2026-01-02 00:30'],
    ['2026-06-30T23:59:00Z', '2026-07-01 07:59'],
    ['2026-03-04T06:05:00+08:00', '2026-03-04 06:05'],
  ])('%s → %s', (iso, shown) => {
    expect(formatDateTime(iso)).toBe(shown)
  })

  test('a date crosses midnight like the time does', () => {
    expect(formatDate('2026-01-01T16:30:00Z')).toBe('2026-01-02')
  })

  test('an invalid time passes through unchanged', () => {
    expect(formatDateTime('not a time')).toBe('not a time')
  })
})

describe('overdue spans', () => {
  const now = new Date('2026-11-10T00:00:00Z')
  test.each([
    ['2026-11-09T19:00:00Z', '5 小时'],
    ['2026-11-07T00:00:00Z', '3 天'],
  ])('deadline %s → %s', (deadline, text) => {
    expect(formatOverdue(deadline, now)).toBe(text)
  })
})

describe('property values in Chinese', () => {
  test.each([
    ['status', 'reviewing', '待复查'],
    ['status', 'pending', '待交办'],
    ['kind', 'random', '随机点位'],
    ['category', 'street-vending', '占道经营'],
    ['category', 'back-lane', '背街小巷'],
    ['urCode', '121', '镇中心区（121）'],
    ['synthetic', true, '是'],
    ['approxPosition', false, '否'],
    ['villageNames', ['北街社区', '东外社区'], '北街社区、东外社区'],
    ['villageNames', [], '无'],
    ['closedAt', undefined, '—'],
    ['reportedAt', '2026-11-01T02:00:00Z', '2026-11-01 10:00'],
    ['coordSource', 'amap', '高德地图中心点'],
  ])('%s = %j → %s', (key, value, shown) => {
    expect(formatPropertyValue(key, value)).toBe(shown)
  })

  test('codes are named through the lookup, keeping the code', () => {
    const lookup = { township: (code: string) => (code === '532927101' ? '南诏镇' : undefined) }
    expect(formatPropertyValue('townshipCode', '532927101', lookup)).toBe('南诏镇（532927101）')
    expect(formatPropertyValue('townshipCode', '999', lookup)).toBe('999')
  })
})

describe('detail rows', () => {
  const properties = { status: 'fixing', internalFlag: 1, category: 'graffiti', name: 'x' }

  test('come in the given order, then the other labelled keys', () => {
    const rows = toDetailRows(properties, ['category', 'status'])
    expect(rows.map((r) => r.key)).toEqual(['category', 'status', 'name'])
    expect(rows[0]).toMatchObject({ label: '类别', value: '乱贴乱画' })
  })

  test('leave out keys without a Chinese label', () => {
    expect(toDetailRows(properties, []).map((r) => r.key)).not.toContain('internalFlag')
  })

  test('can be limited to the given keys', () => {
    expect(toDetailRows(properties, ['status'], {}, true).map((r) => r.key)).toEqual(['status'])
  })
})

describe('datetime-local values are Beijing time', () => {
  test.each([
    ['2026-11-26T18:00', '2026-11-26T10:00:00.000Z'],
    ['2026-01-01T00:30', '2025-12-31T16:30:00.000Z'],
  ])('%s → %s', (local, iso) => {
    expect(fromShanghaiLocal(local)).toBe(iso)
    expect(toShanghaiLocal(iso)).toBe(local)
  })

  test.each(['', '2026-11-26', '2026-11-26 18:00', '2026-13-01T10:00', 'soon'])(
    '%j is not a time',
    (local) => {
      expect(fromShanghaiLocal(local)).toBeUndefined()
    },
  )
})

test.each([
  [500, '1 KB'],
  [640 * 1024, '640 KB'],
  [5.5 * 1024 * 1024, '5.5 MB'],
])('%i bytes read as %s', (bytes, text) => {
  expect(formatBytes(bytes)).toBe(text)
})

describe('shares as percentages', () => {
  test.each([
    [0.875, 1, '87.5%'],
    [1, 0, '100%'],
    [0, 1, '0.0%'],
    [null, 1, '—'],
    [undefined, 1, '—'],
  ])('%s with %i digits reads %s', (rate, digits, text) => {
    expect(formatPercent(rate, digits)).toBe(text)
  })
})
