import { describe, expect, test } from 'vitest'
import {
  fromExcelSerial,
  fromShanghaiWallDate,
  fromShanghaiWallTime,
  toShanghaiText,
  toShanghaiWallDate,
} from '../../server/exchange/shanghai-time.ts'

describe('Asia/Shanghai wall time', () => {
  test.each([
    ['2026-11-01T02:00:00Z', '2026-11-01 10:00:00'],
    ['2026-11-30T17:30:00Z', '2026-12-01 01:30:00'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01 00:00:00'],
  ])('%s is %s in Beijing', (iso, text) => {
    expect(toShanghaiText(iso)).toBe(text)
  })

  test('an invalid instant has no wall time', () => {
    expect(toShanghaiText('yesterday')).toBeUndefined()
    expect(toShanghaiWallDate('yesterday')).toBeUndefined()
  })

  test('wall dates round-trip to the same instant', () => {
    const iso = '2026-11-20T01:30:15Z'
    const wall = toShanghaiWallDate(iso) as Date
    expect(wall.toISOString()).toBe('2026-11-20T09:30:15.000Z')
    expect(fromShanghaiWallDate(wall)).toBe(iso)
  })

  test('a date cell read back a millisecond short still gives the whole second', () => {
    expect(fromShanghaiWallDate(new Date('2026-11-20T09:29:59.999Z'))).toBe('2026-11-20T01:30:00Z')
  })

  test.each([
    [46327.416666666664, '2026-11-01T02:00:00Z'], // what write-excel-file writes for 2026-11-01 10:00
    [46346.5, '2026-11-20T04:00:00Z'],
    [46346, '2026-11-19T16:00:00Z'], // midnight in Beijing is 16:00 UTC the day before
  ])('Excel serial %d is %s', (serial, iso) => {
    expect(fromExcelSerial(serial)).toBe(iso)
  })

  test.each([
    [{ year: 2026, month: 2, day: 30, hour: 0, minute: 0, second: 0 }],
    [{ year: 2026, month: 13, day: 1, hour: 0, minute: 0, second: 0 }],
    [{ year: 2026, month: 11, day: 20, hour: 24, minute: 0, second: 0 }],
    [{ year: 2026, month: 11, day: 20, hour: 9, minute: 60, second: 0 }],
  ])('%j is no real time', (fields) => {
    expect(fromShanghaiWallTime(fields)).toBeUndefined()
  })

  test('a wall time at another offset', () => {
    const t = { year: 2026, month: 11, day: 20, hour: 9, minute: 30, second: 0 }
    expect(fromShanghaiWallTime(t)).toBe('2026-11-20T01:30:00Z')
    expect(fromShanghaiWallTime(t, 0)).toBe('2026-11-20T09:30:00Z')
    expect(fromShanghaiWallTime(t, -300)).toBe('2026-11-20T14:30:00Z')
  })
})
