import { describe, expect, test } from 'vitest'
import {
  type FeedEvent,
  feedCap,
  feedTone,
  mergeFeed,
  parseStreamEvent,
  toFeedEvent,
} from '../../../../client/roles/wall/live-feed.ts'

function event(seq: number, overrides: Partial<FeedEvent> = {}): FeedEvent {
  return {
    seq,
    issueId: `issue-${seq}`,
    at: '2026-05-20T06:00:00.000Z',
    action: 'note',
    ...overrides,
  }
}

describe('the live feed', () => {
  test('puts the newest first, whatever order events arrive in', () => {
    const feed = mergeFeed([event(2), event(5)], [event(4), event(9), event(1)])
    expect(feed.map((e) => e.seq)).toEqual([9, 5, 4, 2, 1])
  })

  test('keeps one row per seq, the later copy winning (a replay after a reconnect)', () => {
    const feed = mergeFeed(
      [event(3, { category: undefined })],
      [event(3, { category: 'graffiti' })],
    )
    expect(feed).toEqual([event(3, { category: 'graffiti' })])
  })

  test('never holds more than its cap, however many events come', () => {
    let feed: FeedEvent[] = []
    for (let seq = 1; seq <= 1000; seq++) feed = mergeFeed(feed, [event(seq)])
    expect(feed).toHaveLength(feedCap)
    expect(feed[0]?.seq).toBe(1000)
    expect(feed.at(-1)?.seq).toBe(1000 - feedCap + 1)
  })

  test('a cap of 0 or less gives an empty feed', () => {
    expect(mergeFeed([event(1)], [event(2)], 0)).toEqual([])
    expect(mergeFeed([event(1)], [event(2)], -3)).toEqual([])
  })

  test('reads a pushed frame: the event plus the issue summary', () => {
    const data = JSON.stringify({
      seq: 42,
      issueId: 'issue-00042',
      at: '2026-05-20T06:00:00.000Z',
      action: 'approve',
      actor: 'inspector',
      issue: { id: 'issue-00042', category: 'exposed-garbage', townshipCode: '532927101' },
    })
    expect(parseStreamEvent(data)).toEqual({
      seq: 42,
      issueId: 'issue-00042',
      at: '2026-05-20T06:00:00.000Z',
      action: 'approve',
      category: 'exposed-garbage',
      townshipCode: '532927101',
      description: undefined,
    })
  })

  test('reads a recent-events row, where category and township are flat (null when unknown)', () => {
    expect(
      toFeedEvent({
        seq: 7,
        issueId: 'issue-7',
        at: '2026-05-20T06:00:00.000Z',
        action: 'report',
        category: 'graffiti',
        townshipCode: null,
        description: '墙面涂鸦',
      }),
    ).toMatchObject({
      seq: 7,
      category: 'graffiti',
      townshipCode: undefined,
      description: '墙面涂鸦',
    })
  })

  test('carries the 问题编号 from a recent row, a pushed summary or a report’s changes; none when absent', () => {
    expect(toFeedEvent({ seq: 11, action: 'report', issueNo: '2026-000123' })?.issueNo).toBe(
      '2026-000123',
    )
    expect(
      parseStreamEvent(
        JSON.stringify({ seq: 12, action: 'assign', issue: { id: 'i-1', issueNo: '2026-000124' } }),
      )?.issueNo,
    ).toBe('2026-000124')
    expect(
      toFeedEvent({ seq: 13, action: 'report', changes: { issueNo: '2026-000125' } })?.issueNo,
    ).toBe('2026-000125')
    expect(toFeedEvent({ seq: 14, action: 'note', issueNo: null })).not.toHaveProperty('issueNo')
  })

  test('carries the issue source (问题来源) from a recent row or a report event’s changes', () => {
    expect(toFeedEvent({ seq: 8, action: 'report', source: 'undercover' })?.source).toBe(
      'undercover',
    )
    expect(
      toFeedEvent({ seq: 9, action: 'report', changes: { source: 'public-report' } })?.source,
    ).toBe('public-report')
    expect(toFeedEvent({ seq: 10, action: 'note', source: null })).not.toHaveProperty('source')
  })

  test.each(['not json', '{}', '{"seq":"x","action":"note"}', '{"seq":1}', 'null', '[1,2]'])(
    'ignores an unusable frame: %s',
    (data) => {
      expect(parseStreamEvent(data)).toBeUndefined()
    },
  )

  test.each([
    ['report', 'found'],
    ['import', 'found'],
    ['assign', 'progress'],
    ['rectify', 'progress'],
    ['approve', 'closed'],
    ['reject', 'back'],
    ['reopen', 'back'],
    ['note', 'quiet'],
  ])('colours %s as %s', (action, tone) => {
    expect(feedTone(action)).toBe(tone)
  })
})
