// The form that creates a round or changes one: type, 期次, name, dates, any number of 督查组 (组长
// and 成员 with 职务), and targets of the three kinds — townships, units, and check points picked
// from the check point layer by a search.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ChangeEvent, useMemo, useState } from 'react'
import {
  type RoundKind,
  type RoundTarget,
  roundKindLabels,
  roundKinds,
} from '../../../server/domain/supervision.ts'
import { townshipsQuery } from '../../features/boundaries/api.ts'
import { checkpointsQuery } from '../../features/checkpoints/api.ts'
import {
  createRound,
  supervisionKeys,
  unitsQuery,
  updateRound,
} from '../../features/supervision/api.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { optionsOf, SelectOptions } from '../../ui/labelled-select.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import {
  type CheckpointOption,
  emptyPerson,
  emptyTeam,
  type PersonDraft,
  type RoundDraft,
  roundDraftProblems,
  sameTarget,
  searchCheckpoints,
  type TeamDraft,
  targetKindLabels,
  toggleTarget,
  toRoundInput,
} from './round-form.ts'
import { Checks } from './supervision-ui.tsx'

export interface RoundEditorProps {
  initial: RoundDraft
  roundId?: string // absent: a new round
  onSaved: (id: string) => void
  onCancel?: () => void
}

export function RoundEditor({ initial, roundId, onSaved, onCancel }: RoundEditorProps) {
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState(initial)
  const [tried, setTried] = useState(false)
  const set = (patch: Partial<RoundDraft>) => setDraft((d) => ({ ...d, ...patch }))
  // the props of an input that edits one text field of the draft
  const field = (name: 'number' | 'name' | 'startsOn' | 'endsOn') => ({
    name,
    value: draft[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setDraft((d) => ({ ...d, [name]: e.target.value })),
  })
  const problems = roundDraftProblems(draft)
  const mutation = useMutation({
    mutationFn: () =>
      roundId ? updateRound(roundId, toRoundInput(draft)) : createRound(toRoundInput(draft)),
    onSuccess: (round) => {
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.rounds() })
      onSaved(round.id)
    },
  })
  return (
    <SubmitForm
      className="form"
      data-testid="round-form"
      onSubmit={() => {
        setTried(true)
        if (problems.length === 0) mutation.mutate()
      }}
    >
      <h3>{roundId ? '修改轮次' : '新建轮次'}</h3>
      <label>
        类型
        <select
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as RoundKind })}
          name="kind"
        >
          <SelectOptions options={optionsOf(roundKinds, roundKindLabels)} />
        </select>
      </label>
      <label>
        期次
        <input type="number" min={1} {...field('number')} />
      </label>
      <label>
        名称
        <input {...field('name')} placeholder="2026年第16期督查" />
      </label>
      <label>
        开始日期
        <input type="date" {...field('startsOn')} />
      </label>
      <label>
        结束日期
        <input type="date" {...field('endsOn')} />
      </label>
      <TeamsEditor teams={draft.teams} onChange={(teams) => set({ teams })} />
      <TargetsEditor targets={draft.targets} onChange={(targets) => set({ targets })} />
      {tried &&
        problems.map((p) => (
          <p key={p} className="form-error" role="alert">
            {p}
          </p>
        ))}
      <ErrorText error={mutation.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {roundId ? '保存修改' : '创建轮次'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            取消
          </button>
        )}
      </div>
    </SubmitForm>
  )
}

function TeamsEditor({
  teams,
  onChange,
}: {
  teams: TeamDraft[]
  onChange: (teams: TeamDraft[]) => void
}) {
  const setTeam = (i: number, patch: Partial<TeamDraft>) =>
    onChange(teams.map((t, k) => (k === i ? { ...t, ...patch } : t)))
  return (
    <fieldset data-testid="round-teams">
      <legend>督查组</legend>
      {teams.map((team, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: teams have no id; order is their identity
        <div className="team" key={i} data-testid={`team-${i}`}>
          <div className="team__head">
            <input
              aria-label="组名"
              name={`team-${i}-name`}
              value={team.name}
              onChange={(e) => setTeam(i, { name: e.target.value })}
            />
            <button
              type="button"
              className="text-button"
              onClick={() => onChange(teams.filter((_, k) => k !== i))}
            >
              删除该组
            </button>
          </div>
          <PersonRow
            label="组长"
            person={team.leader}
            name={`team-${i}-leader`}
            onChange={(leader) => setTeam(i, { leader })}
          />
          {team.members.map((m, j) => (
            <PersonRow
              // biome-ignore lint/suspicious/noArrayIndexKey: members have no id either
              key={j}
              label={`成员${j + 1}`}
              person={m}
              name={`team-${i}-member-${j}`}
              onChange={(p) =>
                setTeam(i, { members: team.members.map((x, k) => (k === j ? p : x)) })
              }
              onRemove={() => setTeam(i, { members: team.members.filter((_, k) => k !== j) })}
            />
          ))}
          <button
            type="button"
            className="text-button"
            onClick={() => setTeam(i, { members: [...team.members, emptyPerson()] })}
            data-testid={`add-member-${i}`}
          >
            ＋ 添加成员
          </button>
        </div>
      ))}
      <button
        type="button"
        className="text-button"
        onClick={() => onChange([...teams, emptyTeam(teams.length)])}
        data-testid="add-team"
      >
        ＋ 添加督查组
      </button>
    </fieldset>
  )
}

