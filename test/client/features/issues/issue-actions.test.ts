import { describe, expect, test } from 'vitest'
import {
  type ActionForm,
  actionButtons,
  conflictMessage,
  deadlineHint,
  defaultDeadline,
  hasErrors,
  maxPhotoBytes,
  photoProblem,
  type ReportDraft,
  toFieldErrors,
  toTransitionRequest,
  validateActionForm,
  validateReport,
} from '../../../../client/features/issues/issue-actions.ts'
import { issueStatuses } from '../../../../server/domain/issue.ts'
import { allowedActions, roles, type User } from '../../../../server/domain/roles.ts'

function buildForm(overrides: Partial<ActionForm> = {}): ActionForm {
  return { note: '', responsibleUnit: '', deadlineAt: '', photos: [], ...overrides }
}

function buildDraft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    lngLat: [100.306, 25.23],
    category: 'exposed-garbage',
    description: '文华路垃圾桶满溢',
    photos: [],
    ...overrides,
  }
}

const png = (size = 2048) => ({ name: 'fix.png', type: 'image/png', size })
const now = new Date('2026-11-23T02:00:00Z') // 10:00 Beijing time

describe('action buttons follow what the server allows this user', () => {
  // every (role, status) pair the server's rules can produce: no allowed action is dropped
  test.each(roles.flatMap((role) => issueStatuses.map((status) => [role, status] as const)))(
    '%s on a %s issue of their own sees a button for every allowed action',
    (role, status) => {
      const user: User = {
        username: 'u',
        displayName: 'u',
        role,
        unitCode: 'urban-management',
        gridCodes: ['532927101001001'],
      }
      const allowed = allowedActions(user, {
        status,
        responsibleUnit: 'urban-management',
        gridCode: '532927101001001',
      })
      expect(actionButtons(allowed).map((b) => b.action)).toEqual(allowed)
    },
  )

  test.each<[string, string[], string[]]>([
    ['a visitor or the commander: nothing', [], []],
    ['grid manager on a pending issue of their grid', ['assign', 'note'], ['交办', '添加备注']],
    ['unit operator on their unit’s issue', ['rectify', 'note'], ['整改上报', '添加备注']],
    [
      'inspector on an issue under review',
      ['approve', 'reject', 'note'],
      ['复查通过（销号）', '复查不通过', '添加备注'],
    ],
    ['admin on a closed issue', ['reopen', 'note'], ['重新打开', '添加备注']],
  ])('%s', (_who, allowed, labels) => {
    expect(actionButtons(allowed).map((b) => b.label)).toEqual(labels)
  })

  test('buttons come in workflow order whatever order the server lists them in', () => {
    expect(actionButtons(['note', 'reject', 'approve']).map((b) => b.action)).toEqual([
      'approve',
      'reject',
      'note',
    ])
  })

  test('an action the client does not know is not shown', () => {
    expect(actionButtons(['delete', 'approve']).map((b) => b.action)).toEqual(['approve'])
  })

  test('sending an issue back is styled as a warning', () => {
    const tones = Object.fromEntries(
      actionButtons(['approve', 'reject']).map((b) => [b.action, b.tone]),
    )
    expect(tones).toEqual({ approve: 'primary', reject: 'danger' })
  })
})

describe('action forms are checked before they are sent', () => {
  test.each<[string, Parameters<typeof validateActionForm>[0], Partial<ActionForm>, object]>([
    ['approve needs nothing', 'approve', {}, {}],
    ['rectify needs a note', 'rectify', {}, { note: '请填写整改情况说明。' }],
    ['a blank note is no note', 'reject', { note: '   ' }, { note: '请填写复查不通过的原因。' }],
    ['reopen needs a reason', 'reopen', {}, { note: '请填写重新打开的原因。' }],
    [
      'assign needs a unit and a deadline',
      'assign',
      {},
      { responsibleUnit: '请选择责任单位。', deadlineAt: '请填写整改期限。' },
    ],
    [
      'a deadline in the past is refused',
      'assign',
      { responsibleUnit: 'housing', deadlineAt: '2026-11-23T09:59' },
      { deadlineAt: '整改期限必须晚于当前时间。' },
    ],
    [
      'a deadline a minute ahead (Beijing time) is fine',
      'assign',
      { responsibleUnit: 'housing', deadlineAt: '2026-11-23T10:01' },
      {},
    ],
    [
      'an overlong note is refused',
      'approve',
      { note: '好'.repeat(2001) },
      { note: '说明不能超过 2000 字。' },
    ],
    [
      'a photo that is not an image is refused',
      'rectify',
      { note: '已清理', photos: [{ name: 'a.pdf', type: 'application/pdf', size: 10 }] },
      { photos: '“a.pdf”不是 JPG、PNG 或 WebP 图片，请换一张。' },
    ],
  ])('%s', (_name, action, form, errors) => {
    expect(validateActionForm(action, buildForm(form), now)).toEqual(errors)
  })

  test('assign sends the unit and the deadline as a UTC instant, with the version', () => {
    const form = buildForm({
      responsibleUnit: 'urban-management',
      deadlineAt: '2026-11-26T18:00',
      note: '  请尽快清理  ',
    })
    expect(toTransitionRequest('assign', form, 4)).toEqual({
      action: 'assign',
      version: 4,
      note: '请尽快清理',
      responsibleUnit: 'urban-management',
      deadlineAt: '2026-11-26T10:00:00.000Z',
    })
  })

  test('rectify sends the note and the uploaded photos’ ids', () => {
    expect(
      toTransitionRequest('rectify', buildForm({ note: '已清理', responsibleUnit: 'x' }), 2, [
        'att-1',
      ]),
    ).toEqual({ action: 'rectify', version: 2, note: '已清理', attachmentIds: ['att-1'] })
  })

  test('the default deadline is 18:00 Beijing time a few days ahead', () => {
    expect(defaultDeadline(now, 3)).toBe('2026-11-26T18:00')
    // 16:30 UTC on the 23rd is already 00:30 on the 24th in Beijing: days count from there
    expect(defaultDeadline(new Date('2026-11-23T16:30:00Z'), 1)).toBe('2026-11-25T18:00')
  })
})

