// Period arithmetic in Asia/Shanghai: weeks start Monday 00:00 Beijing time (Sunday 16:00 UTC),
// months are Beijing calendar months, 环比 compares with the period just before.
import { describe, expect, test } from 'vitest'
import {
  describeChange,
  isWithin,
  parseDay,
  previousPeriod,
  resolvePeriod,
} from '../../server/domain/period.ts'

const at = (iso: string) => new Date(iso)

describe('本周 / 上周', () => {
  test('Monday 00:00 Beijing (Sunday 16:00 UTC) already belongs to the new week', () => {
    const week = resolvePeriod({ kind: 'this-week' }, at('2026-11-22T16:00:00Z')) // Mon 23 00:00 BJT
    expect(week.from).toBe('2026-11-23')
    expect(week.to).toBe('2026-11-29')
    expect(week.startMs).toBe(Date.parse('2026-11-22T16:00:00Z'))
    expect(week.endMs).toBe(Date.parse('2026-11-29T16:00:00Z'))
  })

  test('one millisecond before Monday 00:00 Beijing is still the old week', () => {
    const week = resolvePeriod({ kind: 'this-week' }, at('2026-11-22T15:59:59.999Z'))
    expect([week.from, week.to]).toEqual(['2026-11-16', '2026-11-22'])
  })

  test('Sunday 23:00 UTC is Monday 07:00 in Beijing: the week of that Monday', () => {
    const week = resolvePeriod({ kind: 'this-week' }, at('2026-11-29T23:00:00Z'))
    expect(week.from).toBe('2026-11-30')
  })

  test('上周 is the seven days before this Monday, across a month and a year boundary', () => {
    const lastWeek = resolvePeriod({ kind: 'last-week' }, at('2027-01-01T02:00:00Z')) // Fri 1 Jan
    expect([lastWeek.from, lastWeek.to]).toEqual(['2026-12-21', '2026-12-27'])
    expect(lastWeek.label).toBe('2026年12月21日至12月27日')
  })

  test('环比 of a week is the week before', () => {
    const week = resolvePeriod({ kind: 'this-week' }, at('2026-11-25T04:00:00Z'))
    const before = previousPeriod(week)
    expect([before.from, before.to]).toEqual(['2026-11-16', '2026-11-22'])
    expect(before.endMs).toBe(week.startMs)
  })
})

describe('本月 / 上月', () => {
  test('the first of the month at 00:00 Beijing (the last day 16:00 UTC) starts the new month', () => {
    const month = resolvePeriod({ kind: 'this-month' }, at('2026-11-30T16:00:00Z'))
    expect([month.from, month.to]).toEqual(['2026-12-01', '2026-12-31'])
    const stillNovember = resolvePeriod({ kind: 'this-month' }, at('2026-11-30T15:59:59Z'))
    expect([stillNovember.from, stillNovember.to]).toEqual(['2026-11-01', '2026-11-30'])
  })

  test('上月 in March of a non-leap year is February with 28 days; its 环比 is January', () => {
    const feb = resolvePeriod({ kind: 'last-month' }, at('2027-03-10T00:00:00Z'))
    expect([feb.from, feb.to]).toEqual(['2027-02-01', '2027-02-28'])
    const jan = previousPeriod(feb)
    expect([jan.from, jan.to]).toEqual(['2027-01-01', '2027-01-31'])
  })

  test('in a leap year 上月 of March is February with 29 days', () => {
    const feb = resolvePeriod({ kind: 'last-month' }, at('2028-03-01T00:00:00Z'))
    expect(feb.to).toBe('2028-02-29')
  })
})

describe('custom dates and rounds', () => {
  test('whole Beijing days, last day inclusive; 环比 is as many days just before', () => {
    const p = resolvePeriod({ kind: 'custom', from: '2026-11-18', to: '2026-11-20' }, new Date())
    expect(p.startMs).toBe(Date.parse('2026-11-17T16:00:00Z'))
    expect(p.endMs).toBe(Date.parse('2026-11-20T16:00:00Z'))
    expect(isWithin(Date.parse('2026-11-20T15:59:59Z'), p)).toBe(true)
    expect(isWithin(Date.parse('2026-11-20T16:00:00Z'), p)).toBe(false)
    const before = previousPeriod(p)
    expect([before.from, before.to]).toEqual(['2026-11-15', '2026-11-17'])
  })

  test.each([
    [{ from: '2026-11-31', to: '2026-12-01' }, '有效日期'],
    [{ from: '2026-11-20', to: '2026-11-19' }, '不能早于'],
    [{ from: '2026/11/20', to: '2026-11-21' }, 'YYYY-MM-DD'],
    [{ from: '2025-01-01', to: '2026-11-21' }, '最长'],
  ])('a bad range %o is a RangeError naming the problem', (range, message) => {
    expect(() => resolvePeriod({ kind: 'custom', ...range }, new Date())).toThrow(message)
  })

  test('parseDay rejects dates that do not exist', () => {
    expect(parseDay('2027-02-29')).toBeUndefined()
    expect(parseDay('2028-02-29')).toBeTypeOf('number')
  })
})

test('环比 wording', () => {
  expect(describeChange(9, 8)).toBe('环比上升12.5%')
  expect(describeChange(6, 8)).toBe('环比下降25.0%')
  expect(describeChange(8, 8)).toBe('环比持平')
  expect(describeChange(3, 0)).toBe('上期为零')
})
