// An issue's history: each event's effect on the state, the events that do not fit, and replaying
// random valid histories (seeded) — the invariants hold at every step and replay gives the same state.
import { describe, expect, test } from 'vitest'
import {
  actionsFrom,
  applyEvent,
  InvalidTransition,
  type IssueAction,
  type IssueProperties,
  type IssueState,
  type IssueStatus,
  issueActions,
  issueStatuses,
  issueTransitions,
  type NewIssueEvent,
  replay,
  toTransitionEvent,
} from '../../server/domain/issue.ts'
import { mulberry32 } from '../builders.ts'

const actor = { username: 'admin', displayName: '管理员', role: 'admin' }

function reportEvent(overrides: Partial<IssueProperties> = {}): NewIssueEvent {
  const properties: IssueProperties = {
    category: 'graffiti',
    description: '墙面乱涂（示例）',
    status: 'pending',
    reportedAt: '2026-11-20T02:00:00Z',
    updatedAt: '2026-11-20T02:00:00Z',
    deadlineAt: '2026-11-23T02:00:00Z',
    responsibleUnit: 'urban-management',
    gridCode: '532927101001002',
    townshipCode: '532927101',
    synthetic: false,
    ...overrides,
  }
  return {
    issueId: 'issue-1',
    at: properties.reportedAt,
    actor: 'inspector',
    actorName: '督导员',
    role: 'inspector',
    action: 'report',
    to: properties.status,
    changes: { ...properties, lngLat: [100.30603, 25.230114] },
  }
}

const stateIn = (status: IssueStatus): IssueState =>
  applyEvent(
    undefined,
    reportEvent({ status, ...(status === 'closed' ? { closedAt: '2026-11-21T00:00:00Z' } : {}) }),
  )

const transition = (
  state: IssueState,
  action: IssueAction,
  at = '2026-11-22T00:00:00Z',
  note?: string,
) =>
  toTransitionEvent(
    state,
    { action, note, responsibleUnit: 'housing', deadlineAt: '2026-12-01T00:00:00Z' },
    actor,
    at,
  )

describe('applyEvent', () => {
  test('a report creates version 1 with the reported properties and position', () => {
    const state = applyEvent(undefined, reportEvent())
    expect(state).toMatchObject({ id: 'issue-1', version: 1, lngLat: [100.30603, 25.230114] })
    expect(state.properties.status).toBe('pending')
    expect(state.properties).not.toHaveProperty('lngLat')
  })

  test('assign sets status, unit, deadline, updatedAt and a default note, and bumps the version', () => {
    const next = applyEvent(
      stateIn('pending'),
      transition(stateIn('pending'), 'assign', '2026-11-22T01:00:00Z'),
    )
    expect(next.version).toBe(2)
    expect(next.properties).toMatchObject({
      status: 'fixing',
      responsibleUnit: 'housing',
      deadlineAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-11-22T01:00:00Z',
      statusNotes: '已交办，责任单位整改中',
    })
  })

  test('reviewing → closed sets closedAt; reopening removes it', () => {
    const closed = applyEvent(
      stateIn('reviewing'),
      transition(stateIn('reviewing'), 'approve', '2026-11-22T03:00:00Z'),
    )
    expect(closed.properties.closedAt).toBe('2026-11-22T03:00:00Z')
    const reopened = applyEvent(
      closed,
      transition(closed, 'reopen', '2026-11-23T00:00:00Z', '复查发现反弹'),
    )
    expect(reopened.properties.status).toBe('fixing')
    expect(reopened.properties).not.toHaveProperty('closedAt')
    expect(reopened.properties.statusNotes).toBe('复查发现反弹')
  })

  test('a note changes updatedAt only, not the version or status', () => {
    const state = stateIn('fixing')
    const next = applyEvent(state, {
      ...reportEvent(),
      action: 'note',
      at: '2026-11-22T05:00:00Z',
      note: '已电话督促',
      to: undefined,
      changes: undefined,
    })
    expect(next.version).toBe(state.version)
    expect(next.properties).toEqual({ ...state.properties, updatedAt: '2026-11-22T05:00:00Z' })
  })

  const mismatches = issueStatuses.flatMap((status) =>
    issueActions
      .filter((a) => issueTransitions[a].from !== status)
      .map((action) => ({ status, action })),
  )
  test.each(mismatches)(
    '$action on a $status issue throws InvalidTransition',
    ({ status, action }) => {
      const state = stateIn(status)
      const { from, to } = issueTransitions[action]
      const event: NewIssueEvent = {
        ...transition(stateIn(from), action),
        issueId: state.id,
        from,
        to,
      }
      expect(() => applyEvent(state, event)).toThrow(InvalidTransition)
      expect(() => transition(state, action)).toThrow(InvalidTransition)
    },
  )

  test('a second report, or a transition before any report, throws', () => {
    expect(() => applyEvent(stateIn('pending'), reportEvent())).toThrow(InvalidTransition)
    expect(() => applyEvent(undefined, transition(stateIn('pending'), 'assign'))).toThrow(
      InvalidTransition,
    )
  })

  test('an event whose from/to disagree with the table is rejected', () => {
    const state = stateIn('pending')
    expect(() => applyEvent(state, { ...transition(state, 'assign'), to: 'closed' })).toThrow(
      InvalidTransition,
    )
  })

  test('an event for another issue is rejected', () => {
    const state = stateIn('pending')
    expect(() => applyEvent(state, { ...transition(state, 'assign'), issueId: 'issue-2' })).toThrow(
      InvalidTransition,
    )
  })
})

describe('replay', () => {
  test('an empty history has no state', () => {
    expect(() => replay([])).toThrow(InvalidTransition)
  })

  // 200 seeded random walks through the lifecycle, with notes in between
  test.each(Array.from({ length: 200 }, (_, i) => i + 1))(
    'random valid history #%i replays to the state it built',
    (seed) => {
      const random = mulberry32(seed)
      const events: NewIssueEvent[] = [reportEvent()]
      let state = applyEvent(undefined, events[0] as NewIssueEvent)
      let transitions = 0
      let ms = Date.parse('2026-11-20T02:00:00Z')
      const steps = 1 + Math.floor(random() * 25)
      for (let i = 0; i < steps; i++) {
        ms += Math.floor(random() * 86_400_000)
        const at = new Date(ms).toISOString()
        const possible = actionsFrom(state.properties.status)
        let event: NewIssueEvent
        if (random() < 0.2) {
          event = {
            issueId: state.id,
            at,
            ...{ actor: 'inspector', actorName: '督导员', role: 'inspector' },
            action: 'note',
            note: `备注 ${i}`,
          }
        } else {
          const action = possible[Math.floor(random() * possible.length)] as IssueAction
          event = transition(state, action, at, random() < 0.5 ? `说明 ${i}` : undefined)
          transitions++
        }
        events.push(event)
        state = applyEvent(state, event)
        // invariants after every step
        expect(state.version).toBe(1 + transitions)
        expect(state.properties.updatedAt).toBe(at)
        expect('closedAt' in state.properties).toBe(state.properties.status === 'closed')
      }
      expect(replay(events)).toEqual(state)
    },
  )
})
