// Who may do what: every role × action × (own issue | someone else's), and every status × action.
// The expectations are written out here, not derived from roles.ts, so a change there shows up.
import { describe, expect, test } from 'vitest'
import {
  actionsFrom,
  type IssueAction,
  type IssueStatus,
  issueActions,
  issueStatuses,
} from '../../server/domain/issue.ts'
import {
  allowedActions,
  can,
  hasPermission,
  type IssueScope,
  mayCreateUnit,
  ownIssueFilter,
  permissions,
  type Role,
  roles,
  type User,
} from '../../server/domain/roles.ts'

type Who = 'anyone' | 'own' | 'no' // 'own': only issues of the user's unit or grids
type Action = IssueAction | 'note'

// ledger-api.md: the transition table and who owns each action
const expected: Record<Action, Record<Role, Who>> = {
  assign: {
    commander: 'no',
    inspector: 'no',
    'unit-operator': 'no',
    'grid-manager': 'own',
    'grid-member': 'no',
    planner: 'no',
    admin: 'anyone',
    display: 'no',
  },
  rectify: {
    commander: 'no',
    inspector: 'no',
    'unit-operator': 'own',
    'grid-manager': 'no',
    'grid-member': 'own',
    planner: 'no',
    admin: 'anyone',
    display: 'no',
  },
  approve: {
    commander: 'no',
    inspector: 'anyone',
    'unit-operator': 'no',
    'grid-manager': 'no',
    'grid-member': 'no',
    planner: 'no',
    admin: 'anyone',
    display: 'no',
  },
  reject: {
    commander: 'no',
    inspector: 'anyone',
    'unit-operator': 'no',
    'grid-manager': 'no',
    'grid-member': 'no',
    planner: 'no',
    admin: 'anyone',
    display: 'no',
  },
  reopen: {
    commander: 'no',
    inspector: 'no',
    'unit-operator': 'no',
    'grid-manager': 'no',
    'grid-member': 'no',
    planner: 'no',
    admin: 'anyone',
    display: 'no',
  },
  note: {
    commander: 'no',
    inspector: 'anyone',
    'unit-operator': 'own',
    'grid-manager': 'own',
    'grid-member': 'own',
    planner: 'no',
    admin: 'anyone',
    display: 'no',
  },
}

const userOf = (role: Role): User => ({
  username: role,
  displayName: role,
  role,
  ...(role === 'unit-operator' ? { unitCode: 'urban-management' } : {}),
  ...(role === 'grid-manager' || role === 'grid-member'
    ? { gridCodes: ['532927101001002', '532927101001003'] }
    : {}),
})
const ownIssue: IssueScope = { responsibleUnit: 'urban-management', gridCode: '532927101001002' }
const otherIssue: IssueScope = { responsibleUnit: 'housing', gridCode: '532927102201001' }

const pairs = (Object.keys(expected) as Action[]).flatMap((action) =>
  roles.flatMap((role) =>
    (['own', 'other'] as const).map((whose) => {
      const who = expected[action][role]
      const allowed = who === 'anyone' || (who === 'own' && whose === 'own')
      return { action, role, whose, allowed }
    }),
  ),
)

describe('can(user, action, issue)', () => {
  test('the table covers every role and every action', () => {
    expect(pairs).toHaveLength((issueActions.length + 1) * roles.length * 2)
  })

  test.each(pairs)(
    '$role $action on $whose issue → $allowed',
    ({ action, role, whose, allowed }) => {
      expect(can(userOf(role), action, whose === 'own' ? ownIssue : otherIssue)).toBe(allowed)
    },
  )

  test('nobody signed in may do anything', () => {
    for (const action of [...issueActions, 'note'] as const)
      expect(can(undefined, action, ownIssue)).toBe(false)
  })

  test('a unit operator without a unit and a grid manager or member without grids own nothing', () => {
    expect(can({ username: 'm', displayName: 'm', role: 'grid-member' }, 'rectify', ownIssue)).toBe(
      false,
    )
    expect(
      can({ username: 'u', displayName: 'u', role: 'unit-operator' }, 'rectify', ownIssue),
    ).toBe(false)
    expect(can({ username: 'g', displayName: 'g', role: 'grid-manager' }, 'assign', ownIssue)).toBe(
      false,
    )
  })
})

