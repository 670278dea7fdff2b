import { describe, expect, test } from 'vitest'
import { localDayStartMs, toLocalDate, toLocalDay } from '../../server/analytics/local-day.ts'

describe('local days in Asia/Shanghai', () => {
  test.each([
    ['2026-11-21T15:59:59.999Z', '2026-11-21'],
    ['2026-11-21T16:00:00Z', '2026-11-22'],
    ['2026-11-21T16:30:00Z', '2026-11-22'],
    ['2026-11-22T15:59:59Z', '2026-11-22'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['1969-12-31T20:00:00Z', '1970-01-01'],
  ])('%s falls on %s', (iso, date) => {
    expect(toLocalDate(toLocalDay(Date.parse(iso)))).toBe(date)
  })

  test('a local day starts at 16:00 UTC the day before', () => {
    const day = toLocalDay(Date.parse('2026-11-22T04:00:00Z'))
    expect(new Date(localDayStartMs(day)).toISOString()).toBe('2026-11-21T16:00:00.000Z')
  })

  test('an offset of 0 gives UTC dates', () => {
    expect(toLocalDate(toLocalDay(Date.parse('2026-11-21T16:30:00Z'), 0))).toBe('2026-11-21')
  })
})
