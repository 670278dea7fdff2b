// The round form's state (督查轮次的编辑): teams of people with 职务 and targets of the three kinds,
// as plain values the editor changes and turns into the POST / PATCH body. Pure.
import type {
  NewRound,
  Person,
  Round,
  RoundKind,
  RoundTarget,
  TargetKind,
} from '../../../server/domain/supervision.ts'

export interface PersonDraft {
  name: string
  title: string // 职务; may stay empty
}

export interface TeamDraft {
  name: string // 第一督查组
  leader: PersonDraft
  members: PersonDraft[]
}

export interface RoundDraft {
  kind: RoundKind
  number: string // as typed; checked on submit
  name: string
  startsOn: string
  endsOn: string
  teams: TeamDraft[]
  targets: RoundTarget[] // kept as given, so a visit already registered (visitedOn) survives an edit
}

const ordinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 第一督查组, 第二督查组, … (第11督查组 beyond ten). */
export function teamName(index: number): string {
  return `第${ordinals[index] ?? index + 1}督查组`
}

export const emptyPerson = (): PersonDraft => ({ name: '', title: '' })

export const emptyTeam = (index: number): TeamDraft => ({
  name: teamName(index),
  leader: emptyPerson(),
  members: [],
})

export function emptyRoundDraft(): RoundDraft {
  return {
    kind: 'inspection',
    number: '1',
    name: '',
    startsOn: '',
    endsOn: '',
    teams: [emptyTeam(0)],
    targets: [],
  }
}

const personDraft = (p: Person): PersonDraft => ({ name: p.name, title: p.title ?? '' })

/** The form for changing an existing round. */
export function draftOf(round: Round): RoundDraft {
  return {
    kind: round.kind,
    number: String(round.number),
    name: round.name,
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    teams: round.teams.map((t) => ({
      name: t.name,
      leader: personDraft(t.leader),
      members: t.members.map(personDraft),
    })),
    targets: round.targets,
  }
}

function person(p: PersonDraft): Person | undefined {
  const name = p.name.trim()
  if (!name) return undefined
  const title = p.title.trim()
  return title ? { name, title } : { name }
}

/** The request body: names trimmed, members without a name dropped, teams without a leader dropped. */
export function toRoundInput(draft: RoundDraft): Omit<NewRound, 'createdBy'> {
  return {
    kind: draft.kind,
    number: Number(draft.number),
    name: draft.name.trim(),
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    teams: draft.teams.flatMap((t, i) => {
      const leader = person(t.leader)
      if (!leader) return []
      return [
        {
          name: t.name.trim() || teamName(i),
          leader,
          members: t.members.flatMap((m) => person(m) ?? []),
        },
      ]
    }),
    targets: draft.targets,
  }
}

/** What keeps the form from being sent, in Chinese; empty when it may be sent. */
export function roundDraftProblems(draft: RoundDraft): string[] {
  const problems: string[] = []
  if (!draft.name.trim()) problems.push('请填写轮次名称')
  if (!/^\d{1,4}$/.test(draft.number) || Number(draft.number) < 1)
    problems.push('期次须为 1–9999 的整数')
  if (!draft.startsOn || !draft.endsOn) problems.push('请填写开始和结束日期')
  draft.teams.forEach((t, i) => {
    const named = t.members.some((m) => m.name.trim()) || t.leader.title.trim()
    if (!t.leader.name.trim() && named)
      problems.push(`${t.name.trim() || teamName(i)}：请填写组长姓名`)
  })
  return problems
}

export const sameTarget = (a: Pick<RoundTarget, 'kind' | 'code'>, b: typeof a) =>
  a.kind === b.kind && a.code === b.code

/** Adds (on) or removes a target; adding one already there changes nothing. */
export function toggleTarget(
  targets: readonly RoundTarget[],
  target: RoundTarget,
  on: boolean,
): RoundTarget[] {
  const rest = targets.filter((t) => !sameTarget(t, target))
  return on ? [...rest, targets.find((t) => sameTarget(t, target)) ?? target] : rest
}

export const targetKindLabels: Readonly<Record<TargetKind, string>> = {
  township: '乡镇',
  unit: '责任单位',
  checkpoint: '测评点位',
}

export interface CheckpointOption {
  code: string // the check point's feature id
  name: string
  townshipName?: string
}

/**
 * Check points whose name, id or township contains every space-separated word of the query, those
 * already chosen left out, at most `limit`: the layer has hundreds, the list shows a screenful.
 */
export function searchCheckpoints(
  options: readonly CheckpointOption[],
  query: string,
  chosen: readonly RoundTarget[],
  limit = 12,
): CheckpointOption[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return []
  const out: CheckpointOption[] = []
  for (const o of options) {
    if (chosen.some((t) => t.kind === 'checkpoint' && t.code === o.code)) continue
    const hay = `${o.name} ${o.code} ${o.townshipName ?? ''}`.toLowerCase()
    if (words.every((w) => hay.includes(w))) out.push(o)
    if (out.length >= limit) break
  }
  return out
}
