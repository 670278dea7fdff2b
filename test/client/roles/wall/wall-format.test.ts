import { describe, expect, test } from 'vitest'
import {
  beijingClock,
  feedIssueNo,
  feedTime,
  formatCount,
  formatDuration,
  formatRate,
  freshnessText,
  rankingRows,
  shortUnitName,
} from '../../../../client/roles/wall/wall-format.ts'

describe('wall formatting', () => {
  test('the clock is Beijing time whatever the machine zone (UTC 23:05 is 07:05 the next day)', () => {
    expect(beijingClock(new Date('2026-05-19T23:05:09Z'))).toEqual({
      date: '2026年05月20日',
      weekday: '星期三',
      time: '07:05:09',
    })
  })

  test('a feed time is the time of day today, and carries the date on another day', () => {
    const now = new Date('2026-05-20T08:00:00Z') // 16:00 in Beijing
    expect(feedTime('2026-05-20T07:59:30Z', now)).toBe('15:59:30')
    expect(feedTime('2026-05-19T01:02:03Z', now)).toBe('5/19 09:02')
    expect(feedTime('not a time', now)).toBe('')
  })

  test.each([
    [0.8734, '87.3%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [0.99951, '100.0%'],
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
  ])('rate %s reads %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text)
  })

  test('counts carry thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(0)).toBe('0')
    expect(formatCount(undefined)).toBe('—')
  })

  test.each([
    [{ state: 'live' } as const, '实时'],
    [{ state: 'connecting' } as const, '正在连接…'],
    [{ state: 'stale', seconds: 42.9 } as const, '数据可能已过期：与服务器断开 42 秒'],
    [{ state: 'stale', seconds: 125 } as const, '数据可能已过期：与服务器断开 2 分 5 秒'],
    [{ state: 'stale', seconds: -3 } as const, '数据可能已过期：与服务器断开 0 秒'],
  ])('freshness %j reads %s', (freshness, text) => {
    expect(freshnessText(freshness)).toBe(text)
  })

  test('long outages are told in hours and minutes', () => {
    expect(formatDuration(7260)).toBe('2 小时 1 分')
  })

  test('a closure-rate ranking shows the rate, with the overdue count beside it', () => {
    const rows = rankingRows(
      [{ rank: 1, code: '532927101', value: 0.9725, tally: { closureRate: 0.9725, overdue: 3 } }],
      'closureRate',
      (code) => ({ '532927101': '南诏镇' })[code],
    )
    expect(rows).toEqual([
      { rank: 1, code: '532927101', name: '南诏镇', value: '97.3%', detail: '逾期 3 件' },
    ])
  })

  test('an overdue ranking shows the count; a name sent by the server wins over the lookup', () => {
    const rows = rankingRows(
      [{ rank: 2, code: 'housing', name: '县住建局', value: 44, tally: { closureRate: 0.5 } }],
      'overdue',
      () => '县住房和城乡建设局',
    )
    expect(rows[0]).toMatchObject({ name: '县住建局', value: '44 件', detail: '办结率 50.0%' })
  })

  test('a row without any name shows its code', () => {
    expect(
      rankingRows([{ rank: 1, code: 'x-unit', value: 1 }], 'overdue', () => undefined)[0]?.name,
    ).toBe('x-unit')
  })

  test.each([
    ['housing', '县住房和城乡建设局', '县住建局'],
    ['traffic-police', '县公安局交警大队', '县交警大队'],
    ['township-532927201', '紫金乡人民政府', '紫金乡政府'],
    ['new-unit', '县新设单位', '县新设单位'],
    ['new-unit', undefined, undefined],
  ])('unit %s (%s) is short: %s', (code, name, short) => {
    expect(shortUnitName(code, name)).toBe(short)
  })
})

describe('feedIssueNo', () => {
  const now = new Date('2026-12-31T15:00:00Z') // 23:00 on 31 December in Beijing
  test.each([
    ['2026-000123', '000123'], // this Beijing year: the title bar shows it
    ['2025-000123', '2025-000123'],
    ['2027-000001', '2027-000001'],
    [undefined, ''],
    ['issue-02601', ''], // not a number: the feed shows none rather than an id
  ])('%s reads %s in the feed', (issueNo, shown) => {
    expect(feedIssueNo(issueNo, now)).toBe(shown)
  })

  test('the year turns in Beijing, not in UTC', () => {
    const newYearInBeijing = new Date('2026-12-31T16:30:00Z') // 00:30 on 1 January 2027
    expect(feedIssueNo('2027-000001', newYearInBeijing)).toBe('000001')
    expect(feedIssueNo('2026-000123', newYearInBeijing)).toBe('2026-000123')
  })
})