test.each([
  ['2026-11-26T18:00', '即北京时间 2026-11-26 18:00（约 3 天后）'],
  ['2026-11-23T15:00', '即北京时间 2026-11-23 15:00（约 5 小时后）'],
  ['2026-11-23T09:00', '即北京时间 2026-11-23 09:00（已过）'],
  ['', '快捷选择：从今天起 1、3 或 7 天后的 18:00'],
])('the deadline %j is spelled out as %s', (local, hint) => {
  expect(deadlineHint(local, now)).toBe(hint)
})

describe('photos', () => {
  test.each([
    [png(), undefined],
    [{ name: 'a.jpg', type: 'image/jpeg', size: maxPhotoBytes }, undefined],
    [{ name: 'a.webp', type: 'image/webp', size: 100 }, undefined],
    [{ name: 'big.jpg', type: 'image/jpeg', size: maxPhotoBytes + 1 }, /超过 5 MB/],
    [{ name: 'a.gif', type: 'image/gif', size: 100 }, /不是 JPG、PNG 或 WebP/],
    [{ name: 'empty.png', type: 'image/png', size: 0 }, /空文件/],
  ])('%o', (file, problem) => {
    const found = photoProblem(file)
    if (problem) expect(found).toMatch(problem)
    else expect(found).toBeUndefined()
  })
})

describe('the 上报问题 form', () => {
  test('a complete draft passes', () => {
    expect(hasErrors(validateReport(buildDraft({ photos: [png()] })))).toBe(false)
  })

  test.each<[string, Partial<ReportDraft>, string, RegExp]>([
    ['no position', { lngLat: undefined }, 'lngLat', /在地图上点击/],
    ['no category', { category: '' }, 'category', /请选择问题类别/],
    ['no description', { description: ' ' }, 'description', /请描述发现的问题/],
    ['a too short description', { description: '垃圾' }, 'description', /至少写 4 个字/],
    ['a too long description', { description: '脏'.repeat(501) }, 'description', /500 字/],
    ['seven photos', { photos: Array.from({ length: 7 }, () => png()) }, 'photos', /最多/],
  ])('%s is refused', (_name, draft, field, message) => {
    const errors = validateReport(buildDraft(draft)) as Record<string, string>
    expect(errors[field]).toMatch(message)
  })
})

describe('server field errors land on the form’s fields', () => {
  test('known fields by name or path, the rest on the form', () => {
    expect(
      toFieldErrors(
        [
          { field: 'deadlineAt', message: '整改期限必须晚于当前时间' },
          { field: 'lngLat.0', message: '经度无效' },
          { field: 'version', message: '版本号缺失' },
          { field: 'lngLat', message: '不在巍山县境内' },
        ],
        ['deadlineAt', 'lngLat'],
      ),
    ).toEqual({
      deadlineAt: '整改期限必须晚于当前时间',
      lngLat: '经度无效 不在巍山县境内',
      form: '版本号缺失',
    })
  })
})

test.each([
  [
    { status: 'closed' },
    '该问题刚被他人处理（现在是“已销号”），您的操作未提交。已重新加载最新状态，请确认后再操作。',
  ],
  [undefined, '该问题刚被他人处理，您的操作未提交。已重新加载最新状态，请确认后再操作。'],
])('a 409 with the issue now %o explains itself', (current, message) => {
  expect(conflictMessage(current)).toBe(message)
})
