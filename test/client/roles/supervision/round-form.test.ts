// The round form's state: several teams of people with 职务, targets of three kinds, check point search.
import { describe, expect, test } from 'vitest'
import {
  draftOf,
  emptyRoundDraft,
  emptyTeam,
  roundDraftProblems,
  searchCheckpoints,
  teamName,
  toggleTarget,
  toRoundInput,
} from '../../../../client/roles/supervision/round-form.ts'
import type { Round } from '../../../../server/domain/supervision.ts'

const round: Round = {
  id: 'round-0003',
  kind: 'undercover',
  number: 16,
  name: '第16期明察暗访',
  startsOn: '2026-11-16',
  endsOn: '2026-11-20',
  teams: [
    {
      name: '第一督查组',
      leader: { name: '李明', title: '县委督查室主任' },
      members: [{ name: '王芳' }],
    },
  ],
  targets: [{ kind: 'unit', code: 'health', name: '县卫生健康局', visitedOn: '2026-11-17' }],
  createdBy: 'inspector',
  createdAt: '2026-11-15T00:00:00.000Z',
  updatedAt: '2026-11-15T00:00:00.000Z',
}

describe('teams', () => {
  test('teams are named 第一督查组, 第二督查组, … in order', () => {
    expect([0, 1, 9, 10].map(teamName)).toEqual([
      '第一督查组',
      '第二督查组',
      '第十督查组',
      '第11督查组',
    ])
    expect(emptyTeam(2).name).toBe('第三督查组')
  })

  test('two teams go out with leader and members, each with 职务; empty rows are dropped', () => {
    const draft = {
      ...emptyRoundDraft(),
      name: ' 第16期督查 ',
      number: '16',
      startsOn: '2026-11-16',
      endsOn: '2026-11-20',
      teams: [
        {
          name: '第一督查组',
          leader: { name: '李明', title: '县委督查室主任' },
          members: [
            { name: '王芳', title: '县创建办科员' },
            { name: ' ', title: '' },
          ],
        },
        { name: '', leader: { name: '赵强', title: '' }, members: [{ name: '陈静', title: '' }] },
        emptyTeam(2), // no leader: not a team yet
      ],
    }
    expect(roundDraftProblems(draft)).toEqual([])
    expect(toRoundInput(draft)).toMatchObject({
      name: '第16期督查',
      number: 16,
      teams: [
        {
          name: '第一督查组',
          leader: { name: '李明', title: '县委督查室主任' },
          members: [{ name: '王芳', title: '县创建办科员' }],
        },
        { name: '第二督查组', leader: { name: '赵强' }, members: [{ name: '陈静' }] },
      ],
    })
  })

  test('a team with members but no leader, no name, a bad 期次 or no dates keep the form from going', () => {
    const draft = {
      ...emptyRoundDraft(),
      number: '0',
      teams: [{ ...emptyTeam(0), members: [{ name: '王芳', title: '' }] }],
    }
    expect(roundDraftProblems(draft)).toEqual([
      '请填写轮次名称',
      '期次须为 1–9999 的整数',
      '请填写开始和结束日期',
      '第一督查组：请填写组长姓名',
    ])
  })

  test('an existing round opens in the form as it is and goes back unchanged', () => {
    const draft = draftOf(round)
    expect(draft.teams[0]?.members).toEqual([{ name: '王芳', title: '' }])
    const { createdBy: _, id: __, createdAt: ___, updatedAt: ____, ...rest } = round
    expect(toRoundInput(draft)).toEqual(rest)
  })
})

describe('targets', () => {
  test('toggling adds once, removes, and keeps a registered visit', () => {
    const t = { kind: 'checkpoint' as const, code: 'cp-12', name: '农贸市场（示例）' }
    const once = toggleTarget(round.targets, t, true)
    expect(toggleTarget(once, t, true)).toEqual(once)
    expect(once.map((x) => x.code)).toEqual(['health', 'cp-12'])
    expect(toggleTarget(once, t, false)).toEqual(round.targets)
    // re-ticking a visited unit keeps its visitedOn
    const health = { kind: 'unit' as const, code: 'health', name: '县卫生健康局' }
    expect(toggleTarget(round.targets, health, true)[0]?.visitedOn).toBe('2026-11-17')
  })

  test('check points are found by every word of the query in name, id or township; chosen ones are left out', () => {
    const options = [
      { code: 'cp-1', name: '农贸市场（示例）', townshipName: '南诏镇' },
      { code: 'cp-2', name: '汽车客运站（示例）', townshipName: '南诏镇' },
      { code: 'cp-3', name: '农贸市场（示例）', townshipName: '永建镇' },
    ]
    expect(searchCheckpoints(options, '农贸', []).map((o) => o.code)).toEqual(['cp-1', 'cp-3'])
    expect(searchCheckpoints(options, '农贸 永建', []).map((o) => o.code)).toEqual(['cp-3'])
    expect(searchCheckpoints(options, 'CP-2', []).map((o) => o.code)).toEqual(['cp-2'])
    expect(
      searchCheckpoints(options, '南诏', [{ kind: 'checkpoint', code: 'cp-1', name: '' }]).map(
        (o) => o.code,
      ),
    ).toEqual(['cp-2'])
    expect(searchCheckpoints(options, '  ', [])).toEqual([])
    expect(searchCheckpoints(options, '示例', [], 2)).toHaveLength(2)
  })
})
