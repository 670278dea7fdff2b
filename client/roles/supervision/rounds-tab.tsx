// 督查轮次: the rounds, a new round's form, and one round's findings, route and coverage.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  type RoundKind,
  type RoundTarget,
  roundKindLabels,
  roundKinds,
} from '../../../server/domain/supervision.ts'
import { townshipsQuery } from '../../features/boundaries/api.ts'
import {
  createRound,
  draftBulletin,
  roundQuery,
  roundsQuery,
  supervisionKeys,
  unitsQuery,
  updateRound,
} from '../../features/supervision/api.ts'
import { formatDate, formatPercent } from '../../lib/format.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { RouteMap } from './route-map.tsx'
import { Kpi } from './supervision-ui.tsx'

export function RoundsTab({ canEdit }: { canEdit: boolean }) {
  const rounds = useQuery(roundsQuery())
  const [selected, setSelected] = useState<string>()
  const id = selected ?? rounds.data?.[0]?.id
  return (
    <div className="supervision__columns">
      <section className="card">
        <h2>督查轮次</h2>
        <ul className="list" data-testid="round-list">
          {rounds.data?.map((r) => (
            <li key={r.id}>
              <button type="button" aria-pressed={r.id === id} onClick={() => setSelected(r.id)}>
                <strong>{r.name}</strong>
                <span className="muted">
                  {roundKindLabels[r.kind]} · {r.startsOn} 至 {r.endsOn}
                </span>
              </button>
            </li>
          ))}
          {rounds.data?.length === 0 && <li className="muted">尚无督查轮次</li>}
        </ul>
        {canEdit && <RoundForm onCreated={setSelected} />}
      </section>
      {id && <RoundPanel id={id} canEdit={canEdit} />}
    </div>
  )
}

