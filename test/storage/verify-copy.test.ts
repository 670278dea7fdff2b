import { describe, expect, test } from 'vitest'
import type { NewIssueEvent } from '../../server/domain/issue.ts'
import { applyEvent } from '../../server/domain/issue.ts'
import { countMismatches, replayMismatch } from '../../server/storage/verify-copy.ts'

const report: NewIssueEvent = {
  issueId: 'issue-1',
  at: '2026-05-01T02:00:00Z',
  actor: 'inspector',
  actorName: '督查员',
  role: 'inspector',
  action: 'report',
  changes: {
    lngLat: [100.3, 25.2],
    status: 'reported',
    category: 'exposed-garbage',
    reportedAt: '2026-05-01T02:00:00Z',
    updatedAt: '2026-05-01T02:00:00Z',
  } as never,
}

describe('verify-copy', () => {
  test('counts that differ are named with both numbers; equal ones are not', () => {
    const source = new Map([
      ['features', 3],
      ['users', 2],
    ])
    expect(countMismatches(source, new Map([['features', 3]]))).toEqual([
      'users：源 2 行，目标 0 行',
    ])
    expect(countMismatches(source, new Map(source))).toEqual([])
  })

  test('a stored state equal to its replayed history passes, whatever the key order', () => {
    const state = applyEvent(undefined, report)
    const reordered = {
      properties: state.properties,
      lngLat: state.lngLat,
      version: 1,
      id: state.id,
    }
    expect(replayMismatch('issue-1', reordered, [report])).toBeUndefined()
  })

  test('a state that differs from its history, a missing issue and a broken history are reported', () => {
    const state = applyEvent(undefined, report)
    const changed = { ...state, version: 2 }
    expect(replayMismatch('issue-1', changed, [report])).toMatch(
      /重放历史得到的状态与保存的状态不同/,
    )
    expect(replayMismatch('issue-1', undefined, [report])).toMatch(/没有该问题/)
    expect(replayMismatch('issue-1', state, [])).toMatch(/历史无法重放/)
  })
})