describe('permissions', () => {
  const expectedPermissions: Record<Role, string[]> = {
    commander: ['document_draft', 'document_issue', 'accountability_record'],
    inspector: [
      'issue_report',
      'issue_review',
      'issue_note',
      'ledger_import',
      'round_edit',
      'document_draft',
      'document_issue',
      'issue_urge',
      'checkpoint_inspect',
      'material_review',
      'survey_edit',
      'department_evaluation_record',
    ],
    'unit-operator': [
      'issue_rectify',
      'issue_note',
      'notice_receive',
      'checkpoint_inspect',
      'material_submit',
    ],
    'grid-manager': ['issue_assign', 'issue_note', 'grid_admin'],
    'grid-member': ['issue_report', 'issue_rectify', 'issue_note'],
    planner: ['checkpoint_import', 'plan_edit'],
    admin: permissions.filter((p) => p !== 'notice_receive'),
    display: [],
  }
  test.each(roles)('%s has exactly its permissions', (role) => {
    const has = permissions.filter((p) => hasPermission(userOf(role), p))
    expect(has).toEqual(expectedPermissions[role])
  })

  test('the display role can never write, and the commander never writes the ledger', () => {
    expect(permissions.some((p) => hasPermission(userOf('display'), p))).toBe(false)
    const ledgerWrites = permissions.filter((p) => p.startsWith('issue_') || p === 'ledger_import')
    expect(ledgerWrites.some((p) => hasPermission(userOf('commander'), p))).toBe(false)
  })
})

describe('mayCreateUnit: a new unit is county-wide', () => {
  test('grid administrators but not a 网格长, and nobody without grid_admin', () => {
    const may = roles.filter((role) => mayCreateUnit({ role }))
    expect(may).toEqual(
      roles.filter((r) => hasPermission({ role: r }, 'grid_admin') && r !== 'grid-manager'),
    )
    expect(may).toContain('admin')
    expect(may).not.toContain('grid-manager')
    expect(mayCreateUnit(null)).toBe(false)
  })
})

describe('transition table', () => {
  const allowedFrom: Record<IssueStatus, IssueAction[]> = {
    pending: ['assign'],
    fixing: ['rectify'],
    reviewing: ['approve', 'reject'],
    closed: ['reopen'],
  }
  const statusActionPairs = issueStatuses.flatMap((status) =>
    issueActions.map((action) => ({
      status,
      action,
      allowed: allowedFrom[status].includes(action),
    })),
  )
  test.each(statusActionPairs)('$status + $action → $allowed', ({ status, action, allowed }) => {
    expect(actionsFrom(status).includes(action)).toBe(allowed)
  })
})

describe('allowedActions(user, issue): transitions the status allows that the user may make, then note, then 催办', () => {
  test.each([
    ['admin', 'reviewing', 'own', ['approve', 'reject', 'note']],
    ['admin', 'closed', 'other', ['reopen', 'note']],
    ['inspector', 'reviewing', 'other', ['approve', 'reject', 'note']],
    ['inspector', 'fixing', 'own', ['note', 'urge']],
    ['unit-operator', 'fixing', 'own', ['rectify', 'note']],
    ['unit-operator', 'fixing', 'other', []],
    ['grid-manager', 'pending', 'own', ['assign', 'note']],
    ['grid-manager', 'pending', 'other', []],
    ['commander', 'reviewing', 'own', []],
    ['planner', 'pending', 'own', []],
    ['display', 'closed', 'own', []],
  ] as const)('%s on a %s issue (%s) → %j', (role, status, whose, actions) => {
    const issue = { ...(whose === 'own' ? ownIssue : otherIssue), status }
    expect(allowedActions(userOf(role), issue)).toEqual(actions)
  })

  test('an anonymous caller is allowed nothing', () => {
    expect(allowedActions(undefined, { ...ownIssue, status: 'pending' })).toEqual([])
  })
})

describe('ownIssueFilter (我的任务)', () => {
  test.each([
    ['unit-operator', { responsibleUnit: 'urban-management' }],
    ['grid-manager', { gridCodes: ['532927101001002', '532927101001003'] }],
    ['grid-member', { gridCodes: ['532927101001002', '532927101001003'] }],
    ['inspector', undefined],
    ['admin', undefined],
  ] as const)('%s → %j', (role, filter) => {
    expect(ownIssueFilter(userOf(role))).toEqual(filter)
  })
})