function RoundForm({ onCreated }: { onCreated: (id: string) => void }) {
  const queryClient = useQueryClient()
  const units = useQuery(unitsQuery())
  const townships = useQuery(townshipsQuery())
  const townshipOptions = (townships.data?.features ?? []).flatMap((f) =>
    f.properties.code && f.properties.name
      ? [{ code: f.properties.code, name: f.properties.name }]
      : [],
  )
  const [kind, setKind] = useState<RoundKind>('inspection')
  const [number, setNumber] = useState('1')
  const [name, setName] = useState('')
  const [startsOn, setStartsOn] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const [leader, setLeader] = useState('')
  const [members, setMembers] = useState('')
  const [targets, setTargets] = useState<RoundTarget[]>([])
  const has = (t: Pick<RoundTarget, 'kind' | 'code'>) =>
    targets.some((x) => x.kind === t.kind && x.code === t.code)
  const toggle = (t: RoundTarget, on: boolean) =>
    setTargets((list) =>
      on ? [...list, t] : list.filter((x) => !(x.kind === t.kind && x.code === t.code)),
    )
  const mutation = useMutation({
    mutationFn: () =>
      createRound({
        kind,
        number: Number(number),
        name: name.trim(),
        startsOn,
        endsOn,
        teams: leader.trim()
          ? [
              {
                name: '第一督查组',
                leader: { name: leader.trim() },
                members: members
                  .split(/[、,，\s]+/)
                  .filter(Boolean)
                  .map((m) => ({ name: m })),
              },
            ]
          : [],
        targets,
      }),
    onSuccess: (round) => {
      void queryClient.invalidateQueries({ queryKey: supervisionKeys.rounds() })
      onCreated(round.id)
    },
  })
  return (
    <form
      className="form"
      data-testid="round-form"
      onSubmit={(e) => {
        e.preventDefault()
        mutation.mutate()
      }}
    >
      <h3>新建轮次</h3>
      <label>
        类型
        <select value={kind} onChange={(e) => setKind(e.target.value as RoundKind)} name="kind">
          {roundKinds.map((k) => (
            <option key={k} value={k}>
              {roundKindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        期次
        <input
          name="number"
          type="number"
          min={1}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
      </label>
      <label>
        名称
        <input
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="2026年第16期督查"
        />
      </label>
      <label>
        开始日期
        <input
          name="startsOn"
          type="date"
          value={startsOn}
          onChange={(e) => setStartsOn(e.target.value)}
        />
      </label>
      <label>
        结束日期
        <input
          name="endsOn"
          type="date"
          value={endsOn}
          onChange={(e) => setEndsOn(e.target.value)}
        />
      </label>
      <label>
        组长
        <input name="leader" value={leader} onChange={(e) => setLeader(e.target.value)} />
      </label>
      <label>
        成员（顿号分隔）
        <input name="members" value={members} onChange={(e) => setMembers(e.target.value)} />
      </label>
      <fieldset>
        <legend>督查对象（乡镇）</legend>
        <div className="checks">
          {townshipOptions.map((t) => (
            <label key={t.code}>
              <input
                type="checkbox"
                value={t.code}
                checked={has({ kind: 'township', code: t.code })}
                onChange={(e) => toggle({ kind: 'township', ...t }, e.target.checked)}
              />
              {t.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>督查对象（责任单位）</legend>
        <div className="checks">
          {units.data?.map((u) => (
            <label key={u.code}>
              <input
                type="checkbox"
                value={u.code}
                checked={has({ kind: 'unit', code: u.code })}
                onChange={(e) =>
                  toggle({ kind: 'unit', code: u.code, name: u.name }, e.target.checked)
                }
              />
              {u.name}
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorText error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>
        创建轮次
      </button>
    </form>
  )
}

function RoundPanel({ id, canEdit }: { id: string; canEdit: boolean }) {
  const detail = useQuery(roundQuery(id))
  const queryClient = useQueryClient()
  // 登记到达: the team was at a target, whether or not it found a problem there
  const visit = useMutation({
    mutationFn: (target: { kind: string; code: string }) => {
      const today = formatDate(new Date().toISOString())
      const targets = (detail.data?.round.targets ?? []).map((t) =>
        t.kind === target.kind && t.code === target.code ? { ...t, visitedOn: today } : t,
      )
      return updateRound(id, { targets })
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supervisionKeys.rounds() }),
  })
  const draft = useMutation({
    mutationFn: () => draftBulletin({ roundId: id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supervisionKeys.documents() }),
  })
  const d = detail.data
  if (!d) return <section className="card muted">加载中…</section>
  return (
    <section className="card" data-testid="round-panel">
      <h2>{d.round.name}</h2>
      <p className="muted">
        {roundKindLabels[d.round.kind]} · 第{d.round.number}期 · {d.round.startsOn} 至{' '}
        {d.round.endsOn}
      </p>
      <p>
        {d.round.teams
          .map(
            (t) =>
              `${t.name}：组长 ${t.leader.name}${t.members.length ? `，成员 ${t.members.map((m) => m.name).join('、')}` : ''}`,
          )
          .join('；') || '未登记督查组'}
      </p>
      <div className="kpis" data-testid="round-tallies">
        <Kpi label="发现问题" value={d.tallies.found} />
        <Kpi label="已办结" value={d.tallies.closed} />
        <Kpi label="逾期" value={d.tallies.overdue} />
        <Kpi label="办结率" value={formatPercent(d.tallies.closureRate)} />
        <Kpi label="已到对象" value={`${d.coverage.visited}/${d.coverage.total}`} />
      </div>
      <RouteMap detail={d} />
      <h3>督查对象覆盖</h3>
      <ul className="list compact" data-testid="round-coverage">
        {d.coverage.targets.map((t) => (
          <li key={`${t.kind}-${t.code}`} className={t.visited ? '' : 'muted'}>
            {t.name}：
            {t.issues
              ? `已督查，发现问题 ${t.issues} 个`
              : t.visitedOn
                ? `已到达（${t.visitedOn}），未发现问题`
                : '尚未到达'}
            {canEdit && !t.visited && (
              <button
                type="button"
                className="text-button"
                disabled={visit.isPending}
                onClick={() => visit.mutate(t)}
                data-testid={`visit-${t.code}`}
              >
                登记到达
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorText error={visit.error} />
      <button
        type="button"
        onClick={() => draft.mutate()}
        disabled={draft.isPending}
        data-testid="draft-round-bulletin"
      >
        起草本轮督查通报
      </button>
      {draft.data && <p className="ok">已起草本轮督查通报，请到“通报与通知书”中编辑并印发。</p>}
      <ErrorText error={draft.error} />
    </section>
  )
}
