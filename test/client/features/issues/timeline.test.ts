import { describe, expect, test } from 'vitest'
import type { Attachment, IssueEvent } from '../../../../client/features/issues/api.ts'
import {
  beforeAfterPhotos,
  looseAttachments,
  toTimeline,
} from '../../../../client/features/issues/timeline.ts'
import { roleLabels } from '../../../../server/domain/labels-zh.ts'

function buildEvent(overrides: Partial<IssueEvent> = {}): IssueEvent {
  return {
    seq: 1,
    issueId: 'issue-02601',
    at: '2026-11-23T02:05:00Z',
    actor: 'inspector',
    actorName: '李督导',
    role: 'inspector',
    action: 'report',
    to: 'pending',
    ...overrides,
  }
}

function buildAttachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: 'att-1',
    issueId: 'issue-02601',
    contentType: 'image/png',
    bytes: 1234,
    createdAt: '2026-11-23T03:00:00Z',
    url: '/api/attachments/att-1',
    ...overrides,
  }
}

const names = {
  role: (role: string) => (roleLabels as Record<string, string>)[role],
  unit: (code: string) => ({ 'urban-management': '县城市管理局' })[code],
}

describe('the issue timeline', () => {
  test('an assignment reads who, when in Beijing time, from → to, unit and deadline', () => {
    const [entry] = toTimeline(
      [
        buildEvent({
          action: 'assign',
          actor: 'grid-nanzhao',
          actorName: '南诏镇网格长',
          role: 'grid-manager',
          from: 'pending',
          to: 'fixing',
          at: '2026-11-23T16:30:00Z',
          note: '请于周五前清理',
          changes: { responsibleUnit: 'urban-management', deadlineAt: '2026-11-27T10:00:00Z' },
        }),
      ],
      [],
      names,
    )
    expect(entry).toMatchObject({
      title: '交办',
      tone: 'progress',
      who: '南诏镇网格长（网格长）',
      at: '2026-11-24 00:30',
      transition: '待交办 → 整改中',
      note: '请于周五前清理',
      details: ['责任单位：县城市管理局', '整改期限：2026-11-27 18:00'],
    })
  })

  test('events come oldest first, by sequence', () => {
    const titles = toTimeline(
      [
        buildEvent({ seq: 9, action: 'approve', from: 'reviewing', to: 'closed' }),
        buildEvent({ seq: 2, action: 'report' }),
        buildEvent({ seq: 5, action: 'rectify', from: 'fixing', to: 'reviewing' }),
      ],
      [],
      names,
    ).map((e) => e.title)
    expect(titles).toEqual(['上报', '整改上报', '复查通过（销号）'])
  })

  test('a report lists no unit or deadline: those are only proposals until 交办', () => {
    const [entry] = toTimeline(
      [buildEvent({ changes: { responsibleUnit: 'urban-management', deadlineAt: 'x' } })],
      [],
      names,
    )
    expect(entry?.details).toEqual([])
    expect(entry?.transition).toBeUndefined()
  })

  test('photos go with the event that names them; the rest are loose', () => {
    const events = [
      buildEvent({ seq: 1 }),
      buildEvent({ seq: 2, action: 'rectify', attachmentIds: ['att-2', 'att-missing'] }),
    ]
    const attachments = [buildAttachment({ id: 'att-1' }), buildAttachment({ id: 'att-2' })]
    const timeline = toTimeline(events, attachments, names)
    expect(timeline[1]?.photos.map((p) => p.id)).toEqual(['att-2'])
    expect(looseAttachments(events, attachments).map((a) => a.id)).toEqual(['att-1'])
  })

  test('an unknown role or action shows as sent; a missing name falls back to the username', () => {
    const [entry] = toTimeline(
      [buildEvent({ action: 'escalate', role: 'mayor', actorName: '' })],
      [],
      names,
    )
    expect(entry).toMatchObject({ title: 'escalate', who: 'inspector（mayor）', tone: 'note' })
  })

  test('a role the names hide (the demo data’s system actor) leaves just the name', () => {
    const [entry] = toTimeline(
      [buildEvent({ action: 'import', actor: 'system', actorName: '系统', role: 'system' })],
      [],
      { role: (role) => (role === 'system' ? '' : role) },
    )
    expect(entry?.who).toBe('系统')
  })

  test('a blank note is no note', () => {
    const [entry] = toTimeline([buildEvent({ action: 'note', note: '  \n ' })], [], names)
    expect(entry?.note).toBeUndefined()
  })
})

describe('beforeAfterPhotos (整改前后对比)', () => {
  const reportAt = '2026-11-23T02:05:00Z'
  const rectifyAt = '2026-11-24T06:00:00Z'

  test('none until the issue has been rectified', () => {
    expect(beforeAfterPhotos([buildEvent()], [buildAttachment()])).toBeUndefined()
  })

  test("the report's loose photos and earlier notes' photos are before; the latest rectify's are after", () => {
    const events = [
      buildEvent({ seq: 1, at: reportAt }),
      buildEvent({ seq: 2, action: 'note', attachmentIds: ['att-note'] }),
      buildEvent({
        seq: 3,
        action: 'rectify',
        at: '2026-11-23T09:00:00Z',
        attachmentIds: ['att-r1'],
      }),
      buildEvent({ seq: 4, action: 'reject' }),
      buildEvent({ seq: 5, action: 'rectify', at: rectifyAt, attachmentIds: ['att-r2'] }),
    ]
    const attachments = [
      buildAttachment({ id: 'att-report', createdAt: reportAt }),
      buildAttachment({ id: 'att-note' }),
      buildAttachment({ id: 'att-r1' }),
      buildAttachment({ id: 'att-r2', createdAt: rectifyAt }),
      buildAttachment({ id: 'att-later', createdAt: '2026-11-25T00:00:00Z' }), // after the rectify
    ]
    const compared = beforeAfterPhotos(events, attachments)
    expect(compared?.before.map((a) => a.id)).toEqual(['att-report', 'att-note', 'att-r1'])
    expect(compared?.after.map((a) => a.id)).toEqual(['att-r2'])
  })
})
