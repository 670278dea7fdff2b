// 督查轮次: the rounds, a new round's form, and one round's findings, route and coverage.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { type Person, roundKindLabels } from '../../../server/domain/supervision.ts'
import {
  draftBulletin,
  registerVisit,
  roundQuery,
  roundsQuery,
  supervisionKeys,
} from '../../features/supervision/api.ts'
import { formatPercent } from '../../lib/format.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { RoundEditor } from './round-editor.tsx'
import { draftOf, emptyRoundDraft, targetKindLabels } from './round-form.ts'
import { RouteMap } from './route-map.tsx'
import { Kpi, PickList } from './supervision-ui.tsx'

export function RoundsTab({ canEdit }: { canEdit: boolean }) {
  const rounds = useQuery(roundsQuery())
  const [selected, setSelected] = useState<string>()
  const [creating, setCreating] = useState(0) // a new key empties the form after each round made
  const created = (roundId: string) => {
    setSelected(roundId)
    setCreating((n) => n + 1)
  }
  const id = selected ?? rounds.data?.[0]?.id
  return (
    <PickList
      title="督查轮次"
      testId="round-list"
      items={rounds.data}
      selected={id}
      onSelect={setSelected}
      label={(r) => (
        <>
          <strong>{r.name}</strong>
          <span className="muted">
            {roundKindLabels[r.kind]} · {r.startsOn} 至 {r.endsOn}
          </span>
        </>
      )}
      notes={
        <>
          {rounds.isPending && <li className="muted">正在读取督查轮次…</li>}
          {rounds.data?.length === 0 && (
            <li className="muted">
              {canEdit
                ? '尚无督查轮次：在下方填写名称、时间和督查对象，创建第一轮督查。'
                : '尚无督查轮次：督查室（督导员）创建轮次后在此显示。'}
            </li>
          )}
        </>
      }
      detail={id && <RoundPanel key={id} id={id} canEdit={canEdit} />}
    >
      <ErrorText error={rounds.error} />
      {canEdit && <RoundEditor key={creating} initial={emptyRoundDraft()} onSaved={created} />}
    </PickList>
  )
}

function RoundPanel({ id, canEdit }: { id: string; canEdit: boolean }) {
  const detail = useQuery(roundQuery(id))
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState(false)
  // 登记到达: the team was at a target, whether or not it found a problem there
  const visit = useMutation({
    mutationFn: (target: { kind: string; code: string }) => registerVisit(id, target),
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
      {canEdit && !editing && (
        <button type="button" className="text-button" onClick={() => setEditing(true)}>
          修改轮次
        </button>
      )}
      {editing && (
        <RoundEditor
          initial={draftOf(d.round)}
          roundId={d.round.id}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      )}
      <ul className="list compact" data-testid="round-teams-view">
        {d.round.teams.map((t) => (
          <li key={t.name}>
            <strong>{t.name}</strong>：组长 {personText(t.leader)}
            {t.members.length > 0 && `；成员 ${t.members.map(personText).join('、')}`}
          </li>
        ))}
        {d.round.teams.length === 0 && <li className="muted">未登记督查组</li>}
      </ul>
      <div className="kpis" data-testid="round-tallies">
        <Kpi label="发现问题" value={d.tallies.found} />
        <Kpi label="已办结" value={d.tallies.closed} />
        <Kpi label="逾期" value={d.tallies.overdue} />
        <Kpi label="办结率" value={formatPercent(d.tallies.closureRate)} />
        <Kpi label="已到对象" value={`${d.coverage.visited}/${d.coverage.total}`} />
      </div>
      <RouteMap detail={d} />
      <h3>
        督查对象覆盖（已到 {d.coverage.visited} / 共 {d.coverage.total}）
      </h3>
      <ul className="list compact" data-testid="round-coverage">
        {d.coverage.targets.map((t) => (
          <li key={`${t.kind}-${t.code}`} className={t.visited ? '' : 'muted'}>
            <span className={`tag tag--${t.visited ? 'visited' : 'pending'}`}>
              {targetKindLabels[t.kind]}
            </span>
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

/** 李明（县委督查室主任） */
const personText = (p: Person) => (p.title ? `${p.name}（${p.title}）` : p.name)