function PersonRow(props: {
  label: string
  person: PersonDraft
  name: string
  onChange: (p: PersonDraft) => void
  onRemove?: () => void
}) {
  const { label, person, name, onChange, onRemove } = props
  const input = (field: 'name' | 'title', caption: string) => (
    <input
      aria-label={`${label}${caption}`}
      name={`${name}-${field}`}
      placeholder={caption}
      value={person[field]}
      onChange={(e) => onChange({ ...person, [field]: e.target.value })}
    />
  )
  return (
    <div className="person-row">
      <span className="person-row__role">{label}</span>
      {input('name', '姓名')}
      {input('title', '职务')}
      {onRemove && (
        <button type="button" className="text-button" onClick={onRemove} aria-label="删除成员">
          ×
        </button>
      )}
    </div>
  )
}

function TargetsEditor({
  targets,
  onChange,
}: {
  targets: RoundTarget[]
  onChange: (targets: RoundTarget[]) => void
}) {
  const units = useQuery(unitsQuery())
  const townships = useQuery(townshipsQuery())
  const townshipOptions = (townships.data?.features ?? []).flatMap((f) =>
    f.properties.code && f.properties.name
      ? [{ code: f.properties.code, name: f.properties.name }]
      : [],
  )
  const has = (kind: RoundTarget['kind'], code: string) =>
    targets.some((t) => sameTarget(t, { kind, code }))
  const toggle = (t: RoundTarget, on: boolean) => onChange(toggleTarget(targets, t, on))
  return (
    <>
      <fieldset>
        <legend>督查对象（乡镇）</legend>
        <Checks
          items={townshipOptions}
          value={(t) => t.code}
          checked={(t) => has('township', t.code)}
          onToggle={(t, on) => toggle({ kind: 'township', ...t }, on)}
          label={(t) => t.name}
        />
      </fieldset>
      <fieldset>
        <legend>督查对象（责任单位）</legend>
        <Checks
          items={units.data}
          value={(u) => u.code}
          checked={(u) => has('unit', u.code)}
          onToggle={(u, on) => toggle({ kind: 'unit', code: u.code, name: u.name }, on)}
          label={(u) => u.name}
        />
      </fieldset>
      <CheckpointPicker
        targets={targets}
        townshipNames={new Map(townshipOptions.map((t) => [t.code, t.name]))}
        onPick={(t, on) => toggle(t, on)}
      />
      <p className="muted" data-testid="target-count">
        已选督查对象 {targets.length} 个
        {targets.length > 0 &&
          `（${(['township', 'unit', 'checkpoint'] as const)
            .map((k) => `${targetKindLabels[k]} ${targets.filter((t) => t.kind === k).length}`)
            .join('，')}）`}
      </p>
    </>
  )
}

function CheckpointPicker(props: {
  targets: RoundTarget[]
  townshipNames: ReadonlyMap<string, string>
  onPick: (t: RoundTarget, on: boolean) => void
}) {
  const { targets, townshipNames, onPick } = props
  const checkpoints = useQuery(checkpointsQuery())
  const [query, setQuery] = useState('')
  const options = useMemo(
    (): CheckpointOption[] =>
      (checkpoints.data?.features ?? []).map((f) => ({
        code: String(f.id),
        name: f.properties.name,
        townshipName: townshipNames.get(f.properties.townshipCode),
      })),
    [checkpoints.data, townshipNames],
  )
  const found = searchCheckpoints(options, query, targets)
  const chosen = targets.filter((t) => t.kind === 'checkpoint')
  return (
    <fieldset data-testid="checkpoint-picker">
      <legend>督查对象（测评点位）</legend>
      <input
        type="search"
        name="checkpoint-search"
        aria-label="搜索测评点位"
        placeholder="输入点位名称、编号或乡镇搜索"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() && (
        <ul className="list compact" data-testid="checkpoint-results">
          {found.map((o) => (
            <li key={o.code}>
              <button
                type="button"
                className="text-button"
                onClick={() => onPick({ kind: 'checkpoint', code: o.code, name: o.name }, true)}
              >
                ＋ {o.name}
                {o.townshipName && <span className="muted">（{o.townshipName}）</span>}
              </button>
            </li>
          ))}
          {found.length === 0 && <li className="muted">没有匹配的点位</li>}
        </ul>
      )}
      <ul className="chips" data-testid="checkpoint-chosen">
        {chosen.map((t) => (
          <li key={t.code}>
            {t.name}
            <button
              type="button"
              className="text-button"
              aria-label={`移除${t.name}`}
              onClick={() => onPick(t, false)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  )
}
